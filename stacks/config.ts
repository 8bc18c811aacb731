import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { cacheNodeType } from "../catalog/cacheNodeTypes";
import { instanceType } from "../catalog/instanceTypes";
import { eksZones, regionFacts } from "../catalog/regions";
import { apiAccessProblems } from "../components/cluster/apiAccess";
import { overlaps, parseCidr } from "../components/network/cidr";
import { remoteNetworkProblems } from "../components/network/transit";
import { SMALLEST_SUBNET_PREFIX, smallestSubnetPrefix } from "../components/network/plan";
import { PRESETS, REPLACED_WHOLE } from "./presets";
import { routingProblems } from "../components/mesh/routing";
import { unservedMetrics } from "../components/observability/metrics";
import { hpaResources } from "../components/workload/hpa";
import { cpuMillis, doubledCpu, memoryBytes } from "../components/workload/quantity";
import { planSchedule } from "../components/workload/schedule";
import { imagePinProblem } from "../components/workload/image";
import { poolName } from "../components/workload/pod";
import { cacheUserProblems, defaultKeys } from "../components/redis/users";
import { checkVpaBounds, resolveVpa } from "../components/workload/vpa";
import { CONFIG_KEYS, ClusterConfig, ENVIRONMENTS, Environment, ParsedPlatform, RedisShape, RegionConfig, apiAccessSchema, observabilitySchema, platformSchema, serviceSchema } from "./schema";

/** The config namespace of every Strata setting. */
export const NAMESPACE = "strata";

export interface ResolvedRegion extends Omit<RegionConfig, "cluster" | "postgres"> {
    /** Postgres readers per shard in this region. */
    readonly postgresReplicasPerShard: number;
    /** This region's Redis shape, with the `redis` section's defaults filled in. */
    readonly redis: Required<RedisShape>;
    /** The platform's `cluster` section with this region's overrides applied. */
    readonly cluster: ClusterConfig;
    /** Zones used in this region (`availabilityZones.length`, else `network.azCount`). */
    readonly azCount: number;
}

/** The validated, defaulted config every component is built from. */
export interface PlatformConfig extends Omit<ParsedPlatform, "regions"> {
    /** The Pulumi stack name. */
    readonly stack: string;
    readonly regions: readonly ResolvedRegion[];
}

export type ConfigResult = { readonly ok: true; readonly config: PlatformConfig } | { readonly ok: false; readonly errors: readonly string[] };

type Path = readonly (string | number)[];

