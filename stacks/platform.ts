import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { POD_SECURITY_ADMISSION } from "../catalog/podSecurityAdmission";
import { RegionalCluster, addonVersionsByName } from "../components/cluster";
import { RegionalNetwork } from "../components/network";
import { ShardMapOutput, ShardedPostgres } from "../components/postgres";
import { GlobalDatastoreRole, REDIS_CONFIGMAP, RedisCluster, redisSecretName } from "../components/redis";
import { defaultKeys } from "../components/redis/users";
import { GlobalLoadBalancer } from "../components/edge";
import { GatewayCertificates } from "../components/certificates";
import { AcmCertificate } from "../components/certificates/acm";
import { IstioMesh, ServiceRoutes } from "../components/mesh";
import { GATEWAY_NAMESPACE, publicHost, regionalHost } from "../components/mesh/routing";
import { RegionalObservability } from "../components/observability";
import { cacheMemoryAlarms, postgresConnectionAlarms } from "../components/observability/alerts";
import { AutoscaledService, TenantPool } from "../components/workload";
import { SHARD_MAP_CONFIGMAP } from "../components/postgres";
import { serviceRoleName } from "../components/postgres/roles";
import { auroraMaxConnections } from "../capacity/databases";
import { PlatformConfig, ResolvedRegion } from "./config";

/** What each region publishes as stack outputs. */
export interface RegionOutputs {
    readonly vpcId: pulumi.Output<string>;
    readonly availabilityZones: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly dataSubnetIds: pulumi.Output<string[]>;
    readonly clusterName: pulumi.Output<string>;
    readonly clusterEndpoint: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    /** Secret: authenticates through `aws eks get-token`. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The region's Redis configuration endpoint (TLS; each service signs in as its own user, from `strata-redis-<service>`). */
    readonly redisEndpoint: pulumi.Output<string>;
    /** In-cluster addresses of the metrics stack. */
    readonly prometheusAddress: string;
    readonly alertmanagerAddress: string;
    /** SNS topic every alert of the region reaches. */
    readonly alertTopicArn: pulumi.Output<string>;
    /** The region's public ingress NLB (absent without the mesh). */
    readonly ingressLoadBalancerArn?: pulumi.Output<string>;
    readonly ingressDnsName?: pulumi.Output<string>;
}

/** Physical id of a region's cache; ElastiCache allows 40 characters. */
export const cacheIdFor = (stack: string, region: string) => `strata-${stack}-${region}`;

const PSA = POD_SECURITY_ADMISSION.rows;

/** Tags every AWS resource of the stack carries (through each provider's default tags). */
const baseTags = (config: PlatformConfig) => ({
    "strata:project": "strata",
    "strata:stack": config.stack,
    "strata:environment": config.environment,
    "managed-by": "pulumi",
});

/** The EKS cluster name of a region; subnets are tagged with it before the cluster exists. */
export const clusterNameFor = (stack: string, region: string) => `strata-${stack}-${region}`;

/** What one region's foundation hands to the stack-wide components. */
interface RegionFoundation {
    readonly region: ResolvedRegion;
    readonly provider: aws.Provider;
    readonly network: RegionalNetwork;
    readonly cluster: RegionalCluster;
    /** The application namespace's name, known once the namespace exists. */
    readonly appNamespace: pulumi.Output<string>;
    readonly namespace: k8s.core.v1.Namespace;
}

/**
 * The composition root: every region's network, cluster and application namespace, each with that region's
 * own AWS provider, then the stack-wide data tier (Postgres shards, a cache per region), each region's
 * observability, mesh and routes, and the services. Logical names derive from region names and shard indexes,
 * never from list positions.
 */
export class Platform extends pulumi.ComponentResource {
    public readonly regions: Record<string, RegionOutputs>;
    /** The Postgres shard map (endpoints per region, no credentials). */
    public readonly postgres: pulumi.Output<ShardMapOutput>;
    /** The global entry point (absent without the mesh's ingress). */
    public readonly edge?: { hostname: string; regionalHostnames: Record<string, string>; dnsName: pulumi.Output<string>; staticIps?: pulumi.Output<string[]> };

