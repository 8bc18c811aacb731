import type { apps, core } from "@pulumi/kubernetes/types/input";
import { doubledCpu } from "./quantity";

/*
 * The Deployment of a service, typed by the Kubernetes SDK's generated API types (a misspelt field does not compile). It never sets `replicas`: the HPA owns
 * that field, and with server-side apply Pulumi only owns the fields it sends, so `pulumi up` never resets
 * the HPA's choice.
 */

export interface ProbeSettings {
    readonly path: string;
    readonly initialDelaySeconds: number;
    readonly periodSeconds: number;
    readonly failureThreshold: number;
}

/** Where the data tier's published settings are, in the service's namespace. */
export interface DataTierWiring {
    /** The shard map, and the service's own database user, which signs in with an IAM token (no password exists). */
    readonly postgres?: { readonly configMap: string; readonly user: string; readonly poolSize: number };
    /** The cache settings, and the Secret with the service's own cache user and password. */
    readonly redis?: { readonly configMap: string; readonly secret: string };
}

export interface PodSettings {
    /** The service: its container's name and the `strata.io/service` label every pool's pods carry. */
    readonly name: string;
    /** The Deployment: the service's own, or one of its tenant pools (`poolName`). Its name is the selector label. */
    readonly deploymentName: string;
    readonly image: string;
    readonly port: number;
    readonly cpu: string;
    readonly memory: string;
    readonly cpuLimit?: string;
    readonly memoryLimit?: string;
    readonly probes: { readonly liveness: ProbeSettings; readonly readiness: ProbeSettings; readonly startup: ProbeSettings };
    readonly metricsPath: string;
    readonly terminationGracePeriodSeconds: number;
    readonly serviceAccountName: string;
    /** Zone spreading that blocks scheduling (prod) or only prefers (dev). */
    readonly strictZoneSpread: boolean;
    readonly dataTier: DataTierWiring;
    /** Extra pod labels; the selector labels always win. */
    readonly podLabels: Readonly<Record<string, string>>;
    /** Extra pod annotations; the metrics annotations always win. */
    readonly podAnnotations: Readonly<Record<string, string>>;
}

export const PORT_NAME = "http";
/** Seconds a stopping pod keeps serving while endpoints and load balancers drop it. */
export const PRE_STOP_SECONDS = 10;

/** The Deployment's selector: one Deployment's pods only, so no other selector adopts them (strata-selector-overlap). */
export const selectorLabels = (deploymentName: string) => ({ "app.kubernetes.io/name": deploymentName });
/** What every pod of a service carries, whichever pool runs it: the Service selects on it. */
export const serviceLabels = (service: string) => ({ "strata.io/service": service });
/** The pod label naming the tenant pool a pod serves (`shared` for the service's own Deployment when it has pools). */
export const TENANT_LABEL = "strata.io/tenant";
export const SHARED_POOL = "shared";
/** A tenant pool's Deployment (and HPA, PDB, VPA) name. */
export const poolName = (service: string, tenant: string) => `${service}-${tenant}`;

const probe = (p: ProbeSettings): core.v1.Probe => ({
    httpGet: { path: p.path, port: PORT_NAME },
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    failureThreshold: p.failureThreshold,
    timeoutSeconds: 2,
});

