import { StackValidationPolicy } from "@pulumi/policy";
import { boolean, clusterKey, integer, list, meta, num, ofType, record, regionOf, spec, str } from "./util";

/** Data, cluster, mesh and edge safety, with prod's demands as the defaults. */

interface AuroraSafety {
    requireDeletionProtection: boolean;
    minBackupRetentionDays: number;
}

export const auroraSafety: StackValidationPolicy = {
    name: "strata-aurora-safety",
    description: "Aurora: encrypted, IAM authentication, deletion protection and ≥ 7 days of backups in prod, no public instance, Performance Insights.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireDeletionProtection: boolean("Databases refuse deletion", true),
            minBackupRetentionDays: integer("Shortest Aurora backup retention", 7),
        },
    },
    validateStack: (args, report) => {
        const c = args.getConfig<AuroraSafety>();
        for (const cluster of ofType(args, "aws:rds/cluster:Cluster")) {
            const p = cluster.props;
            const id = str(p.clusterIdentifier) ?? cluster.name;
            if (p.storageEncrypted !== true) report(`Aurora ${id}: storage is not encrypted`, cluster.urn);
            if (p.iamDatabaseAuthenticationEnabled !== true) report(`Aurora ${id}: IAM database authentication is off`, cluster.urn);
            if (c.requireDeletionProtection && p.deletionProtection !== true) report(`Aurora ${id}: deletion protection is off; set postgres.deletionProtection`, cluster.urn);
            const retention = num(p.backupRetentionPeriod) ?? 1;
            if (retention < c.minBackupRetentionDays) report(`Aurora ${id}: ${retention} day(s) of backups, fewer than ${c.minBackupRetentionDays}; raise postgres.backupRetentionDays`, cluster.urn);
        }
        for (const instance of ofType(args, "aws:rds/clusterInstance:ClusterInstance")) {
            const id = str(instance.props.identifier) ?? instance.name;
            if (instance.props.publiclyAccessible === true) report(`Aurora instance ${id} is publicly accessible`, instance.urn);
            if (instance.props.performanceInsightsEnabled !== true) report(`Aurora instance ${id}: Performance Insights is off`, instance.urn);
        }
    },
};

export const elasticacheSafety: StackValidationPolicy = {
    name: "strata-elasticache-safety",
    description: "ElastiCache: encryption in transit and at rest, RBAC users instead of a shared AUTH token with the built-in default user replaced by a disabled one, failover and Multi-AZ with replicas, snapshots in prod.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireSnapshots: boolean("Caches keep daily snapshots", true) } },
    validateStack: (args, report) => {
        const c = args.getConfig<{ requireSnapshots: boolean }>();
        for (const group of ofType(args, "aws:elasticache/replicationGroup:ReplicationGroup")) {
            const p = group.props;
            const id = str(p.replicationGroupId) ?? group.name;
            if (p.transitEncryptionEnabled !== true) report(`Cache ${id}: encryption in transit is off`, group.urn);
            if (p.atRestEncryptionEnabled !== true) report(`Cache ${id}: encryption at rest is off`, group.urn);
            if (list(p.userGroupIds).length === 0) report(`Cache ${id}: no RBAC user group; without one every client signs in as the built-in default user`, group.urn);
            if (p.authToken !== undefined) report(`Cache ${id}: signs in with one AUTH token every client shares; give each service its own user (RBAC) instead`, group.urn);
            if ((num(p.replicasPerNodeGroup) ?? 0) > 0 && (p.automaticFailoverEnabled !== true || p.multiAzEnabled !== true)) report(`Cache ${id}: has replicas but no automatic failover and Multi-AZ`, group.urn);
            if (c.requireSnapshots && (num(p.snapshotRetentionLimit) ?? 0) < 1) report(`Cache ${id}: no snapshots are kept; set redis.snapshotRetentionDays`, group.urn);
        }
        // ElastiCache's built-in `default` user (id "default") cannot be changed: a group replaces it with a user named
        // `default` that is off (catalog/elasticacheRbac.ts).
        const users = ofType(args, "aws:elasticache/user:User");
        for (const group of ofType(args, "aws:elasticache/userGroup:UserGroup")) {
            const ids = list(group.props.userIds).filter((u): u is string => typeof u === "string");
            const id = str(group.props.userGroupId) ?? group.name;
            if (ids.includes("default")) report(`User group ${id}: holds the built-in default user, which signs in without a password; replace it with a user named default that is off`, group.urn);
        }
        for (const user of users.filter((u) => u.props.userName === "default")) {
            const access = str(user.props.accessString) ?? "";
            if (!/^off(\s|$)/.test(access.trim())) report(`Cache user ${str(user.props.userId) ?? user.name}: is named default and is not off ("${access}"); any client that names no user signs in as it`, user.urn);
        }
    },
};