interface Problem {
    readonly path: Path;
    readonly message: string;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** `strata:regions[1].name` */
export function configPath(path: Path): string {
    const [head, ...rest] = path;
    return `${NAMESPACE}:${String(head ?? "")}` + rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}

function valueAt(root: unknown, path: Path): unknown {
    let node = root;
    for (const key of path) {
        if (Array.isArray(node) && typeof key === "number") node = node[key];
        else if (isRecord(node) && typeof key === "string") node = node[key];
        else return undefined;
    }
    return node;
}

/** " (got 0)" for a scalar, " (missing)" for nothing; lists and objects are too long to echo usefully. */
function describeValue(value: unknown): string {
    if (value === undefined) return " (missing)";
    if (typeof value === "object" && value !== null) return "";
    const text = JSON.stringify(value);
    return ` (got ${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}

/** Preset values under the stack's own: objects merge key by key, lists and REPLACED_WHOLE maps are replaced. */
function overlay(preset: unknown, stack: unknown, path: string): unknown {
    if (stack === undefined) return preset;
    if (!isRecord(preset) || !isRecord(stack) || REPLACED_WHOLE.includes(path)) return stack;
    const merged: Json = { ...preset };
    for (const [key, value] of Object.entries(stack)) merged[key] = overlay(preset[key], value, path ? `${path}.${key}` : key);
    return merged;
}

function zodProblems(error: z.ZodError): Problem[] {
    return error.issues.flatMap((issue): Problem[] => {
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((key) => ({ path: [...issue.path, key] as Path, message: issue.message }));
        }
        if (issue.code === "invalid_key") {
            const inner = issue.issues[0]?.message ?? issue.message;
            return [{ path: issue.path as Path, message: `the name is invalid: ${inner}` }];
        }
        return [{ path: issue.path as Path, message: issue.message }];
    });
}

const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const entries = (value: unknown): [string, Json][] =>
    isRecord(value) ? Object.entries(value).filter((e): e is [string, Json] => isRecord(e[1])) : [];
const items = (value: unknown): Json[] => (Array.isArray(value) ? value.map((v) => (isRecord(v) ? v : {})) : []);

function tryCidr(text: unknown) {
    try {
        return typeof text === "string" ? parseCidr(text) : undefined;
    } catch {
        return undefined;
    }
}

/*
 * Rules that span fields. They read the merged input defensively rather than the parsed result, so
 * they still run (and report) when an unrelated field is invalid: the user sees every problem at once.
 */
function regionProblems(input: Json): Problem[] {
    const problems: Problem[] = [];
    const regions = items(input.regions);
    if (regions.length === 0) return problems;
    const network = isRecord(input.network) ? input.network : {};

    const primaries = regions.filter((r) => r.primary === true).length;
    if (primaries !== 1) problems.push({ path: ["regions"], message: `exactly one region must have primary: true (found ${primaries})` });

    const weights = regions.map((r) => num(r.trafficWeight));
    if (weights.every((w) => w !== undefined)) {
        const total = weights.reduce<number>((a, w) => a + (w ?? 0), 0);
        if (total !== 100) problems.push({ path: ["regions"], message: `trafficWeight of all regions must add up to 100 (they add up to ${total})` });
    }

    const seen = new Map<string, number>();
    const seenKeys = new Map<string, number>();
    const cidrs: { index: number; cidr: ReturnType<typeof parseCidr> }[] = [];
    regions.forEach((region, index) => {
        const name = str(region.name);
        if (name !== undefined) {
            const first = seen.get(name);
            if (first !== undefined) problems.push({ path: ["regions", index, "name"], message: `duplicate region "${name}" (already regions[${first}]); each region appears once` });
            else seen.set(name, index);
        }
        const key = str(region.userRegionKey);
        if (key !== undefined) {
            const first = seenKeys.get(key);
            if (first !== undefined) problems.push({ path: ["regions", index, "userRegionKey"], message: `duplicate key "${key}" (already regions[${first}]); each region needs its own` });
            else seenKeys.set(key, index);
        }
        const cidr = tryCidr(region.vpcCidr);
        if (region.vpcCidr !== undefined && typeof region.vpcCidr === "string" && cidr === undefined && /^[\d./]+$/.test(region.vpcCidr)) {
            problems.push({ path: ["regions", index, "vpcCidr"], message: "must be a network address: the host bits after the prefix must be zero" });
        }
        if (cidr) {
            const clash = cidrs.find((c) => overlaps(c.cidr, cidr));
            if (clash) problems.push({ path: ["regions", index, "vpcCidr"], message: `overlaps regions[${clash.index}].vpcCidr; VPCs of all regions must use disjoint address space` });
            cidrs.push({ index, cidr });
        }
        const zones = Array.isArray(region.availabilityZones) ? region.availabilityZones : undefined;
        const azCount = zones ? zones.length : num(network.azCount);
        const facts = name === undefined ? undefined : regionFacts(name);
        if (zones && facts) {
            const names = facts.zones.map((z) => z.name);
            zones.forEach((zone, z) => {
                if (typeof zone === "string" && !names.includes(zone)) {
                    problems.push({ path: ["regions", index, "availabilityZones", z], message: `must be a zone of ${name}: ${names.join(", ")} (catalog/regions.ts)` });
                }
            });
            if (new Set(zones).size !== zones.length) problems.push({ path: ["regions", index, "availabilityZones"], message: "must not list a zone twice" });
            if (zones.length < 2 || zones.length > 6) problems.push({ path: ["regions", index, "availabilityZones"], message: "must list from 2 to 6 zones" });
        }
        // The network takes the region's first azCount zones less those EKS refuses for cluster subnets.
        const usable = name === undefined ? [] : eksZones(name);
        if (!zones && facts && azCount !== undefined && azCount > usable.length) {
            const refused = facts.eksUnsupportedZoneIds.length > 0 ? `; EKS refuses ${facts.eksUnsupportedZoneIds.join(", ")} for cluster subnets` : "";
            problems.push({
                path: ["network", "azCount"],
                message: `must be at most ${usable.length} for ${name} (regions[${index}]): it has ${usable.length} zones a cluster can use (${usable.map((z) => z.id).sort().join(", ")})${refused}`,
            });
        }
        if (cidr && azCount !== undefined && azCount >= 1) {
            const smallest = smallestSubnetPrefix(cidr.prefix, azCount);
            if (smallest > SMALLEST_SUBNET_PREFIX) {
                problems.push({ path: ["regions", index, "vpcCidr"], message: `is too small for ${azCount} zones (subnets would be /${smallest}; AWS allows at most /${SMALLEST_SUBNET_PREFIX})` });
            }
        }
    });
    return problems;
}

/** Node group rules, for the platform's groups and for every region that overrides them. */
function nodeGroupProblems(nodeGroups: unknown, at: Path, environment: Environment, zones: number): Problem[] {
    const problems: Problem[] = [];
    const groups = entries(nodeGroups);
    for (const [name, group] of groups) {
        const path = [...at, name];
        const [min, desired, max] = [num(group.minSize), num(group.desiredSize), num(group.maxSize)];
        if (min !== undefined && max !== undefined && min > max) problems.push({ path: [...path, "maxSize"], message: `maxSize (${max}) must be ≥ minSize (${min})` });
        if (desired !== undefined && min !== undefined && desired < min) problems.push({ path: [...path, "desiredSize"], message: `desiredSize (${desired}) must be ≥ minSize (${min})` });
        if (desired !== undefined && max !== undefined && desired > max) problems.push({ path: [...path, "desiredSize"], message: `desiredSize (${desired}) must be ≤ maxSize (${max})` });
        // One group per zone (components/cluster/nodeGroups.ts): each needs a maximum of at least 1.
        if (max !== undefined && max < zones) problems.push({ path: [...path, "maxSize"], message: `must be ≥ ${zones}: the group is split into one group per zone, and each needs a maximum of at least 1` });
        const types = Array.isArray(group.instanceTypes) ? group.instanceTypes : [];
        // EKS CreateNodegroup takes one amiType (AL2023_x86_64_STANDARD or AL2023_ARM_64_STANDARD), so one architecture;
        // the architecture of each type is catalog/instanceTypes.ts' (DescribeInstanceTypes).
        const byArch = new Map<string, string[]>();
        for (const t of types) {
            const arch = typeof t === "string" ? instanceType(t)?.architecture : undefined;
            if (arch) byArch.set(arch, [...(byArch.get(arch) ?? []), t as string]);
        }
        if (byArch.size > 1) {
            problems.push({ path: [...path, "instanceTypes"], message: `mixes ${[...byArch].map(([arch, names]) => `${arch} (${names.join(", ")})`).join(" and ")}: a node group runs one AMI type, so one architecture; split it into two groups` });
        }
        if (environment === "prod" && group.capacityType === "SPOT" && types.length === 1) {
            problems.push({ path: [...path, "instanceTypes"], message: "a SPOT group in prod needs at least 2 instance types, so one reclaimed spot pool cannot empty it" });
        }
        if (group.role === "system" && group.capacityType === "SPOT") {
            problems.push({ path: [...path, "capacityType"], message: "system groups must be ON_DEMAND: cluster add-ons must not run on reclaimable capacity" });
        }
    }
    if (isRecord(nodeGroups)) {
        for (const role of ["system", "workload"]) {
            if (!groups.some(([, g]) => g.role === role)) problems.push({ path: at, message: `must hold at least one group with role: ${role}` });
        }
    }
    return problems;
}

function clusterProblems(input: Json, environment: Environment): Problem[] {
    const cluster = isRecord(input.cluster) ? input.cluster : {};
    const network = isRecord(input.network) ? input.network : {};
    const zonesOf = (region: Json) => (Array.isArray(region.availabilityZones) ? region.availabilityZones.length : num(network.azCount) ?? 0);
    const regions = items(input.regions);
    // The platform's groups run in every region that does not bring its own.
    const sharedZones = Math.max(0, ...regions.filter((r) => !isRecord(r.cluster) || r.cluster.nodeGroups === undefined).map(zonesOf));
    const problems = nodeGroupProblems(cluster.nodeGroups, ["cluster", "nodeGroups"], environment, sharedZones);
    const openEndpoint = (cidrs: unknown) => cluster.endpointPublicAccess === true && Array.isArray(cidrs) && cidrs.length === 0;
    const noCidrs = "must list at least one CIDR while endpointPublicAccess is true: an endpoint open to the internet is never a default";
    if (openEndpoint(cluster.publicAccessCidrs)) problems.push({ path: ["cluster", "publicAccessCidrs"], message: noCidrs });
    regions.forEach((region, index) => {
        const override = isRecord(region.cluster) ? region.cluster : {};
        if (override.nodeGroups !== undefined) problems.push(...nodeGroupProblems(override.nodeGroups, ["regions", index, "cluster", "nodeGroups"], environment, zonesOf(region)));
        if (override.publicAccessCidrs !== undefined && openEndpoint(override.publicAccessCidrs)) problems.push({ path: ["regions", index, "cluster", "publicAccessCidrs"], message: noCidrs });
    });
    if (environment === "prod" && cluster.endpointPublicAccess === true) {
        problems.push({ path: ["cluster", "endpointPublicAccess"], message: "must be false in prod: the API server is reached through the VPC only" });
    }
    if (environment === "prod" && isRecord(input.cluster)) {
        // Break glass: the deployer's identity is the only other cluster admin, and it lives in CI; an incident that
        // takes CI down must not also lock people out of every cluster.
        const breakGlass = "must name at least one break-glass admin role in prod (an IAM role people assume when the deployer cannot act), granted cluster-admin through an access entry";
        const shared = Array.isArray(cluster.adminRoleArns) ? cluster.adminRoleArns : [];
        regions.forEach((region, index) => {
            const own = isRecord(region.cluster) && Array.isArray(region.cluster.adminRoleArns) ? region.cluster.adminRoleArns : undefined;
            if (own !== undefined && own.length === 0) problems.push({ path: ["regions", index, "cluster", "adminRoleArns"], message: breakGlass });
        });
        const inheriting = regions.some((region) => !isRecord(region.cluster) || !Array.isArray(region.cluster.adminRoleArns));
        if (inheriting && shared.length === 0) problems.push({ path: ["cluster", "adminRoleArns"], message: breakGlass });
    }
    return problems;
}

/**
 * The deployer's access to each region's API: the region's own `cluster.apiAccess`, else the platform's. Rules that
 * need a well-formed apiAccess skip one whose field errors the schema reports already.
 */
function apiAccessConfigProblems(input: Json): Problem[] {
    const cluster = isRecord(input.cluster) ? input.cluster : undefined;
    // Without a readable cluster section the endpoint's privacy is unknown; the schema reports the section.
    const privacyKnown = cluster !== undefined && typeof cluster.endpointPublicAccess === "boolean";
    return items(input.regions).flatMap((region, index): Problem[] => {
        if (region.cluster !== undefined && !isRecord(region.cluster)) return [];
        const own = isRecord(region.cluster) && region.cluster.apiAccess !== undefined;
        const at: Path = own ? ["regions", index, "cluster", "apiAccess"] : ["cluster", "apiAccess"];
        const parsed = apiAccessSchema.safeParse((own && isRecord(region.cluster) ? region.cluster.apiAccess : cluster?.apiAccess) ?? {});
        if (!parsed.success) return [];
        const access = parsed.data;
        const name = str(region.name) ?? `regions[${index}]`;
        const accessProblems = apiAccessProblems(access, !privacyKnown || cluster?.endpointPublicAccess === true);
        const problems: Problem[] = accessProblems.map((p) =>
            p.field === undefined
                ? // The region is where a transit gateway and groups live, so an empty access is reported there.
                  { path: ["regions", index, "cluster", "apiAccess"], message: `${p.message}; set it here or under strata:cluster.apiAccess` }
                : { path: [...at, p.field, ...(p.index === undefined ? [] : [p.index])], message: p.message },
        );
        const vpcCidr = str(region.vpcCidr);
        const malformed = new Set(accessProblems.filter((p) => p.field === "cidrs").map((p) => p.index));
        if (vpcCidr !== undefined && tryCidr(vpcCidr) !== undefined) {
            // A block already refused above (host bits) is not judged again against the VPC.
            for (const p of remoteNetworkProblems(vpcCidr, access).filter((r) => !(r.field === "cidrs" && malformed.has(r.index)))) {
                problems.push({ path: [...at, p.field, ...(p.index === undefined ? [] : [p.index])], message: own ? p.message : `${p.message} (regions[${index}], ${name})` });
            }
        }
        return problems;
    });
}

function serviceProblems(input: Json): Problem[] {
    const problems: Problem[] = [];
    const observability = observabilitySchema.safeParse(input.observability);
    const regionNames = items(input.regions).map((r) => str(r.name));
    for (const [name, raw] of entries(input.services)) {
        const at = (...path: (string | number)[]): Path => ["services", name, ...path];
        const [min, max] = [num(raw.minReplicas), num(raw.maxReplicas)];
        if (min !== undefined && max !== undefined && max < min) problems.push({ path: at("maxReplicas"), message: `maxReplicas (${max}) must be ≥ minReplicas (${min})` });
        if (Array.isArray(raw.regions)) {
            raw.regions.forEach((region, i) => {
                if (typeof region === "string" && !regionNames.includes(region)) problems.push({ path: at("regions", i), message: `must be one of the stack's regions (${regionNames.join(", ")})` });
            });
        }
        // The rest needs a well-formed service; its field errors are reported by the schema already.
        const parsed = serviceSchema.safeParse(raw);
        if (!parsed.success) continue;
        const svc = parsed.data;
        const { hpa } = svc;
        if (hpa.cpuUtilization === undefined && hpa.memoryUtilization === undefined && hpa.podsMetrics.length === 0 && hpa.externalMetrics.length === 0) {
            problems.push({ path: at("hpa"), message: "must name at least one metric (cpuUtilization, memoryUtilization, podsMetrics or externalMetrics)" });
        }
        if (observability.success) {
            for (const problem of unservedMetrics({ pods: hpa.podsMetrics.map((m) => m.name), external: hpa.externalMetrics.map((m) => m.name) }, observability.data.metrics)) {
                const list = problem.type === "pods" ? hpa.podsMetrics : hpa.externalMetrics;
                const index = list.findIndex((m) => m.name === problem.name);
                problems.push({
                    path: at("hpa", problem.type === "pods" ? "podsMetrics" : "externalMetrics", index, "name"),
                    message: `${problem.reason}: declare it under strata:observability.metrics (the HPA of ${name} would never scale on it)`,
                });
            }
        }
        hpa.externalMetrics.forEach((m, i) => {
            if ((m.value === undefined) === (m.averageValue === undefined)) problems.push({ path: at("hpa", "externalMetrics", i), message: "must set exactly one of value and averageValue" });
        });
        const cpuLimit = svc.cpuLimit ?? doubledCpu(svc.cpu);
        if (cpuMillis(cpuLimit) < cpuMillis(svc.cpu)) problems.push({ path: at("cpuLimit"), message: `cpuLimit (${cpuLimit}) must be ≥ cpu (${svc.cpu})` });
        const memoryLimit = svc.memoryLimit ?? svc.memory;
        if (memoryBytes(memoryLimit) < memoryBytes(svc.memory)) problems.push({ path: at("memoryLimit"), message: `memoryLimit (${memoryLimit}) must be ≥ memory (${svc.memory})` });
        for (const message of checkVpaBounds(svc.vpa)) problems.push({ path: at("vpa"), message });
        const imageProblem = imagePinProblem(svc.image, false);
        if (imageProblem) problems.push({ path: at("image"), message: `must be pinned: the image ${imageProblem}; name a version tag or a digest` });
        const kubectlProblem = svc.schedules ? imagePinProblem(svc.schedules.kubectlImage, false) : undefined;
        if (svc.schedules && kubectlProblem) problems.push({ path: at("schedules", "kubectlImage"), message: `must be pinned: the image ${kubectlProblem}; name a version tag or a digest` });
        if (raw.postgresPrivileges !== undefined && !svc.dependsOn.includes("postgres")) problems.push({ path: at("postgresPrivileges"), message: "grants table privileges, but postgres is not in dependsOn: add it there or drop these" });
        if (raw.redisAccess !== undefined && !svc.dependsOn.includes("redis")) problems.push({ path: at("redisAccess"), message: "sets cache access, but redis is not in dependsOn: add it there or drop this" });
        if (svc.dependsOn.includes("redis")) {
            for (const problem of cacheUserProblems([{ service: name, keys: svc.redisAccess.keys ?? defaultKeys(name), commands: svc.redisAccess.commands }])) problems.push({ path: at("redisAccess", problem.setting), message: problem.message });
        }
        try {
            resolveVpa(svc.vpa, hpaResources(hpa));
        } catch (error) {
            problems.push({ path: at("vpa", "controlledResources"), message: (error as Error).message });
        }
        if (svc.schedules) {
            try {
                planSchedule(svc.schedules.windows, svc);
            } catch (error) {
                problems.push({ path: at("schedules", "windows"), message: (error as Error).message });
            }
        }
    }
    return problems;
}

