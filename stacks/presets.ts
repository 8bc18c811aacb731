import { DEFAULT_BEHAVIOR } from "../components/workload/hpa";
import { Environment, PlatformInput } from "./schema";

/**
 * Environment defaults. A stack file overrides any of them; fixed-shape sections merge key by key,
 * while lists and the named maps in REPLACED_WHOLE replace the preset's value whole, so a stack can
 * drop a preset service or node group by leaving it out.
 */
export type Preset = Omit<PlatformInput, "environment">;

/** Config paths whose value a stack replaces whole instead of merging into the preset. */
export const REPLACED_WHOLE: readonly string[] = [
    "observability.metrics",
    "mesh.subsets",
    "services",
    "cluster.nodeGroups",
    "postgres.shardKeys",
];

const image = (service: string) => `public.ecr.aws/strata/${service}:1.0.0`;

/** The requirements' api scaling behaviour, as the HPA builder applies it by default. */
const apiBehavior: NonNullable<Preset["services"][string]["hpa"]["behavior"]> = {
    scaleUp: { ...DEFAULT_BEHAVIOR.scaleUp, policies: [...DEFAULT_BEHAVIOR.scaleUp.policies] },
    scaleDown: { ...DEFAULT_BEHAVIOR.scaleDown, policies: [...DEFAULT_BEHAVIOR.scaleDown.policies] },
};

/** The requirements' time-of-day floors, for the batch-heavy analysis service. */
const analysisWindows: NonNullable<Preset["services"][string]["schedules"]> = {
    timezone: "UTC",
    windows: [
        { name: "workday", days: "1-5", start: "09:00", end: "18:00", minReplicas: 3, maxReplicas: 15 },
        { name: "weekend", days: "0,6", start: "10:00", end: "16:00", minReplicas: 1, maxReplicas: 5 },
    ],
};