export const eksSafety: StackValidationPolicy = {
    name: "strata-eks-safety",
    description: "EKS: private API endpoint in prod, secrets envelope encryption, every control-plane log, IMDSv2 on every node.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requirePrivateEndpoint: boolean("The API server has no public endpoint", true) } },
    validateStack: (args, report) => {
        const { requirePrivateEndpoint } = args.getConfig<{ requirePrivateEndpoint: boolean }>();
        for (const cluster of ofType(args, "aws:eks/cluster:Cluster")) {
            const name = str(cluster.props.name) ?? cluster.name;
            if (requirePrivateEndpoint && record(cluster.props.vpcConfig).endpointPublicAccess === true) report(`EKS ${name}: the API endpoint is public; set cluster.endpointPublicAccess false`, cluster.urn);
            if (list(record(cluster.props.encryptionConfig).resources).length === 0) report(`EKS ${name}: secrets are not envelope-encrypted`, cluster.urn);
            const logs = list(cluster.props.enabledClusterLogTypes).map(String);
            const missing = ["api", "audit", "authenticator", "controllerManager", "scheduler"].filter((l) => !logs.includes(l));
            if (missing.length > 0) report(`EKS ${name}: control-plane logs missing: ${missing.join(", ")}`, cluster.urn);
        }
        for (const template of ofType(args, "aws:ec2/launchTemplate:LaunchTemplate")) {
            if (record(template.props.metadataOptions).httpTokens !== "required") report(`Launch template ${template.name}: IMDSv2 is not required`, template.urn);
        }
    },
};

const STATEFUL = [
    "aws:rds/cluster:Cluster",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:rds/globalCluster:GlobalCluster",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:eks/cluster:Cluster",
    "aws:globalaccelerator/accelerator:Accelerator",
];

export const protectStateful: StackValidationPolicy = {
    name: "strata-protect-stateful",
    description: "In prod, databases, caches, clusters, their keys and the accelerator are protected from deletion by Pulumi.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireProtect: boolean("Stateful resources carry Pulumi protect", true) } },
    validateStack: (args, report) => {
        if (!args.getConfig<{ requireProtect: boolean }>().requireProtect) return;
        const keysOfStateful = new Set(
            args.resources.filter((r) => STATEFUL.includes(r.type)).flatMap((r) => r.dependencies.filter((d) => d.type === "aws:kms/key:Key").map((d) => d.urn)),
        );
        for (const r of args.resources) {
            if ((STATEFUL.includes(r.type) || keysOfStateful.has(r.urn)) && !r.opts.protect) report(`${r.type.split(":").pop()} ${r.name} is not protected: a mistaken delete would lose data`, r.urn);
        }
    },
};

const ISTIO = "kubernetes:networking.istio.io/v1beta1";

export const istioSafety: StackValidationPolicy = {
    name: "strata-istio-safety",
    description: "Istio: STRICT mTLS in every meshed cluster, outlier detection and connection pools on every DestinationRule, weights adding up to 100 and a timeout on every route.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const meshed = new Set(ofType(args, `${ISTIO}:VirtualService`).map(clusterKey));
        const strict = new Set(
            ofType(args, "kubernetes:security.istio.io/v1beta1:PeerAuthentication")
                .filter((p) => meta(p).namespace === "istio-system" && record(spec(p).mtls).mode === "STRICT")
                .map(clusterKey),
        );
        // Named on the cluster's first VirtualService: the missing object has no URN, the routes it leaves open do.
        for (const cluster of meshed) {
            if (!strict.has(cluster)) report(`A meshed cluster has no mesh-wide STRICT PeerAuthentication in istio-system`, ofType(args, `${ISTIO}:VirtualService`).find((vs) => clusterKey(vs) === cluster)?.urn);
        }
        for (const rule of ofType(args, `${ISTIO}:DestinationRule`)) {
            const policy = record(spec(rule).trafficPolicy);
            if (!policy.outlierDetection) report(`DestinationRule ${meta(rule).name}: no outlier detection; a failing endpoint keeps its share of traffic`, rule.urn);
            if (!policy.connectionPool) report(`DestinationRule ${meta(rule).name}: no connection pool limits`, rule.urn);
        }
        for (const vs of ofType(args, `${ISTIO}:VirtualService`)) {
            for (const route of list(spec(vs).http).map(record)) {
                // A direct response or a redirect is answered by the proxy itself: nothing upstream to wait for.
                if (route.directResponse || route.redirect) continue;
                const destinations = list(route.route).map(record);
                if (route.timeout === undefined) report(`VirtualService ${meta(vs).name}, route ${str(route.name)}: no timeout`, vs.urn);
                if (destinations.length > 1) {
                    const total = destinations.reduce((a, d) => a + (num(d.weight) ?? 0), 0);
                    if (total !== 100) report(`VirtualService ${meta(vs).name}, route ${str(route.name)}: weights add up to ${total}, not 100`, vs.urn);
                }
            }
        }
    },
};

