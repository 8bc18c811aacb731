import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountRole } from "../cluster/irsa";
import { HpaSettings, buildHpaSpec, hpaResources } from "./hpa";
import { buildPdbSpec } from "./pdb";
import { DataTierWiring, PORT_NAME, ProbeSettings, SHARED_POOL, TENANT_LABEL, buildDeploymentSpec, poolName, selectorLabels, serviceLabels } from "./pod";
import { cpuMillis, doubledCpu, memoryBytes } from "./quantity";
import { ScheduleWindow, hpaBoundsPatch, planSchedule } from "./schedule";
import { VpaSettings, buildVpa } from "./vpa";

/** Inputs of an AutoscaledService. The cluster's Kubernetes provider (and, for IRSA, the AWS provider) arrive through `opts.providers`. */
export interface AutoscaledServiceArgs {
    /** Kubernetes name of the Deployment, Service, HPA, VPA and PDB. */
    readonly serviceName: string;
    /** Namespace (Istio injection on) where the data tier publishes its ConfigMaps. */
    readonly namespace: pulumi.Input<string>;
    readonly image: string;
    /** Container port, exposed as the named port `http`. */
    readonly port: number;
    /** CPU request, e.g. "500m". */
    readonly cpu: string;
    /** Memory request, e.g. "1Gi". */
    readonly memory: string;
    /** @default twice the CPU request */
    readonly cpuLimit?: string;
    /** @default the memory request */
    readonly memoryLimit?: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly hpa: Omit<HpaSettings, "minReplicas" | "maxReplicas">;
    readonly vpa: VpaSettings;
    /** Share of minReplicas disruptions may take at once (at least one pod). @default 25 */
    readonly pdbMaxUnavailablePercent?: number;
    readonly probes: { readonly liveness: ProbeSettings; readonly readiness: ProbeSettings; readonly startup: ProbeSettings };
    /** @default "/metrics" */
    readonly metricsPath?: string;
    /** @default 45 */
    readonly terminationGracePeriodSeconds?: number;
    /** Zone spread that blocks scheduling (prod) rather than only preferring it. */
    readonly strictZoneSpread: boolean;
    /** ConfigMaps and Secrets of the data tier this service uses. @default none */
    readonly dataTier?: DataTierWiring;
    /** The service account's IRSA role: managed policies from its config, and an inline policy (its database sign-in). @default none */
    readonly irsa?: { readonly oidcProviderArn: pulumi.Input<string>; readonly oidcIssuerUrl: pulumi.Input<string>; readonly policyArns: readonly string[]; readonly policy?: pulumi.Input<aws.iam.PolicyDocument> };
    /** Time-of-day replica bounds. @default none */
    readonly schedules?: { readonly timezone: string; readonly windows: readonly ScheduleWindow[]; readonly kubectlImage: string };
    /** The release that installs the VPA CRDs; the VPA object waits for it. */
    readonly vpaCrds?: pulumi.Resource;
    /** Prometheus scrapes the service's own metrics through a PodMonitor (needs `monitoringCrds`). @default false */
    readonly exposesMetrics?: boolean;
    /** The release that installs the monitoring CRDs (PodMonitor). */
    readonly monitoringCrds?: pulumi.Resource;
    /** Extra pod labels (e.g. `version` for a canary subset). @default none */
    readonly podLabels?: Readonly<Record<string, string>>;
    /** What must run before the pods start (istiod, so every pod gets its sidecar). @default nothing */
    readonly after?: readonly pulumi.Resource[];
    /** User-facing services are held to the higher replica floor by the policy pack. @default true */
    readonly userFacing?: boolean;
    /** Declared load, so the policy pack can check maxReplicas covers this region's share of the peak. @default none */
    readonly throughput?: { readonly peakRps: number; readonly perPodRps: number; readonly trafficWeightPercent: number };
    /**
     * Tenants with a pool of their own: a Deployment each (`<service>-<tenant>`, with its own HPA, PDB and VPA),
     * its pods labelled for its mesh subset, beside the service's own Deployment, which then serves every other
     * tenant (`strata.io/tenant: shared`). The one Service selects every pool. @default none
     */
    readonly tenantPools?: readonly TenantPool[];
    /**
     * The data tier's credential rotation this service's pods run with: a new value rolls them, so each re-reads its
     * mounted credentials at start. @default none
     */
    readonly credentialsRotation?: string;
}

/** The metadata every object of the service carries. */
type ObjectMeta = { readonly name: string; readonly namespace: pulumi.Input<string>; readonly labels: Readonly<Record<string, string>> };