/** Routing rules need the services and the mesh section well-formed; their field errors are reported already. */
function meshProblems(input: Json, environment: Environment): Problem[] {
    const problems: Problem[] = [];
    const mesh = platformSchema.shape.mesh.safeParse(input.mesh);
    const services = platformSchema.shape.services.safeParse(input.services);
    if (!mesh.success) return problems;
    if (environment === "prod" && mesh.data.mtlsMode !== "STRICT") problems.push({ path: ["mesh", "mtlsMode"], message: "must be STRICT in prod: every hop inside the mesh is mutually authenticated" });
    if (mesh.data.gateway.minReplicas > mesh.data.gateway.maxReplicas) problems.push({ path: ["mesh", "gateway", "maxReplicas"], message: `must be ≥ gateway.minReplicas (${mesh.data.gateway.minReplicas})` });
    mesh.data.tenants.forEach((tenant, i) => {
        const first = mesh.data.tenants.indexOf(tenant);
        if (first !== i) problems.push({ path: ["mesh", "tenants", i], message: `duplicate tenant "${tenant}" (already tenants[${first}]); each tenant gets one subset and one route` });
    });
    if (environment === "prod" && mesh.data.gateway.minReplicas < 3) problems.push({ path: ["mesh", "gateway", "minReplicas"], message: "must be at least 3 in prod: one gateway per zone" });
    if (!services.success || !mesh.data.enabled) return problems;
    problems.push(...tenantPoolProblems(mesh.data, services.data));
    for (const p of routingProblems(mesh.data, services.data, environment)) {
        problems.push({ path: p.route === undefined ? ["mesh", p.field] : ["mesh", "routes", p.route, p.field], message: p.message });
    }
    return problems;
}