export const multiRegion: StackValidationPolicy = {
    name: "strata-multi-region",
    description: "Prod spans at least two regions behind a health-checked global entry point.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minRegions: integer("Fewest regions with a cluster", 2) } },
    validateStack: (args, report) => {
        const { minRegions } = args.getConfig<{ minRegions: number }>();
        if (minRegions < 2) return;
        const clusters = ofType(args, "aws:eks/cluster:Cluster");
        const regions = new Set(clusters.map(regionOf).filter((r) => r !== undefined));
        // Stack-level findings are named on the resource a fix starts from: a cluster, or the entry point.
        if (regions.size < minRegions) report(`The stack runs clusters in ${regions.size} region(s); prod needs at least ${minRegions} behind a global entry point`, clusters[0]?.urn);
        const endpointGroups = ofType(args, "aws:globalaccelerator/endpointGroup:EndpointGroup");
        const groups = endpointGroups.filter((g) => str(g.props.healthCheckPath) !== undefined);
        const checks = ofType(args, "aws:route53/healthCheck:HealthCheck");
        if (groups.length === 0 && checks.length === 0) report("No health-checked global entry point (Global Accelerator endpoint groups or Route 53 health checks); set edge.mode", endpointGroups[0]?.urn ?? clusters[0]?.urn);
    },
};

interface DataBounds {
    maxShards: number;
    minReadersPerShard: number;
    maxRedisShards: number;
    minRedisReplicas: number;
}

export const dataBounds: StackValidationPolicy = {
    name: "strata-data-bounds",
    description: "Shard counts, readers per shard, and cache shards and replicas within the configured bounds.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxShards: integer("Most Postgres shards", 64),
            minReadersPerShard: integer("Fewest readers per shard in each region", 2),
            maxRedisShards: integer("Most cache shards per region", 500),
            minRedisReplicas: integer("Fewest replicas per cache shard", 1),
        },
    },
    validateStack: (args, report) => {
        const c = args.getConfig<DataBounds>();
        const clusters = ofType(args, "aws:rds/cluster:Cluster");
        const shards = new Set(clusters.map((r) => str(r.props.clusterIdentifier)?.replace(/^.*-shard-/, "")));
        if (shards.size > c.maxShards) report(`${shards.size} Postgres shards exceed the bound of ${c.maxShards}`, clusters[clusters.length - 1]?.urn);
        for (const cluster of clusters) {
            const readers = ofType(args, "aws:rds/clusterInstance:ClusterInstance").filter((i) => i.dependencies.some((d) => d.urn === cluster.urn) && !str(i.props.identifier)?.endsWith("-writer")).length;
            if (readers < c.minReadersPerShard || readers > 15) report(`Aurora ${str(cluster.props.clusterIdentifier)}: ${readers} reader(s); keep ${c.minReadersPerShard}–15 (postgres.replicasPerShard)`, cluster.urn);
        }
        for (const group of ofType(args, "aws:elasticache/replicationGroup:ReplicationGroup")) {
            const [groups, replicas] = [num(group.props.numNodeGroups), num(group.props.replicasPerNodeGroup) ?? 0];
            if (groups !== undefined && groups > c.maxRedisShards) report(`Cache ${str(group.props.replicationGroupId)}: ${groups} shards exceed ${c.maxRedisShards}`, group.urn);
            if (replicas < c.minRedisReplicas || replicas > 5) report(`Cache ${str(group.props.replicationGroupId)}: ${replicas} replica(s) per shard; keep ${c.minRedisReplicas}–5`, group.urn);
        }
    },
};