function dataTier(wiring: DataTierWiring): { env: core.v1.EnvVar[]; volumes: core.v1.Volume[]; mounts: core.v1.VolumeMount[] } {
    const fromConfigMap = (envName: string, configMap: string, key: string): core.v1.EnvVar => ({ name: envName, valueFrom: { configMapKeyRef: { name: configMap, key } } });
    const env: core.v1.EnvVar[] = [];
    const volumes: core.v1.Volume[] = [];
    const mounts: core.v1.VolumeMount[] = [];
    if (wiring.postgres) {
        const pg = wiring.postgres;
        env.push(
            { name: "STRATA_SHARD_MAP_FILE", value: "/etc/strata/postgres/shard-map.json" },
            // IAM database authentication: the app signs a token with its IRSA role (AWS_REGION and the web identity
            // token are set by EKS's pod identity webhook), valid 15 minutes, as the password of PGUSER.
            { name: "PGUSER", value: pg.user },
            { name: "STRATA_PG_AUTH", value: "iam" },
            fromConfigMap("STRATA_PG_DATABASE", pg.configMap, "database"),
            fromConfigMap("STRATA_PG_PORT", pg.configMap, "port"),
            { name: "STRATA_PG_POOL_SIZE", value: String(pg.poolSize) },
            { name: "PGSSLMODE", value: "verify-full" },
        );
        volumes.push({ name: "shard-map", configMap: { name: pg.configMap } });
        mounts.push({ name: "shard-map", mountPath: "/etc/strata/postgres", readOnly: true });
    }
    if (wiring.redis) {
        const redis = wiring.redis;
        env.push(
            fromConfigMap("STRATA_REDIS_ENDPOINT", redis.configMap, "endpoint"),
            fromConfigMap("STRATA_REDIS_PORT", redis.configMap, "port"),
            fromConfigMap("STRATA_REDIS_TLS", redis.configMap, "tls"),
            fromConfigMap("STRATA_REDIS_CLUSTER_MODE", redis.configMap, "cluster-mode"),
            fromConfigMap("STRATA_REDIS_MAX_REDIRECTS", redis.configMap, "max-redirects"),
            fromConfigMap("STRATA_REDIS_COMMAND_TIMEOUT_SECONDS", redis.configMap, "command-timeout-seconds"),
            { name: "STRATA_REDIS_USERNAME_FILE", value: "/etc/strata/redis/username" },
            { name: "STRATA_REDIS_PASSWORD_FILE", value: "/etc/strata/redis/password" },
        );
        volumes.push({ name: "redis-user", secret: { secretName: redis.secret, defaultMode: 0o440 } });
        mounts.push({ name: "redis-user", mountPath: "/etc/strata/redis", readOnly: true });
    }
    return { env, volumes, mounts };
}

export function buildDeploymentSpec(s: PodSettings): apps.v1.DeploymentSpec {
    const labels = selectorLabels(s.deploymentName);
    const wiring = dataTier(s.dataTier);
    const container: core.v1.Container = {
        name: s.name,
        image: s.image,
        ports: [{ name: PORT_NAME, containerPort: s.port, protocol: "TCP" }],
        resources: {
            requests: { cpu: s.cpu, memory: s.memory },
            limits: { cpu: s.cpuLimit ?? doubledCpu(s.cpu), memory: s.memoryLimit ?? s.memory },
        },
        env: [{ name: "STRATA_SERVICE", value: s.name }, ...wiring.env],
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, ...wiring.mounts],
        livenessProbe: probe(s.probes.liveness),
        readinessProbe: probe(s.probes.readiness),
        startupProbe: probe(s.probes.startup),
        lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
        securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
        },
    };
    return {
        selector: { matchLabels: labels },
        revisionHistoryLimit: 5,
        // Surge new pods before old ones leave: a rollout never dips below the current capacity.
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: {
            metadata: {
                labels: { ...s.podLabels, ...labels, ...serviceLabels(s.name), "app.kubernetes.io/part-of": "strata" },
                annotations: { ...s.podAnnotations, "prometheus.io/scrape": "true", "prometheus.io/port": String(s.port), "prometheus.io/path": s.metricsPath },
            },
            spec: {
                serviceAccountName: s.serviceAccountName,
                automountServiceAccountToken: false,
                terminationGracePeriodSeconds: s.terminationGracePeriodSeconds,
                securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
                topologySpreadConstraints: [
                    {
                        maxSkew: 1,
                        topologyKey: "topology.kubernetes.io/zone",
                        whenUnsatisfiable: s.strictZoneSpread ? "DoNotSchedule" : "ScheduleAnyway",
                        labelSelector: { matchLabels: labels },
                        matchLabelKeys: ["pod-template-hash"],
                    },
                ],
                affinity: {
                    podAntiAffinity: {
                        preferredDuringSchedulingIgnoredDuringExecution: [
                            { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: labels } } },
                        ],
                    },
                },
                containers: [container],
                volumes: [{ name: "tmp", emptyDir: {} }, ...wiring.volumes],
            },
        },
    };
}