/** The tenant pools of the tenant service: bounds that hold, a share left for the shared pool, names Kubernetes takes. */
function tenantPoolProblems(mesh: ParsedPlatform["mesh"], services: ParsedPlatform["services"]): Problem[] {
    const service = services[mesh.tenantService];
    if (!service || mesh.tenants.length === 0) return [];
    const problems: Problem[] = [];
    const pool = mesh.tenantPool;
    const [min, max] = [pool.minReplicas ?? service.minReplicas, pool.maxReplicas ?? service.maxReplicas];
    if (min > max) problems.push({ path: ["mesh", "tenantPool", pool.maxReplicas === undefined ? "minReplicas" : "maxReplicas"], message: `the tenant pools' maxReplicas (${max}) must be ≥ their minReplicas (${min})` });
    const taken = mesh.tenants.length * pool.trafficPercent;
    if (taken >= 100) problems.push({ path: ["mesh", "tenantPool", "trafficPercent"], message: `${mesh.tenants.length} tenant pools × ${pool.trafficPercent} % leave nothing for the shared pool: the tenants' shares must add up to less than 100` });
    mesh.tenants.forEach((tenant, i) => {
        const name = poolName(mesh.tenantService, tenant);
        if (name.length > 63) problems.push({ path: ["mesh", "tenants", i], message: `makes the pool name "${name}" (${name.length} characters); Kubernetes names and label values allow 63` });
    });
    return problems;
}