    constructor(name: string, config: PlatformConfig, opts?: pulumi.ComponentResourceOptions) {
        super("strata:stacks:Platform", name, {}, opts);
        const foundations = config.regions.map((region) => this.buildRegion(config, region));
        const postgres = new ShardedPostgres(
            "postgres",
            {
                identifierPrefix: `strata-${config.stack}`,
                regions: foundations.map((f) => ({
                    name: f.region.name,
                    primary: f.region.primary,
                    provider: f.provider,
                    kubernetes: f.cluster.provider,
                    nodeGroups: f.cluster.nodeGroups,
                    namespace: f.appNamespace,
                    vpcId: f.network.vpcId,
                    dataSubnetIds: f.network.dataSubnetIds,
                    availabilityZones: f.network.availabilityZones,
                    clientSecurityGroupId: f.cluster.nodeSecurityGroupId,
                    readersPerShard: f.region.postgresReplicasPerShard,
                    logKeyArn: f.network.logKeyArn,
                })),
                shards: config.postgres.shards,
                writerRegion: config.postgres.writerRegion,
                shardKeys: config.postgres.shardKeys,
                databaseName: config.postgres.databaseName,
                masterUsername: config.postgres.masterUsername,
                services: Object.entries(config.services)
                    .filter(([, svc]) => svc.dependsOn.includes("postgres"))
                    .map(([service, svc]) => ({ service, privileges: svc.postgresPrivileges })),
                credentialsRotation: config.postgres.credentialsRotation,
                engineVersion: config.postgres.engineVersion,
                instanceClass: config.postgres.instanceClass,
                readerInstanceClass: config.postgres.readerInstanceClass,
                backupRetentionDays: config.postgres.backupRetentionDays,
                deletionProtection: config.postgres.deletionProtection,
                performanceInsightsRetentionDays: config.postgres.performanceInsightsRetentionDays,
                monitoringIntervalSeconds: config.postgres.monitoringIntervalSeconds,
                logRetentionDays: config.postgres.logRetentionDays,
                readerAutoscaling: config.postgres.readerAutoscaling,
                proxy: config.postgres.proxy,
            },
            { parent: this },
        );
        this.postgres = postgres.shardMap;
        const caches = this.buildCaches(config, foundations);
        const monitoring = new Map(foundations.map((f) => [f.region.name, this.buildObservability(config, f, postgres)]));
        const meshes = new Map(foundations.map((f) => [f.region.name, config.mesh.enabled ? this.buildMesh(config, f, foundations) : undefined]));
        for (const f of foundations) this.buildServices(config, f, monitoring.get(f.region.name) as RegionalObservability, meshes.get(f.region.name), postgres);
        const edge = config.mesh.enabled ? this.buildEdge(config, foundations, meshes as Map<string, IstioMesh>) : undefined;
        this.edge = edge && { hostname: edge.hostname, regionalHostnames: edge.regionalHostnames, dnsName: edge.dnsName, staticIps: edge.staticIps };
        this.regions = Object.fromEntries(
            foundations.map((f) => [f.region.name, regionOutputs(f, caches.get(f.region.name) as RedisCluster, monitoring.get(f.region.name) as RegionalObservability, meshes.get(f.region.name))]),
        );
        this.registerOutputs({ regions: this.regions, postgres: this.postgres, edge: this.edge });
    }

    /** The region's metrics stack, custom-metrics adapter and alerts, with alarms on its share of the data tier. */
    private buildObservability(config: PlatformConfig, f: RegionFoundation, postgres: ShardedPostgres): RegionalObservability {
        const obs = config.observability;
        return new RegionalObservability(
            f.region.name,
            {
                region: f.region.name,
                clusterName: clusterNameFor(config.stack, f.region.name),
                namespace: obs.namespace,
                chartVersions: obs.chartVersions,
                prometheus: obs.prometheus,
                alertmanager: obs.alertmanager,
                alerts: obs.alerts,
                metrics: obs.metrics,
                oidc: { providerArn: f.cluster.oidcProviderArn, issuerUrl: f.cluster.oidcIssuerUrl },
                emails: obs.notifications.emails,
                webhookUrl: config.alertWebhookUrl === undefined ? undefined : pulumi.secret(config.alertWebhookUrl),
                alarms: [
                    ...postgresConnectionAlarms(postgres.clusters.get(f.region.name) ?? [], maxConnectionsByRole(config.postgres), config.postgres.connectionPool.alertUtilizationPercent),
                    ...cacheMemoryAlarms(cacheIdFor(config.stack, f.region.name), f.region.redis.shards, f.region.redis.replicasPerShard, config.redis.memoryAlertPercent),
                ],
                storageClassName: f.cluster.storageClassName,
                nodeGroups: f.cluster.nodeGroups,
                helmTimeoutSeconds: f.cluster.helmTimeoutSeconds,
            },
            { parent: this, providers: { aws: f.provider, kubernetes: f.cluster.provider } },
        );
    }