/** One tenant's pool of a service. */
export interface TenantPool {
    readonly tenant: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
    /** Share of the service's traffic (percent) this pool is sized for; the shared pool carries the rest. */
    readonly trafficPercent: number;
}

/** One Deployment of the service with what scales it. */
interface Pool {
    /** Kubernetes name of the Deployment, HPA, VPA and PDB. */
    readonly deploymentName: string;
    /** Logical-name prefix of its resources: the service's own keeps the names it always had. */
    readonly logicalName: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly trafficPercent: number;
    readonly podLabels: Readonly<Record<string, string>>;
}

/** The service's own Deployment first, then one per tenant pool. */
function poolsOf(name: string, args: AutoscaledServiceArgs): Pool[] {
    const tenants = args.tenantPools ?? [];
    const shared: Pool = {
        deploymentName: args.serviceName,
        logicalName: name,
        minReplicas: args.minReplicas,
        maxReplicas: args.maxReplicas,
        trafficPercent: 100 - tenants.reduce((sum, t) => sum + t.trafficPercent, 0),
        podLabels: { ...args.podLabels, ...(tenants.length > 0 ? { [TENANT_LABEL]: SHARED_POOL } : {}) },
    };
    return [
        shared,
        ...tenants.map((t) => ({
            deploymentName: poolName(args.serviceName, t.tenant),
            logicalName: `${name}-${t.tenant}`,
            minReplicas: t.minReplicas,
            maxReplicas: t.maxReplicas,
            trafficPercent: t.trafficPercent,
            podLabels: { ...args.podLabels, [TENANT_LABEL]: t.tenant },
        })),
    ];
}

const HPA_BOUNDS = ["spec.minReplicas", "spec.maxReplicas"];
/** Pod annotation that carries the credential rotation: changing it rolls the pods. */
export const CREDENTIALS_ROTATION_ANNOTATION = "strata.io/credentials-rotation";

function validate(args: AutoscaledServiceArgs, pools: readonly Pool[]) {
    const problems: string[] = [];
    const attempt = <T>(build: () => T): T | undefined => {
        try {
            return build();
        } catch (error) {
            problems.push((error as Error).message);
            return undefined;
        }
    };
    const cpuLimit = args.cpuLimit ?? doubledCpu(args.cpu);
    const memoryLimit = args.memoryLimit ?? args.memory;
    attempt(() => {
        if (cpuMillis(cpuLimit) < cpuMillis(args.cpu)) throw new Error(`cpuLimit (${cpuLimit}) must be ≥ cpu (${args.cpu})`);
        if (memoryBytes(memoryLimit) < memoryBytes(args.memory)) throw new Error(`memoryLimit (${memoryLimit}) must be ≥ memory (${args.memory})`);
    });
    const shared = pools[0] as Pool;
    if (shared.trafficPercent < 1) problems.push(`the tenant pools' trafficPercent add up to ${100 - shared.trafficPercent}; they must leave the shared pool at least 1 %`);
    const scaled = pools.flatMap((pool) => {
        const hpa = attempt(() => buildHpaSpec(pool.deploymentName, { ...args.hpa, minReplicas: pool.minReplicas, maxReplicas: pool.maxReplicas }));
        const vpa = attempt(() => buildVpa(pool.deploymentName, "", args.serviceName, args.vpa, hpaResources(args.hpa)));
        return hpa && vpa ? [{ pool, hpa, vpa }] : [];
    });
    const schedule = args.schedules ? attempt(() => planSchedule(args.schedules?.windows ?? [], { minReplicas: args.minReplicas, maxReplicas: args.maxReplicas })) : [];
    if (problems.length > 0 || !schedule) throw new Error(`AutoscaledService ${args.serviceName}: ${problems.join("; ")}`);
    return { pools: scaled, schedule };
}

/**
 * A service that scales: Deployment (restricted, spread over zones, graceful), Service, HPA (resource,
 * Pods and External metrics with the full behaviour), VPA that never fights the HPA, a PDB that never
 * blocks a drain, and optional scheduled replica floors.
 */
export class AutoscaledService extends pulumi.ComponentResource {
    public readonly serviceName: string;
    /** In-cluster DNS name of the Service. */
    public readonly host: pulumi.Output<string>;