function crossSectionProblems(input: Json, environment: Environment): Problem[] {
    const problems: Problem[] = [];
    const regions = items(input.regions);
    const regionNames = regions.map((r) => str(r.name));
    const edge = isRecord(input.edge) ? input.edge : {};
    const fallback = str(edge.fallbackRegion);
    if (fallback !== undefined && regionNames.length > 0 && !regionNames.includes(fallback)) {
        problems.push({ path: ["edge", "fallbackRegion"], message: `must be one of the stack's regions (${regionNames.filter(Boolean).join(", ")})` });
    }
    if (edge.mode === "dns" && edge.hostedZoneId === undefined) problems.push({ path: ["edge", "hostedZoneId"], message: "is required when edge.mode is dns" });
    if (edge.mode === "dns" && edge.dns === "external") problems.push({ path: ["edge", "dns"], message: "must be route53 when edge.mode is dns: the latency or weighted records are the global entry point" });
    const tls = isRecord(edge.tls) ? edge.tls : {};
    const meshOn = !isRecord(input.mesh) || input.mesh.enabled !== false;
    if (meshOn && edge.hostedZoneId === undefined) {
        // A zone the stack can write to is what both the records and the DNS-01 challenge need; only a stack that brings
        // its own certificate and points its own DNS can go without.
        if (edge.dns === "route53") problems.push({ path: ["edge", "hostedZoneId"], message: "is required while edge.dns is route53: the global and regional hosts get their records there (set edge.dns: external to point them yourself)" });
        else if (tls.mode === "cert-manager") problems.push({ path: ["edge", "hostedZoneId"], message: "is required while edge.tls.mode is cert-manager: the ACME DNS-01 challenge is answered in that zone (or bring your own certificate with edge.tls.mode: existing)" });
    }
    if (meshOn && tls.mode === "acm") {
        // Global Accelerator keeps client addresses only for an NLB without TLS listeners (catalog/network.ts, NLB_FACTS):
        // behind it the per-client rate limit would count the accelerator's addresses.
        if (edge.mode === "accelerator") problems.push({ path: ["edge", "tls", "mode"], message: "cannot be acm while edge.mode is accelerator: Global Accelerator does not preserve client addresses through an NLB with a TLS listener, so every client would share the accelerator's limit; use edge.mode dns, or tls.mode cert-manager" });
        const arns = isRecord(tls.certificateArns) ? tls.certificateArns : {};
        const stackRegions = regionNames.filter((r): r is string => r !== undefined);
        for (const [region, arn] of Object.entries(arns)) {
            if (!stackRegions.includes(region)) problems.push({ path: ["edge", "tls", "certificateArns", region], message: `is not one of the stack's regions (${stackRegions.join(", ")})` });
            else if (typeof arn === "string" && !arn.includes(`:acm:${region}:`)) problems.push({ path: ["edge", "tls", "certificateArns", region], message: `must be a certificate in ${region}: an NLB takes certificates of its own region` });
        }
        const requested = stackRegions.filter((r) => arns[r] === undefined);
        if (requested.length > 0 && edge.hostedZoneId === undefined) {
            problems.push({ path: ["edge", "hostedZoneId"], message: `is required while edge.tls.mode is acm and ${requested.join(", ")} bring${requested.length === 1 ? "s" : ""} no certificate ARN: ACM validates the certificates it issues in that zone` });
        }
    }
    const meshDomain = isRecord(input.mesh) ? str(input.mesh.domain) : undefined;
    if (meshOn && meshDomain !== undefined && str(edge.domain) !== undefined && meshDomain !== edge.domain) {
        problems.push({ path: ["edge", "domain"], message: `must be mesh.domain (${meshDomain}): the gateway's hosts, the certificate and the records all name one domain` });
    }
    const mesh = isRecord(input.mesh) ? input.mesh : {};
    if (mesh.enabled === false && (edge.mode === "accelerator" || edge.mode === "dns")) {
        problems.push({ path: ["edge", "mode"], message: "must be none while mesh.enabled is false: the global entry point balances the mesh's ingress load balancers" });
    }
    if (regions.length === 1 && (edge.mode === "accelerator" || edge.mode === "dns")) {
        problems.push({ path: ["edge", "mode"], message: "must be none in a single-region stack: there is nothing to balance globally (the region keeps its regional hostname)" });
    }
    const redis = isRecord(input.redis) ? input.redis : {};
    const shapes = regions.map((region) => {
        const own = isRecord(region.redis) ? region.redis : {};
        return { shards: num(own.shards) ?? num(redis.shards), replicas: num(own.replicasPerShard) ?? num(redis.replicasPerShard), nodeType: str(own.nodeType) ?? str(redis.nodeType), own: isRecord(region.redis) };
    });
    shapes.forEach((shape, index) => {
        const path: Path = shape.own ? ["regions", index, "redis", "replicasPerShard"] : ["redis", "replicasPerShard"];
        if (shape.replicas === 0 && redis.multiAz === true) problems.push({ path, message: "must be ≥ 1 while redis.multiAz is true: Multi-AZ fails over to a replica" });
        else if (shape.replicas === 0 && environment === "prod") problems.push({ path, message: "must be ≥ 1 in prod: a shard without a replica loses its data with its node" });
    });
    const engine = str(redis.engine);
    const engineProblem = (nodeType: unknown, path: Path) => {
        const facts = typeof nodeType === "string" ? cacheNodeType(nodeType) : undefined;
        if (facts && (engine === "redis" || engine === "valkey") && !facts.engines.includes(engine)) {
            problems.push({ path, message: `runs ${facts.engines.join(" and ")} only, not ${engine} (catalog/cacheNodeTypes.ts): choose another type or redis.engine: ${facts.engines[0]}` });
        }
    };
    engineProblem(redis.nodeType, ["redis", "nodeType"]);
    regions.forEach((region, index) => engineProblem(isRecord(region.redis) ? region.redis.nodeType : undefined, ["regions", index, "redis", "nodeType"]));
    const describeShape = (s: (typeof shapes)[number]) => `${s.shards}×${s.replicas} ${s.nodeType}`;
    if (redis.globalDatastore === true && new Set(shapes.map(describeShape)).size > 1) {
        problems.push({
            path: ["redis", "globalDatastore"],
            message: `needs every region to run the same shape; they differ (${regions.map((r, i) => `${str(r.name)}: ${describeShape(shapes[i]!)}`).join(", ")}): keep independent regional caches or align the shapes`,
        });
    }
    const snapshots = num(redis.snapshotRetentionDays);
    if (environment === "prod" && snapshots !== undefined && snapshots < 7) problems.push({ path: ["redis", "snapshotRetentionDays"], message: "must be at least 7 in prod" });
    const [evict, alert] = [num(redis.evictionThresholdPercent), num(redis.memoryAlertPercent)];
    if (evict !== undefined && alert !== undefined && alert <= evict) {
        problems.push({ path: ["redis", "memoryAlertPercent"], message: `must be above evictionThresholdPercent (${evict})` });
    }
    const postgres = isRecord(input.postgres) ? input.postgres : {};
    const readers = [num(postgres.replicasPerShard), ...regions.map((r) => num(isRecord(r.postgres) ? r.postgres.replicasPerShard : undefined))];
    const autoscaling = isRecord(postgres.readerAutoscaling) ? postgres.readerAutoscaling : {};
    const maxReaders = num(autoscaling.maxReaders);
    const fixed = Math.max(...readers.filter((r): r is number => r !== undefined));
    if (autoscaling.enabled === true && maxReaders !== undefined && maxReaders < fixed) {
        problems.push({ path: ["postgres", "readerAutoscaling", "maxReaders"], message: `must be ≥ the fixed readers per shard (${fixed}); autoscaling adds readers, it never removes configured ones` });
    }
    if (regions.length > 1) {
        const local = (r: Json) => num(isRecord(r.postgres) ? r.postgres.replicasPerShard : undefined) ?? num(postgres.replicasPerShard);
        regions.forEach((region, index) => {
            if (region.primary !== true && local(region) === 0) {
                problems.push({ path: ["regions", index, "postgres", "replicasPerShard"], message: "must be ≥ 1 in a secondary region: its applications read from local readers" });
            }
        });
    }
    const writerRegion = postgres.writerRegion;
    if (typeof writerRegion === "string" && !regions.some((r) => r.name === writerRegion)) {
        problems.push({ path: ["postgres", "writerRegion"], message: `must be one of the stack's regions (${regions.map((r) => String(r.name)).join(", ")}), got "${writerRegion}"` });
    }
    const retention = num(postgres.backupRetentionDays);
    if (environment === "prod" && retention !== undefined && retention < 7) {
        problems.push({ path: ["postgres", "backupRetentionDays"], message: "must be at least 7 in prod" });
    }
    return problems;
}

