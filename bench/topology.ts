import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";

/*
 * Stacks for the benchmark: prod's own config with one axis grown at a time (regions, Postgres shards,
 * services), and an XL stack growing all three. Every generated stack is valid config that the prod policy
 * pack can plan; clones of auth-service keep small bounds so the stack stays within its capacity rules.
 */

export interface Topology {
    readonly name: string;
    /** The axis this stack grows, or "stack" for dev, prod and XL. */
    readonly axis: "regions" | "shards" | "services" | "stack";
    readonly size: number;
    readonly stack: "dev" | "prod";
    readonly regions: number;
    readonly shards: number;
    readonly services: number;
}

const ROOT = path.resolve(__dirname, "..");

/** Regions after prod's three, with their pinning keys; each gets its own /16. */
const EXTRA_REGIONS = [
    ["us-west-2", "usw"],
    ["eu-central-1", "euc"],
    ["ap-northeast-1", "apne"],
    ["ca-central-1", "cac"],
    ["sa-east-1", "sae"],
] as const;
const BASE_SERVICES = ["api", "auth-service", "fund-data-service", "analysis-service", "notification-service"] as const;

type Settings = Record<string, unknown>;
type Region = Record<string, unknown> & { name: string; trafficWeight: number };

function prodSettings(): Settings {
    const document = parse(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")) as { config: Settings };
    return document.config;
}

/** Traffic weights that add up to 100, the primary region taking any remainder. */
function weights(count: number): number[] {
    const each = Math.floor(100 / count);
    return Array.from({ length: count }, (_, i) => (i === 0 ? 100 - each * (count - 1) : each));
}

/**
 * prod keeps 7 warm general nodes for half the peak: each region keeps its share's worth, at least 4, plus room
 * for the clones' floors (3 pods of 250m + a 100m sidecar each, on nodes with about 7.5 vCPU to give).
 */
const warmNodes = (weight: number, clones: number) => Math.max(4, Math.ceil((14 * weight) / 100)) + Math.ceil((clones * 3 * 350) / 7500);

function withRegions(config: Settings, count: number, clones: number): void {
    const base = config["strata:regions"] as Region[];
    const template = base[base.length - 1] ?? base[0];
    const regions: Region[] = [...base.slice(0, count)];
    for (let i = base.length; i < count; i++) {
        const [name, key] = EXTRA_REGIONS[i - base.length] ?? [];
        if (!name || !template) throw new Error(`at most ${base.length + EXTRA_REGIONS.length} regions`);
        regions.push({ ...template, name, vpcCidr: `10.${i}.0.0/16`, userRegionKey: key, trafficWeight: 0 });
    }
    const groups = (config["strata:cluster"] as Settings).nodeGroups as Record<string, Settings>;
    weights(count).forEach((weight, i) => {
        const min = warmNodes(weight, clones);
        const general = { ...groups.general, minSize: min, desiredSize: Math.max(min, 6) };
        const region = regions[i] as Region;
        // Keeps the region's other cluster settings (its deployer access among them).
        regions[i] = { ...region, trafficWeight: weight, cluster: { ...(region.cluster as Settings | undefined), nodeGroups: { ...groups, general } } };
    });
    config["strata:regions"] = regions;
    if (count === 1) config["strata:edge"] = { ...(config["strata:edge"] as Settings), mode: "none" };
}

function withServices(config: Settings, count: number): void {
    const services = config["strata:services"] as Record<string, Settings>;
    const auth = services["auth-service"];
    if (!auth) throw new Error("prod has no auth-service to clone");
    for (let i = BASE_SERVICES.length; i < count; i++) {
        const name = `svc-${String(i).padStart(3, "0")}`;
        services[name] = { ...auth, image: `public.ecr.aws/strata/${name}:1.0.0`, maxReplicas: 6, throughput: { peakRps: 300, perPodRps: 100 } };
    }
}

export function topologies(): Topology[] {
    const t = (name: string, axis: Topology["axis"], size: number, regions: number, shards: number, services: number, stack: Topology["stack"] = "prod"): Topology => ({ name, axis, size, stack, regions, shards, services });
    return [
        t("dev", "stack", 1, 1, 2, 5, "dev"),
        t("prod", "stack", 3, 3, 4, 5),
        ...[1, 2, 4, 8].map((n) => t(`regions-${n}`, "regions", n, n, 4, 5)),
        ...[1, 8, 32, 64].map((n) => t(`shards-${n}`, "shards", n, 3, n, 5)),
        ...[5, 25, 50, 100].map((n) => t(`services-${n}`, "services", n, 3, 4, n)),
        t("xl", "stack", 1, 6, 32, 40),
    ];
}

/** Writes the topology's stack file under `dir`; dev and prod are the committed files as they are. */
export function writeStackFile(topology: Topology, dir: string): string {
    if (topology.name === "dev" || topology.name === "prod") return path.join(ROOT, `Pulumi.${topology.name}.yaml`);
    const config = prodSettings();
    withRegions(config, topology.regions, Math.max(0, topology.services - BASE_SERVICES.length));
    config["strata:postgres"] = { ...(config["strata:postgres"] as Settings), shards: topology.shards };
    withServices(config, topology.services);
    const file = path.join(dir, `Pulumi.${topology.name}.yaml`);
    // Clones share objects; written without YAML aliases, as a person would write them.
    fs.writeFileSync(file, stringify({ config }, { aliasDuplicateObjects: false }));
    return file;
}