    constructor(name: string, args: AutoscaledServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const specs = validate(args, poolsOf(name, args));
        super("strata:workload:AutoscaledService", name, {}, opts);
        this.serviceName = args.serviceName;
        const child = { parent: this };
        const managed = { "app.kubernetes.io/part-of": "strata", "app.kubernetes.io/managed-by": "strata" };
        const metadata = { name: args.serviceName, namespace: args.namespace, labels: { ...selectorLabels(args.serviceName), ...managed } };

        const role = args.irsa
            ? serviceAccountRole(
                  `${name}-irsa`,
                  { ...args.irsa, namespace: args.namespace, serviceAccount: args.serviceName, managedPolicyArns: [...args.irsa.policyArns], policy: args.irsa.policy },
                  child,
              )
            : undefined;
        // One identity for every pool: the mesh's authorization and the IRSA role know the service, not its pools.
        const account = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            { metadata: { ...metadata, annotations: role ? { "eks.amazonaws.com/role-arn": role.arn } : undefined }, automountServiceAccountToken: false },
            child,
        );

        const scaled = specs.pools.map(({ pool, hpa, vpa }) =>
            this.scaledPool(pool, args, { name: pool.deploymentName, namespace: args.namespace, labels: { ...selectorLabels(pool.deploymentName), ...managed } }, account, hpa, vpa),
        );
        // Every pool's pods carry the service label; the Service moves its selector only once every Deployment has
        // rolled out pods that carry it, so an upgrade never leaves it without endpoints.
        const service = new k8s.core.v1.Service(
            `${name}-service`,
            { metadata, spec: { type: "ClusterIP", selector: serviceLabels(args.serviceName), ports: [{ name: PORT_NAME, port: 80, targetPort: PORT_NAME, appProtocol: "http" }] } },
            { ...child, dependsOn: scaled.map((p) => p.deployment) },
        );
        this.host = pulumi.interpolate`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;

        const shared = scaled[0] as (typeof scaled)[number];
        if (args.schedules && specs.schedule.length > 0) this.scheduledBounds(name, args, metadata, shared.hpa, specs.schedule);

        this.registerOutputs({ host: this.host });
    }

    /** One pool's Deployment, HPA, VPA, PDB and (outside the mesh) PodMonitor. */
    private scaledPool(
        pool: Pool,
        args: AutoscaledServiceArgs,
        metadata: ObjectMeta,
        account: k8s.core.v1.ServiceAccount,
        hpaSpec: ReturnType<typeof buildHpaSpec>,
        vpa: ReturnType<typeof buildVpa>,
    ): { deployment: k8s.apps.v1.Deployment; hpa: k8s.autoscaling.v2.HorizontalPodAutoscaler } {
        const child = { parent: this };
        const name = pool.logicalName;
        const deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            {
                metadata,
                spec: buildDeploymentSpec({
                    name: args.serviceName,
                    deploymentName: pool.deploymentName,
                    image: args.image,
                    port: args.port,
                    cpu: args.cpu,
                    memory: args.memory,
                    cpuLimit: args.cpuLimit,
                    memoryLimit: args.memoryLimit,
                    probes: args.probes,
                    metricsPath: args.metricsPath ?? "/metrics",
                    terminationGracePeriodSeconds: args.terminationGracePeriodSeconds ?? 45,
                    serviceAccountName: args.serviceName,
                    strictZoneSpread: args.strictZoneSpread,
                    dataTier: args.dataTier ?? {},
                    podLabels: pool.podLabels,
                    podAnnotations: args.credentialsRotation ? { [CREDENTIALS_ROTATION_ANNOTATION]: args.credentialsRotation } : {},
                }),
            },
            // The HPA owns replicas (the spec never sets them); ignoring them keeps an apply from taking them back.
            { ...child, dependsOn: [account, ...(args.after ?? [])], ignoreChanges: ["spec.replicas"] },
        );

        // What the policy pack needs to judge this HPA, stated where it reads it: the pool's share of the load.
        const hpaAnnotations: Record<string, string> = {
            ...(args.dataTier?.postgres ? { "strata.io/postgres-pool": String(args.dataTier.postgres.poolSize) } : {}),
            ...(args.throughput
                ? {
                      "strata.io/peak-rps": String(Math.ceil((args.throughput.peakRps * pool.trafficPercent) / 100)),
                      "strata.io/per-pod-rps": String(args.throughput.perPodRps),
                      "strata.io/traffic-weight": String(args.throughput.trafficWeightPercent),
                  }
                : {}),
        };
        const hpa = new k8s.autoscaling.v2.HorizontalPodAutoscaler(
            `${name}-hpa`,
            {
                metadata: { ...metadata, labels: { ...metadata.labels, "strata.io/user-facing": String(args.userFacing ?? true) }, annotations: hpaAnnotations },
                spec: hpaSpec,
            },
            // Scheduled windows move the bounds between deployments; the next `pulumi up` must not undo them.
            { ...child, dependsOn: [deployment], ignoreChanges: args.schedules && pool.deploymentName === args.serviceName ? HPA_BOUNDS : [] },
        );
        new k8s.apiextensions.CustomResource(
            `${name}-vpa`,
            { apiVersion: vpa.apiVersion, kind: vpa.kind, metadata, spec: vpa.spec },
            { ...child, dependsOn: [deployment, ...(args.vpaCrds ? [args.vpaCrds] : [])] },
        );
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, { metadata, spec: buildPdbSpec(selectorLabels(pool.deploymentName), pool.minReplicas, args.pdbMaxUnavailablePercent ?? 25) }, child);

        if (args.exposesMetrics) {
            new k8s.apiextensions.CustomResource(
                `${name}-podmonitor`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "PodMonitor",
                    metadata,
                    spec: { selector: { matchLabels: selectorLabels(pool.deploymentName) }, podMetricsEndpoints: [{ port: PORT_NAME, path: args.metricsPath ?? "/metrics", interval: "15s" }] },
                },
                { ...child, dependsOn: args.monitoringCrds ? [args.monitoringCrds] : [] },
            );
        }
        return { deployment, hpa };
    }

    /** CronJobs that patch only this service's HPA bounds, with a Role that allows nothing else. */
    private scheduledBounds(
        name: string,
        args: AutoscaledServiceArgs,
        metadata: ObjectMeta,
        hpa: k8s.autoscaling.v2.HorizontalPodAutoscaler,
        patches: ReturnType<typeof planSchedule>,
    ): void {
        const schedules = args.schedules as NonNullable<AutoscaledServiceArgs["schedules"]>;
        const child = { parent: this };
        // Labelled apart from the service: carrying its selector label, the CronJob's pods would count as the
        // service's pods for its Service, PDB, VPA and spread constraints (strata-selector-overlap).
        const scalerLabels = {
            "app.kubernetes.io/name": `${args.serviceName}-scaler`,
            "app.kubernetes.io/part-of": "strata",
            "app.kubernetes.io/managed-by": "strata",
            "app.kubernetes.io/component": "scheduled-bounds",
        };
        const scaler = { ...metadata, name: `${args.serviceName}-scaler`, labels: scalerLabels };
        const account = new k8s.core.v1.ServiceAccount(`${name}-scaler`, { metadata: scaler }, child);
        const role = new k8s.rbac.v1.Role(
            `${name}-scaler`,
            { metadata: scaler, rules: [{ apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], resourceNames: [args.serviceName], verbs: ["get", "patch"] }] },
            child,
        );
        const binding = new k8s.rbac.v1.RoleBinding(
            `${name}-scaler`,
            {
                metadata: scaler,
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: scaler.name },
                subjects: [{ kind: "ServiceAccount", name: scaler.name, namespace: metadata.namespace }],
            },
            { ...child, dependsOn: [role, account] },
        );
        for (const patch of patches) {
            new k8s.batch.v1.CronJob(
                `${name}-${patch.name}`,
                {
                    metadata: { ...scaler, name: `${args.serviceName}-${patch.name}` },
                    spec: {
                        schedule: patch.schedule,
                        timeZone: schedules.timezone,
                        concurrencyPolicy: "Forbid",
                        startingDeadlineSeconds: 300,
                        successfulJobsHistoryLimit: 1,
                        failedJobsHistoryLimit: 3,
                        jobTemplate: {
                            spec: {
                                backoffLimit: 3,
                                activeDeadlineSeconds: 120,
                                template: {
                                    // A label, not the annotation: istiod's injection webhook selects pods by it (objectSelector),
                                    // so the API server never calls the webhook for these pods and they start even while istiod is down.
                                    metadata: { labels: { ...scalerLabels, "sidecar.istio.io/inject": "false" } },
                                    spec: {
                                        serviceAccountName: scaler.name,
                                        restartPolicy: "OnFailure",
                                        securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } },
                                        containers: [
                                            {
                                                name: "patch-hpa",
                                                image: schedules.kubectlImage,
                                                command: ["kubectl", "patch", "horizontalpodautoscaler", args.serviceName, "--namespace", metadata.namespace, "--type", "merge", "--patch", hpaBoundsPatch(patch)],
                                                resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
                                                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                            },
                                        ],
                                    },
                                },
                            },
                        },
                    },
                },
                { ...child, dependsOn: [hpa, binding] },
            );
        }
    }
}