function resolve(parsed: ParsedPlatform, stack: string): PlatformConfig {
    return {
        ...parsed,
        stack,
        regions: parsed.regions.map(({ cluster, postgres, ...region }) => ({
            ...region,
            postgresReplicasPerShard: postgres?.replicasPerShard ?? parsed.postgres.replicasPerShard,
            cluster: {
                ...parsed.cluster,
                ...Object.fromEntries(Object.entries(cluster ?? {}).filter(([, value]) => value !== undefined)),
            },
            redis: {
                shards: region.redis?.shards ?? parsed.redis.shards,
                replicasPerShard: region.redis?.replicasPerShard ?? parsed.redis.replicasPerShard,
                nodeType: region.redis?.nodeType ?? parsed.redis.nodeType,
            },
            azCount: region.availabilityZones?.length ?? parsed.network.azCount,
        })),
    };
}

/**
 * Validates the `strata:` settings of a stack (keys without the namespace) over the preset of its
 * environment. Pure: the offline plan calls it before running anything, the program before creating anything.
 */
/** Physical ids derived from the stack and region names must fit AWS limits (ElastiCache: 40 characters). */
function identifierProblems(input: Json, stack: string): Problem[] {
    return items(input.regions).flatMap((region, index): Problem[] => {
        const name = str(region.name);
        const id = `strata-${stack}-${name ?? ""}`;
        return name !== undefined && id.length > 40
            ? [{ path: ["regions", index, "name"], message: `with stack "${stack}" the cache id "${id}" is ${id.length} characters; ElastiCache allows 40: use a shorter stack name` }]
            : [];
    });
}