    /** The global entry point over every region's ingress NLB. */
    private buildEdge(config: PlatformConfig, foundations: readonly RegionFoundation[], meshes: ReadonlyMap<string, IstioMesh>): GlobalLoadBalancer {
        const primary = foundations.find((f) => f.region.primary) as RegionFoundation;
        const acceleratorProvider =
            config.edge.mode === "accelerator"
                ? new aws.Provider("global-us-west-2", { region: "us-west-2", defaultTags: { tags: { ...baseTags(config), "strata:region": "global" } } }, { parent: this })
                : undefined;
        return new GlobalLoadBalancer(
            "edge",
            {
                mode: config.edge.mode,
                domain: config.mesh.domain,
                // Records only where the stack owns the DNS; with edge.dns external the hosts are pointed elsewhere.
                hostedZoneId: config.edge.dns === "route53" ? config.edge.hostedZoneId : undefined,
                routing: config.edge.routing,
                fallbackRegion: config.edge.fallbackRegion,
                healthCheck: config.edge.healthCheck,
                regions: foundations.map((f) => {
                    const mesh = meshes.get(f.region.name) as IstioMesh;
                    return {
                        name: f.region.name,
                        loadBalancerArn: mesh.loadBalancerArn,
                        loadBalancerDnsName: mesh.loadBalancerDnsName,
                        loadBalancerZoneId: mesh.loadBalancerZoneId,
                        weight: f.region.trafficWeight,
                        trafficDial: f.region.trafficDial,
                    };
                }),
                acceleratorProvider,
                dnsProvider: primary.provider,
                protect: config.environment === "prod",
                flowLogRetentionDays: config.network.flowLogs.retentionDays,
            },
            { parent: this },
        );
    }

    /** The region's ACM certificate for TLS at the NLB: the one the config brings, or one ACM issues after validating it in the zone. */
    private acmCertificateArn(config: PlatformConfig, f: RegionFoundation, hosts: readonly string[]): pulumi.Input<string> {
        const brought = config.edge.tls.certificateArns[f.region.name];
        if (brought !== undefined) return brought;
        // Config validation requires the zone for every region that brings no certificate.
        return new AcmCertificate(`${f.region.name}-certificate`, { hosts, hostedZoneId: config.edge.hostedZoneId as string }, { parent: this, providers: { aws: f.provider } }).certificateArn;
    }

    /** Istio in the region's cluster, its public NLB, and the typed routes of the services that run there. */
    private buildMesh(config: PlatformConfig, f: RegionFoundation, all: readonly RegionFoundation[]): IstioMesh {
        const hosts = [publicHost(config.mesh.domain), regionalHost(f.region.name, config.mesh.domain)];
        const tlsAtLoadBalancer = config.edge.tls.mode === "acm" ? { certificateArn: this.acmCertificateArn(config, f, hosts) } : undefined;
        const mesh = new IstioMesh(
            f.region.name,
            {
                region: f.region.name,
                clusterName: clusterNameFor(config.stack, f.region.name),
                version: config.mesh.istioVersion,
                mtlsMode: config.mesh.mtlsMode,
                gateway: config.mesh.gateway,
                controlPlaneReplicas: config.environment === "prod" ? 2 : 1,
                vpcId: f.network.vpcId,
                publicSubnetIds: f.network.publicSubnetIds,
                loadBalancerController: f.cluster.releases["aws-load-balancer-controller"] as pulumi.Resource,
                // The gateway pods carry the groups of their nodes, the EKS cluster group among them.
                gatewaySecurityGroupId: f.cluster.clusterSecurityGroupId,
                nodeGroups: f.cluster.nodeGroups,
                helmTimeoutSeconds: f.cluster.helmTimeoutSeconds,
                targetGroupNamePrefix: `strata-${config.stack}`,
                tlsAtLoadBalancer,
                deletionProtection: config.cluster.deletionProtection,
            },
            { parent: this, providers: { aws: f.provider, kubernetes: f.cluster.provider } },
        );
        if (config.edge.tls.mode === "cert-manager") {
            new GatewayCertificates(
                `${f.region.name}-certificates`,
                {
                    region: f.region.name,
                    clusterName: clusterNameFor(config.stack, f.region.name),
                    oidc: { providerArn: f.cluster.oidcProviderArn, issuerUrl: f.cluster.oidcIssuerUrl },
                    chartVersion: config.edge.tls.certManagerVersion,
                    // Config validation requires the zone while cert-manager issues the certificates.
                    hostedZoneId: config.edge.hostedZoneId as string,
                    domain: config.mesh.domain,
                    hosts,
                    secretName: config.mesh.gatewayCredentialName,
                    gatewayNamespace: { name: GATEWAY_NAMESPACE, resource: mesh.namespaces[GATEWAY_NAMESPACE] as pulumi.Resource },
                    acme: { server: config.edge.tls.acmeServer, email: config.edge.tls.acmeEmail },
                    replicas: config.environment === "prod" ? 2 : 1,
                    nodeGroups: f.cluster.nodeGroups,
                    helmTimeoutSeconds: f.cluster.helmTimeoutSeconds,
                },
                { parent: this, providers: { aws: f.provider, kubernetes: f.cluster.provider } },
            );
        }
        new ServiceRoutes(
            `${f.region.name}-routes`,
            {
                namespace: f.region.cluster.appNamespace,
                settings: { ...config.mesh, healthPath: config.edge.healthCheck.path, tlsSource: config.edge.tls.mode },
                services: Object.entries(config.services)
                    .filter(([, svc]) => !svc.regions || svc.regions.includes(f.region.name))
                    .map(([name]) => name),
                here: { name: f.region.name, key: f.region.userRegionKey },
                others: all.filter((o) => o !== f).map((o) => ({ name: o.region.name, key: o.region.userRegionKey })),
                crds: mesh.crds,
                namespaces: { ...mesh.namespaces, [f.region.cluster.appNamespace]: f.namespace },
                rateLimit: config.mesh.rateLimit,
            },
            { parent: this, providers: { kubernetes: f.cluster.provider } },
        );
        return mesh;
    }