const shared = {
    postgres: {
        shardKeys: { users: "user_id", messages: "tenant_id" },
        engineVersion: "16.4",
        replicationLagTargetMs: 100,
        readerAutoscaling: { enabled: true, maxReaders: 5, targetCpuPercent: 60, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 },
        proxy: { enabled: false, idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 90 },
        connectionPool: { perPod: 20, alertUtilizationPercent: 90 },
    },
    redis: {
        engine: "redis",
        engineVersion: "7.1",
        maxRedirects: 3,
        commandTimeoutSeconds: 5,
        evictionThresholdPercent: 80,
        memoryAlertPercent: 90,
        maxmemoryPolicy: "allkeys-lru",
        globalDatastore: false,
    },
    mesh: {
        enabled: true,
        gatewayCredentialName: "strata-gateway-tls",
        mtlsMode: "STRICT",
        istioVersion: "1.26.8",
        tenantHeader: "tenant-id",
        tenants: ["tenant-a", "tenant-b"],
        tenantService: "api",
        tenantPool: { trafficPercent: 20 },
        regionHeader: "x-user-region",
        routes: [
            { name: "auth", prefix: "/api/v1/auth", service: "auth-service", timeoutSeconds: 5, retries: { attempts: 2, perTryTimeoutSeconds: 2, retryOn: "5xx,reset,connect-failure,refused-stream" } },
            { name: "funds", prefix: "/api/v1/funds", service: "fund-data-service", timeoutSeconds: 10, retries: { attempts: 2, perTryTimeoutSeconds: 4, retryOn: "5xx,reset,connect-failure,refused-stream" } },
            { name: "analysis", prefix: "/api/v1/analysis", service: "analysis-service", timeoutSeconds: 30, retries: { attempts: 1, perTryTimeoutSeconds: 25, retryOn: "reset,connect-failure,refused-stream" } },
            { name: "api", prefix: "/", service: "api", timeoutSeconds: 10, retries: { attempts: 2, perTryTimeoutSeconds: 4, retryOn: "5xx,reset,connect-failure,refused-stream" } },
        ],
        subsets: {},
        connectionPool: { maxConnections: 100, http1MaxPendingRequests: 100, maxRequestsPerConnection: 10, tenantMaxConnections: 50 },
        outlierDetection: { consecutive5xxErrors: 5, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionPercent: 50 },
        // The requirements' 100 requests per minute per client.
        rateLimit: { requestsPerMinute: 100, trackedClients: 10000 },
    },
    healthCheck: { path: "/healthz/ready", port: 443, intervalSeconds: 30, healthyThreshold: 3 },
    observability: {
        namespace: "monitoring",
        chartVersions: { kubePrometheusStack: "70.4.1", prometheusAdapter: "4.14.1" },
        alerts: { errorRatePercent: 5, errorRateFor: "5m", p95LatencySeconds: 1, latencyFor: "5m", nodeCpuPercent: 80, nodeMemoryPercent: 80, resourceFor: "10m" },
        notifications: { emails: [] },
        metrics: { queue_length: { type: "pods", series: "queue_length", aggregation: "avg", window: "2m" } },
    },
    cluster: {
        kubernetesVersion: "1.33",
        adminRoleArns: [],
        headroom: { pods: 0, cpu: "1", memory: "2Gi" },
        autoscaler: {
            expander: "least-waste",
            balanceSimilarNodeGroups: true,
            scaleDownUnneededTime: "10m",
            scaleDownDelayAfterAdd: "10m",
            scaleDownUtilizationThreshold: 0.5,
            maxNodeProvisionTime: "15m",
        },
        // EKS's versions for Kubernetes 1.33 as recorded in catalog/drift.ts (EKS_ADDON_VERSIONS); a new Kubernetes
        // version needs new pins: `npm run addon-pins -- <stack>` proposes EKS's current defaults.
        addonVersions: { vpcCni: "v1.20.1-eksbuild.3", kubeProxy: "v1.33.5-eksbuild.2", coredns: "v1.12.3-eksbuild.1", ebsCsiDriver: "v1.56.0-eksbuild.1" },
        chartVersions: { metricsServer: "3.12.2", clusterAutoscaler: "9.46.6", verticalPodAutoscaler: "4.7.2", awsLoadBalancerController: "1.14.1" },
    },
} satisfies {
    postgres: Partial<Preset["postgres"]>;
    redis: Partial<Preset["redis"]>;
    mesh: Omit<Preset["mesh"], "domain" | "gateway">;
    healthCheck: Preset["edge"]["healthCheck"];
    cluster: Omit<Preset["cluster"], "endpointPublicAccess" | "publicAccessCidrs" | "deletionProtection" | "logRetentionDays" | "nodeGroups">;
    observability: Omit<Preset["observability"], "prometheus" | "alertmanager">;
};

const services = (env: Environment): Preset["services"] => {
    const user = (min: number, max: number) => (env === "prod" ? { minReplicas: min, maxReplicas: max } : { minReplicas: 1, maxReplicas: Math.min(max, 5) });
    return {
        api: {
            image: image("api"),
            cpu: "500m",
            memory: "1Gi",
            ...user(3, 100),
            dependsOn: ["postgres", "redis"],
            hpa: {
                cpuUtilization: 70,
                memoryUtilization: 80,
                podsMetrics: [
                    { name: "requests_per_second", averageValue: 100 },
                    { name: "queue_length", averageValue: 50 },
                ],
                behavior: apiBehavior,
            },
            // The HPA scales on cpu and memory, so the VPA only recommends, within the requirements' bounds
            // (dev's small nodes cap it lower).
            vpa: { mode: "Off", minAllowed: { cpu: "100m", memory: "128Mi" }, maxAllowed: env === "prod" ? { cpu: "4", memory: "8Gi" } : { cpu: "1500m", memory: "4Gi" } },
            // 10,000+ req/s at peak; the HPA holds a pod to 100 req/s.
            ...(env === "prod" ? { throughput: { peakRps: 10000, perPodRps: 100 } } : {}),
        },
        "auth-service": {
            image: image("auth-service"),
            port: 8080,
            cpu: "250m",
            memory: "256Mi",
            cpuLimit: "500m",
            memoryLimit: "512Mi",
            ...user(3, 100),
            dependsOn: ["postgres", "redis"],
            hpa: { cpuUtilization: 70, memoryUtilization: 80 },
        },
        "fund-data-service": {
            image: image("fund-data-service"),
            cpu: "1000m",
            memory: "2Gi",
            ...user(3, 15),
            dependsOn: ["postgres", "redis"],
            hpa: { cpuUtilization: 70 },
        },
        "analysis-service": {
            image: image("analysis-service"),
            // dev's workload nodes are *.large (2 vCPU, under 1.93 allocatable): a 2-CPU pod would never schedule there.
            cpu: env === "prod" ? "2000m" : "1000m",
            memory: "4Gi",
            minReplicas: 1,
            maxReplicas: env === "prod" ? 20 : 3,
            userFacing: false,
            hpa: { cpuUtilization: 70 },
            // CPU drives the HPA; the VPA right-sizes memory only.
            vpa: { mode: "Auto" },
            ...(env === "prod" ? { schedules: analysisWindows } : {}),
        },
        "notification-service": {
            image: image("notification-service"),
            cpu: "200m",
            memory: "512Mi",
            minReplicas: 1,
            maxReplicas: 5,
            userFacing: false,
            hpa: { cpuUtilization: 70 },
        },
    };
};