/** Prod alerts must reach somebody: an SNS topic without a subscriber and no webhook page nobody. */
function receiverProblems(input: Json, environment: Environment): Problem[] {
    if (environment !== "prod") return [];
    const observability = isRecord(input.observability) ? input.observability : {};
    const notifications = isRecord(observability.notifications) ? observability.notifications : {};
    const emails = Array.isArray(notifications.emails) ? notifications.emails : [];
    return emails.length === 0 && input.alertWebhookUrl === undefined
        ? [{ path: ["observability", "notifications", "emails"], message: "prod needs at least one alert receiver: list e-mail addresses here, or set strata:alertWebhookUrl (as a secret)" }]
        : [];
}

/** Settings that must be stored encrypted (`pulumi config set --secret`). */
export const SECRET_SETTINGS = ["alertWebhookUrl"] as const;

const isSecretSetting = (key: string): boolean => (SECRET_SETTINGS as readonly string[]).includes(key);

/**
 * Secrets where they belong: a credential must be stored encrypted, and nothing else may be. Every other setting
 * decides what the stack creates (a shard count, a CIDR, a size), so the offline plan, the policy pack and a
 * reviewer must be able to read it.
 */
function secretProblems(settings: Readonly<Record<string, unknown>>, secretKeys: readonly string[] | undefined): Problem[] {
    if (!secretKeys) return [];
    const prefix = `${NAMESPACE}:`;
    const plain = SECRET_SETTINGS.filter((key) => settings[key] !== undefined && !secretKeys.includes(`${prefix}${key}`)).map((key) => ({
        path: [key],
        message: `holds a credential in plain text: store it with \`pulumi config set --secret ${NAMESPACE}:${key} …\``,
    }));
    const encrypted = secretKeys
        .filter((k) => k.startsWith(prefix) && !isSecretSetting(k.slice(prefix.length)))
        .map((k) => ({
            path: [k.slice(prefix.length)],
            message: `is stored encrypted (secure:), but it decides what the stack creates, so the offline plan, the policy pack and reviewers must read it: store it in plain text (\`pulumi config set ${k} …\` without --secret); only ${SECRET_SETTINGS.join(", ")} may be a secret`,
        }));
    return [...plain, ...encrypted];
}