    /** Every configured service that runs in this region, in the application namespace. */
    private buildServices(config: PlatformConfig, f: RegionFoundation, monitoring: RegionalObservability, mesh: IstioMesh | undefined, postgres: ShardedPostgres): void {
        for (const [serviceName, svc] of Object.entries(config.services)) {
            if (svc.regions && !svc.regions.includes(f.region.name)) continue;
            const usesPostgres = svc.dependsOn.includes("postgres");
            new AutoscaledService(
                `${f.region.name}-${serviceName}`,
                {
                    serviceName,
                    namespace: f.appNamespace,
                    image: svc.image,
                    port: svc.port,
                    cpu: svc.cpu,
                    memory: svc.memory,
                    cpuLimit: svc.cpuLimit,
                    memoryLimit: svc.memoryLimit,
                    minReplicas: svc.minReplicas,
                    maxReplicas: svc.maxReplicas,
                    hpa: svc.hpa,
                    vpa: svc.vpa,
                    pdbMaxUnavailablePercent: svc.pdb.maxUnavailablePercent,
                    probes: svc.probes,
                    metricsPath: svc.metricsPath,
                    terminationGracePeriodSeconds: svc.terminationGracePeriodSeconds,
                    strictZoneSpread: config.environment === "prod",
                    dataTier: {
                        postgres: svc.dependsOn.includes("postgres")
                            ? { configMap: SHARD_MAP_CONFIGMAP, user: serviceRoleName(serviceName), poolSize: config.postgres.connectionPool.perPod }
                            : undefined,
                        redis: svc.dependsOn.includes("redis") ? { configMap: REDIS_CONFIGMAP, secret: redisSecretName(serviceName) } : undefined,
                    },
                    // A role when the service has policies, or signs in to the shards (its IAM token is its password).
                    irsa:
                        svc.iamPolicyArns.length > 0 || usesPostgres
                            ? {
                                  oidcProviderArn: f.cluster.oidcProviderArn,
                                  oidcIssuerUrl: f.cluster.oidcIssuerUrl,
                                  policyArns: svc.iamPolicyArns,
                                  policy: usesPostgres ? postgres.signInPolicy(f.region.name, serviceName) : undefined,
                              }
                            : undefined,
                    schedules: svc.schedules,
                    vpaCrds: f.cluster.releases.vpa,
                    // In the mesh the sidecar serves the app's metrics merged with its own (scraped by the
                    // observability stack); a PodMonitor on the app port would be refused by STRICT mTLS.
                    exposesMetrics: svc.exposesMetrics && !mesh,
                    monitoringCrds: monitoring.crds,
                    podLabels: svc.podLabels,
                    userFacing: svc.userFacing,
                    throughput: svc.throughput && { ...svc.throughput, trafficWeightPercent: f.region.trafficWeight },
                    credentialsRotation: rotationOf(config, svc.dependsOn),
                    // Tenant routing needs the mesh's subsets: each tenant's subset is its own pool.
                    tenantPools: mesh && serviceName === config.mesh.tenantService ? tenantPools(config.mesh, svc) : undefined,
                    // Node groups so the pods have nodes on a fresh cluster; istiod so each pod gets its sidecar; in the
                    // writer region the database roles, so the first pods can sign in. Other regions wait for nothing
                    // outside themselves: their first pods stay unready until the roles replicate to them.
                    after: [
                        ...f.cluster.nodeGroups,
                        ...(mesh ? [mesh.controlPlane] : []),
                        ...(usesPostgres && f.region.name === postgres.bootstrapRegion ? [postgres.bootstrap.job] : []),
                    ],
                },
                { parent: this, providers: { kubernetes: f.cluster.provider, aws: f.provider } },
            );
        }
    }