export const PRESETS: Record<Environment, Preset> = {
    dev: {
        regions: [{ name: "us-east-1", primary: true, trafficWeight: 100, userRegionKey: "us", vpcCidr: "10.10.0.0/16" }],
        network: {
            azCount: 2,
            natGateways: "single",
            flowLogs: { enabled: true, retentionDays: 7, trafficType: "ALL", maxAggregationIntervalSeconds: 600 },
        },
        cluster: {
            ...shared.cluster,
            endpointPublicAccess: true,
            publicAccessCidrs: [],
            deletionProtection: false,
            logRetentionDays: 7,
            nodeGroups: {
                system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["t3.large"], minSize: 1, maxSize: 3, desiredSize: 2 },
                workload: {
                    role: "workload",
                    capacityType: "SPOT",
                    instanceTypes: ["m6i.large", "m6a.large", "m5.large"],
                    minSize: 1,
                    maxSize: 12,
                    desiredSize: 2,
                },
            },
        },
        postgres: {
            ...shared.postgres,
            shards: 2,
            replicasPerShard: 1,
            instanceClass: "db.t4g.medium",
            backupRetentionDays: 1,
            deletionProtection: false,
            performanceInsightsRetentionDays: 7,
            monitoringIntervalSeconds: 60,
            logRetentionDays: 7,
        },
        redis: { ...shared.redis, nodeType: "cache.t4g.small", shards: 1, replicasPerShard: 1, snapshotRetentionDays: 1, multiAz: true, logRetentionDays: 7 },
        services: services("dev"),
        mesh: { ...shared.mesh, domain: "dev.strata.example.com", gateway: { minReplicas: 1, maxReplicas: 3, cpu: "250m", memory: "256Mi" } },
        observability: {
            ...shared.observability,
            prometheus: { retention: "3d", storageGiB: 20, replicas: 1, cpu: "250m", memory: "1Gi" },
            alertmanager: { replicas: 1, storageGiB: 1 },
        },
        cost: {
            // Assumptions, not facts: a quiet development account. Override under strata:cost.usage.
            usage: {
                natGbPerRegion: 50,
                interRegionGbPerRegion: 0,
                transitGatewayGbPerRegion: 5,
                logsIngestGbPerLogGroup: 1,
                flowLogsGbPerRegion: 10,
                auroraStorageGbPerShard: 10,
                auroraIoMillionsPerShard: 10,
                auroraBackupGbPerShard: 0,
                auroraReplicatedWriteMillionsPerShard: 0,
                redisBackupGbPerRegion: 0,
                nlbNlcuPerHour: 0.1,
                acceleratorGb: 0,
                flowLogBucketGb: 0,
                kmsRequestsTenThousandsPerKey: 5,
                secretsApiCallsTenThousandsPerSecret: 2,
            },
        },
        // Dev brings its own certificate and DNS: no hosted zone is needed.
        edge: { mode: "none", dns: "external", tls: { mode: "existing", acmeServer: "staging" }, domain: "dev.strata.example.com", routing: "latency", fallbackRegion: "us-east-1", healthCheck: shared.healthCheck },
    },
    prod: {
        regions: [
            { name: "us-east-1", primary: true, trafficWeight: 50, userRegionKey: "us", vpcCidr: "10.0.0.0/16", redis: { shards: 3, replicasPerShard: 1 } },
            { name: "eu-west-1", trafficWeight: 30, userRegionKey: "eu", vpcCidr: "10.1.0.0/16", redis: { shards: 2, replicasPerShard: 1 } },
            { name: "ap-southeast-1", trafficWeight: 20, userRegionKey: "asia", vpcCidr: "10.2.0.0/16", redis: { shards: 2, replicasPerShard: 1 } },
        ],
        network: {
            azCount: 3,
            natGateways: "perAz",
            flowLogs: { enabled: true, retentionDays: 365, trafficType: "ALL", maxAggregationIntervalSeconds: 60 },
        },
        cluster: {
            ...shared.cluster,
            endpointPublicAccess: false,
            publicAccessCidrs: [],
            deletionProtection: true,
            logRetentionDays: 365,
            nodeGroups: {
                system: { role: "system", capacityType: "ON_DEMAND", instanceTypes: ["m6i.xlarge"], minSize: 3, maxSize: 9, desiredSize: 3 },
                general: { role: "workload", capacityType: "ON_DEMAND", instanceTypes: ["m6i.2xlarge"], minSize: 3, maxSize: 60, desiredSize: 6 },
                compute: {
                    role: "workload",
                    capacityType: "SPOT",
                    instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "c5.4xlarge"],
                    minSize: 0,
                    maxSize: 40,
                    desiredSize: 2,
                },
            },
        },
        postgres: {
            ...shared.postgres,
            shards: 4,
            replicasPerShard: 2,
            instanceClass: "db.r6g.2xlarge",
            // 215 pods per region × 20 connections would overrun a writer's 5,000: pool them through RDS Proxy.
            proxy: { enabled: true, idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 90 },
            backupRetentionDays: 14,
            deletionProtection: true,
            performanceInsightsRetentionDays: 31,
            monitoringIntervalSeconds: 15,
            logRetentionDays: 365,
        },
        redis: { ...shared.redis, nodeType: "cache.r7g.large", shards: 2, replicasPerShard: 1, snapshotRetentionDays: 7, multiAz: true, logRetentionDays: 365 },
        services: services("prod"),
        mesh: { ...shared.mesh, domain: "strata.example.com", gateway: { minReplicas: 3, maxReplicas: 30, cpu: "1", memory: "1Gi" } },
        observability: {
            ...shared.observability,
            prometheus: { retention: "15d", storageGiB: 200, replicas: 2, cpu: "1", memory: "8Gi" },
            alertmanager: { replicas: 3, storageGiB: 5 },
        },
        cost: {
            // Assumptions, not facts, sized for the requirements' peak (10,000 requests/s) on a typical day; a
            // stack with measured figures (Cost Explorer, CloudWatch) overrides them under strata:cost.usage.
            usage: {
                natGbPerRegion: 2000,
                interRegionGbPerRegion: 500,
                transitGatewayGbPerRegion: 50,
                logsIngestGbPerLogGroup: 20,
                flowLogsGbPerRegion: 300,
                auroraStorageGbPerShard: 200,
                auroraIoMillionsPerShard: 500,
                auroraBackupGbPerShard: 100,
                auroraReplicatedWriteMillionsPerShard: 100,
                redisBackupGbPerRegion: 0,
                nlbNlcuPerHour: 5,
                acceleratorGb: 5000,
                flowLogBucketGb: 500,
                kmsRequestsTenThousandsPerKey: 50,
                secretsApiCallsTenThousandsPerSecret: 20,
            },
        },
        edge: { mode: "accelerator", dns: "route53", tls: { mode: "cert-manager", acmeServer: "production" }, domain: "strata.example.com", routing: "latency", fallbackRegion: "us-east-1", healthCheck: shared.healthCheck },
    },
};