/**
 * @param secretKeys the `ns:key` settings stored encrypted, when known: secret-only settings given in plain
 *   text are refused.
 */
export function parseStackConfig(settings: Readonly<Record<string, unknown>>, stack: string, secretKeys?: readonly string[]): ConfigResult {
    // An encrypted setting that must stay plain is reported once (secretProblems), not also by what its ciphertext fails.
    const readable = Object.fromEntries(Object.entries(settings).filter(([key]) => isSecretSetting(key) || !(secretKeys ?? []).includes(`${NAMESPACE}:${key}`)));
    const env = readable.environment;
    const known = ENVIRONMENTS.find((e) => e === env);
    const environment: Environment = known ?? "dev";
    const merged = overlay({ environment: readable.environment, ...PRESETS[environment] }, readable, "");
    const input = isRecord(merged) ? merged : {};
    const parsed = platformSchema.safeParse(input);
    const schemaProblems = parsed.success ? [] : zodProblems(parsed.error);
    // Without a known environment there is no preset to judge the stack against: report the environment and the
    // stack's own settings' field errors, not what a guessed preset would make of them.
    const problems = known
        ? [
              ...schemaProblems,
              ...regionProblems(input),
              ...clusterProblems(input, environment),
              ...apiAccessConfigProblems(input),
              ...serviceProblems(input),
              ...crossSectionProblems(input, environment),
              ...meshProblems(input, environment),
              ...identifierProblems(input, stack),
              ...receiverProblems(input, environment),
              ...secretProblems(settings, secretKeys),
          ]
        : [...schemaProblems.filter((p) => p.path[0] === "environment" || (typeof p.path[0] === "string" && p.path[0] in readable)), ...secretProblems(settings, secretKeys)];
    if (problems.length > 0 || !parsed.success) {
        const order = (p: Problem) => CONFIG_KEYS.indexOf(p.path[0] as (typeof CONFIG_KEYS)[number]);
        const sorted = [...problems].sort((a, b) => order(a) - order(b));
        const errors = sorted.map((p) => `${configPath(p.path)}: ${p.message}${SECRET_SETTINGS.some((k) => p.path[0] === k) ? "" : describeValue(valueAt(input, p.path))}`);
        return { ok: false, errors: [...new Set(errors)] };
    }
    return { ok: true, config: resolve(parsed.data, stack) };
}

/** Structured config arrives as JSON text; plain strings (`environment: prod`) arrive as they are. */
export function decodeConfigValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** The `strata:` settings of a flat `{ "strata:key": "json text" }` config map. */
export function strataSettings(all: Readonly<Record<string, string>>): Record<string, unknown> {
    const prefix = `${NAMESPACE}:`;
    return Object.fromEntries(
        Object.entries(all)
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, value]) => [key.slice(prefix.length), decodeConfigValue(value)]),
    );
}

/** Formats every problem of a config as one error block. */
export function formatConfigErrors(stack: string, errors: readonly string[]): string {
    return [`Invalid config for stack "${stack}" (${errors.length} problem${errors.length === 1 ? "" : "s"}):`, ...errors.map((e) => `  ${e}`)].join("\n");
}

/** Reads and validates the running stack's config; throws one RunError listing every problem. */
export function loadStackConfig(): PlatformConfig {
    const stack = pulumi.getStack();
    const secretKeys = process.env.PULUMI_CONFIG_SECRET_KEYS ? (JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS) as string[]) : undefined;
    const result = parseStackConfig(strataSettings(pulumi.runtime.allConfig()), stack, secretKeys);
    if (!result.ok) throw new pulumi.RunError(formatConfigErrors(stack, result.errors));
    return result.config;
}