    /** One cache per region, the primary region's first so a Global Datastore can be joined. */
    private buildCaches(config: PlatformConfig, foundations: readonly RegionFoundation[]): Map<string, RedisCluster> {
        const caches = new Map<string, RedisCluster>();
        const ordered = [...foundations].sort((a, b) => Number(b.region.primary) - Number(a.region.primary));
        let globalId: pulumi.Output<string> | undefined;
        for (const f of ordered) {
            const role: GlobalDatastoreRole | undefined =
                config.redis.globalDatastore && foundations.length > 1 ? (globalId ? { role: "secondary", globalReplicationGroupId: globalId } : { role: "primary" }) : undefined;
            const cache = new RedisCluster(
                f.region.name,
                {
                    region: f.region.name,
                    replicationGroupId: cacheIdFor(config.stack, f.region.name),
                    vpcId: f.network.vpcId,
                    subnetIds: f.network.dataSubnetIds,
                    clientSecurityGroupId: f.cluster.nodeSecurityGroupId,
                    engine: config.redis.engine,
                    engineVersion: config.redis.engineVersion,
                    nodeType: f.region.redis.nodeType,
                    shards: f.region.redis.shards,
                    replicasPerShard: f.region.redis.replicasPerShard,
                    multiAz: config.redis.multiAz,
                    evictionThresholdPercent: config.redis.evictionThresholdPercent,
                    maxmemoryPolicy: config.redis.maxmemoryPolicy,
                    snapshotRetentionDays: config.redis.snapshotRetentionDays,
                    logRetentionDays: config.redis.logRetentionDays,
                    logKeyArn: f.network.logKeyArn,
                    protect: config.environment === "prod",
                    client: { maxRedirects: config.redis.maxRedirects, commandTimeoutSeconds: config.redis.commandTimeoutSeconds },
                    authRotation: config.redis.authRotation,
                    services: Object.entries(config.services)
                        .filter(([, svc]) => svc.dependsOn.includes("redis") && (!svc.regions || svc.regions.includes(f.region.name)))
                        .map(([service, svc]) => ({ service, keys: svc.redisAccess.keys ?? defaultKeys(service), commands: svc.redisAccess.commands })),
                    publishTo: { provider: f.cluster.provider, namespace: f.appNamespace },
                    globalDatastore: role,
                },
                { parent: this, providers: { aws: f.provider } },
            );
            globalId ??= cache.globalReplicationGroupId;
            caches.set(f.region.name, cache);
        }
        return caches;
    }

    private buildRegion(config: PlatformConfig, region: ResolvedRegion): RegionFoundation {
        const provider = new aws.Provider(
            region.name,
            {
                region: region.name,
                defaultTags: { tags: { ...baseTags(config), "strata:region": region.name } },
            },
            { parent: this },
        );
        const network = new RegionalNetwork(
            region.name,
            {
                region: region.name,
                vpcCidr: region.vpcCidr,
                azCount: region.azCount,
                availabilityZones: region.availabilityZones,
                natGateways: config.network.natGateways,
                flowLogs: config.network.flowLogs,
                clusterName: clusterNameFor(config.stack, region.name),
                remoteNetworks: { cidrs: region.cluster.apiAccess.cidrs, transitGatewayId: region.cluster.apiAccess.transitGatewayId },
            },
            { parent: this, providers: { aws: provider } },
        );
        const settings = region.cluster;
        const cluster = new RegionalCluster(
            region.name,
            {
                region: region.name,
                clusterName: clusterNameFor(config.stack, region.name),
                kubernetesVersion: settings.kubernetesVersion,
                vpcId: network.vpcId,
                privateSubnetIds: network.privateSubnetIds,
                zoneCount: region.azCount,
                endpointPublicAccess: settings.endpointPublicAccess,
                publicAccessCidrs: settings.publicAccessCidrs,
                apiAccess: { cidrs: settings.apiAccess.cidrs, securityGroupIds: settings.apiAccess.securityGroupIds },
                deployerPath: network.remotePath,
                adminRoleArns: settings.adminRoleArns,
                nodeGroups: settings.nodeGroups,
                deletionProtection: settings.deletionProtection,
                logRetentionDays: settings.logRetentionDays,
                logKeyArn: network.logKeyArn,
                autoscaler: settings.autoscaler,
                addonVersions: addonVersionsByName(settings.addonVersions),
                chartVersions: settings.chartVersions,
                headroom: settings.headroom,
            },
            { parent: this, providers: { aws: provider } },
        );
        const namespace = new k8s.core.v1.Namespace(
            `${region.name}-apps`,
            {
                metadata: {
                    name: settings.appNamespace,
                    labels: {
                        "istio-injection": "enabled",
                        "app.kubernetes.io/managed-by": "strata",
                        // Audited and warned against the restricted standard, not enforced: the injected istio-init
                        // needs NET_ADMIN and NET_RAW until Istio CNI is installed (catalog/podSecurityAdmission.ts).
                        [PSA.modeLabel.audit]: PSA.restricted,
                        [PSA.modeLabel.warn]: PSA.restricted,
                    },
                },
            },
            { parent: this, provider: cluster.provider },
        );
        return { region, provider, network, cluster, appNamespace: namespace.metadata.name, namespace };
    }
}

/**
 * The rotation marker of the credentials a service's pods read, as one label: a new one rolls its pods onto the new
 * cache password. The master password's rotation rolls nothing: no service holds it (they sign in with IAM tokens).
 */
function rotationOf(config: PlatformConfig, dependsOn: readonly string[]): string | undefined {
    const markers = dependsOn.includes("redis") && config.redis.authRotation ? [`redis.${config.redis.authRotation}`] : [];
    return markers.length > 0 ? markers.join("_") : undefined;
}

/** One pool per tenant of the tenant service, with the service's bounds unless the config narrows them. */
function tenantPools(mesh: PlatformConfig["mesh"], svc: PlatformConfig["services"][string]): TenantPool[] {
    return mesh.tenants.map((tenant) => ({
        tenant,
        minReplicas: mesh.tenantPool.minReplicas ?? svc.minReplicas,
        maxReplicas: mesh.tenantPool.maxReplicas ?? svc.maxReplicas,
        trafficPercent: mesh.tenantPool.trafficPercent,
    }));
}

/** Each role's max_connections, from its instance class (config validation refuses a class the catalog lacks). */
function maxConnectionsByRole(postgres: PlatformConfig["postgres"]): Record<"WRITER" | "READER", number> {
    const of = (instanceClass: string) => {
        const max = auroraMaxConnections(instanceClass);
        if (max === undefined) throw new Error(`postgres instance class ${instanceClass} is not in catalog/dbClasses.ts`);
        return max;
    };
    return { WRITER: of(postgres.instanceClass), READER: of(postgres.readerInstanceClass ?? postgres.instanceClass) };
}

function regionOutputs({ network, cluster }: RegionFoundation, cache: RedisCluster, monitoring: RegionalObservability, mesh: IstioMesh | undefined): RegionOutputs {
    return {
        vpcId: network.vpcId,
        availabilityZones: network.availabilityZones,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        dataSubnetIds: network.dataSubnetIds,
        clusterName: cluster.clusterName,
        clusterEndpoint: cluster.endpoint,
        oidcProviderArn: cluster.oidcProviderArn,
        nodeSecurityGroupId: cluster.nodeSecurityGroupId,
        kubeconfig: cluster.kubeconfig,
        redisEndpoint: cache.configurationEndpoint,
        prometheusAddress: monitoring.prometheusAddress,
        alertmanagerAddress: monitoring.alertmanagerAddress,
        alertTopicArn: monitoring.alertTopicArn,
        ingressLoadBalancerArn: mesh?.loadBalancerArn,
        ingressDnsName: mesh?.loadBalancerDnsName,
    };
}
