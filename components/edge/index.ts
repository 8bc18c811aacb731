import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerKey } from "../customerKey";
import { publicHost, regionalHost } from "../mesh/routing";

/** Route 53's hosted zone for every Global Accelerator DNS name. */
export const ACCELERATOR_ZONE_ID = "Z2BJ6XQ5FK7U4H";

export interface EdgeRegion {
    readonly name: string;
    /** The region's ingress NLB. */
    readonly loadBalancerArn: pulumi.Input<string>;
    readonly loadBalancerDnsName: pulumi.Input<string>;
    readonly loadBalancerZoneId: pulumi.Input<string>;
    /** Share of global traffic (percent) for weighted DNS. */
    readonly weight: number;
    /** Accelerator traffic dial (percent). */
    readonly trafficDial: number;
}

export interface HealthCheckSettings {
    readonly path: string;
    readonly port: number;
    /** 10 or 30 seconds (the only values the accelerator and Route 53 accept). */
    readonly intervalSeconds: number;
    readonly healthyThreshold: number;
}

export interface GlobalLoadBalancerArgs {
    /** `accelerator`: Global Accelerator with static IPs; `dns`: Route 53 latency or weighted records; `none`: regional hostnames only. */
    readonly mode: "accelerator" | "dns" | "none";
    readonly domain: string;
    /** Route 53 hosted zone of `domain`; required in `dns` mode, optional with the accelerator. */
    readonly hostedZoneId?: string;
    /** DNS routing in `dns` mode. */
    readonly routing: "latency" | "weighted";
    /** Region that takes the traffic when every other fails. */
    readonly fallbackRegion: string;
    readonly healthCheck: HealthCheckSettings;
    readonly regions: readonly EdgeRegion[];
    /** Accelerators are managed through us-west-2; this provider must be configured for it (accelerator mode). */
    readonly acceleratorProvider?: aws.Provider;
    /** Provider for Route 53 (a global service) and the flow-log bucket's account. */
    readonly dnsProvider: aws.Provider;
    /** `protect` on the accelerator (its static IPs are in customers' allow-lists) and the log bucket. */
    readonly protect: boolean;
    /** Days the accelerator's flow logs stay in their bucket (the stack's flow-log retention). */
    readonly flowLogRetentionDays: number;
}

function validate(args: GlobalLoadBalancerArgs): void {
    const problems: string[] = [];
    if (args.mode === "none") return;
    const total = args.regions.reduce((a, r) => a + r.weight, 0);
    if (total !== 100) problems.push(`region weights must add up to 100 (they add up to ${total})`);
    if (args.mode === "accelerator" && !args.acceleratorProvider) problems.push("accelerator mode needs a us-west-2 acceleratorProvider");
    if (!args.regions.some((r) => r.name === args.fallbackRegion)) problems.push(`fallbackRegion "${args.fallbackRegion}" is not one of the regions (${args.regions.map((r) => r.name).join(", ")})`);
    if (args.mode === "dns" && !args.hostedZoneId) problems.push("hostedZoneId is required in dns mode");
    if (args.healthCheck.intervalSeconds !== 10 && args.healthCheck.intervalSeconds !== 30) problems.push(`healthCheck.intervalSeconds (${args.healthCheck.intervalSeconds}) must be 10 or 30`);
    if (args.regions.length < 2) problems.push("a global load balancer needs at least two regions");
    if (problems.length > 0) throw new Error(`GlobalLoadBalancer: ${problems.join("; ")}`);
}

/**
 * One global entry point over the regional ingress NLBs: a Global Accelerator (static anycast IPs, flow
 * logs, an endpoint group per region with its traffic dial) or Route 53 latency/weighted records with
 * health checks and a fallback region; in both modes `api.<domain>` and a hostname per region.
 */
export class GlobalLoadBalancer extends pulumi.ComponentResource {
    public readonly hostname: string;
    public readonly regionalHostnames: Record<string, string>;
    /** The accelerator's static IPs (accelerator mode). */
    public readonly staticIps?: pulumi.Output<string[]>;
    /** The name clients resolve: the accelerator's DNS name, or the hostname in dns mode. */
    public readonly dnsName: pulumi.Output<string>;

    constructor(name: string, args: GlobalLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        validate(args);
        super("strata:edge:GlobalLoadBalancer", name, {}, opts);
        this.hostname = publicHost(args.domain);
        this.regionalHostnames = Object.fromEntries(args.regions.map((r) => [r.name, regionalHost(r.name, args.domain)]));
        const dns = { parent: this, provider: args.dnsProvider };
        const alias = (target: { name: pulumi.Input<string>; zoneId: pulumi.Input<string> }) => [{ name: target.name, zoneId: target.zoneId, evaluateTargetHealth: true }];

        if (args.hostedZoneId) {
            for (const region of args.regions) {
                new aws.route53.Record(
                    `${name}-${region.name}`,
                    { zoneId: args.hostedZoneId, name: regionalHost(region.name, args.domain), type: "A", aliases: alias({ name: region.loadBalancerDnsName, zoneId: region.loadBalancerZoneId }) },
                    dns,
                );
            }
        }

        if (args.mode === "accelerator" && args.acceleratorProvider) {
            const accelerator = this.accelerator(name, args, args.acceleratorProvider);
            this.staticIps = accelerator.ipSets.apply((sets) => sets.flatMap((s) => s.ipAddresses ?? []));
            this.dnsName = accelerator.dnsName;
            if (args.hostedZoneId) {
                new aws.route53.Record(`${name}-global`, { zoneId: args.hostedZoneId, name: this.hostname, type: "A", aliases: alias({ name: accelerator.dnsName, zoneId: ACCELERATOR_ZONE_ID }) }, dns);
            }
        } else if (args.mode === "dns") {
            this.dnsRecords(name, args, args.hostedZoneId as string);
            this.dnsName = pulumi.output(this.hostname);
        } else {
            // A single region has nothing to balance: clients use its regional hostname.
            this.hostname = args.regions[0] ? regionalHost(args.regions[0].name, args.domain) : this.hostname;
            this.dnsName = pulumi.output(this.hostname);
        }
        this.registerOutputs({ hostname: this.hostname, regionalHostnames: this.regionalHostnames, staticIps: this.staticIps, dnsName: this.dnsName });
    }

    private accelerator(name: string, args: GlobalLoadBalancerArgs, provider: aws.Provider): aws.globalaccelerator.Accelerator {
        const global = { parent: this, provider };
        const bucket = new aws.s3.Bucket(`${name}-flow-logs`, { forceDestroy: !args.protect }, { ...global, protect: args.protect });
        new aws.s3.BucketPublicAccessBlock(`${name}-flow-logs`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, global);
        const key = customerKey(`${name}-flow-logs`, { description: `Global Accelerator flow logs of ${name}`, users: [{ kind: "logDelivery" }] }, { ...global, protect: args.protect });
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-flow-logs`,
            { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }] },
            global,
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-flow-logs`,
            { bucket: bucket.id, rules: [{ id: "expire", status: "Enabled", filter: {}, expiration: { days: args.flowLogRetentionDays } }] },
            global,
        );

        const accelerator = new aws.globalaccelerator.Accelerator(
            `${name}-accelerator`,
            {
                name: name,
                ipAddressType: "IPV4",
                enabled: true,
                attributes: { flowLogsEnabled: true, flowLogsS3Bucket: bucket.bucket, flowLogsS3Prefix: "flow-logs/" },
            },
            { ...global, protect: args.protect },
        );
        for (const port of [443, 80]) {
            const listener = new aws.globalaccelerator.Listener(
                `${name}-${port}`,
                { acceleratorArn: accelerator.arn, protocol: "TCP", portRanges: [{ fromPort: port, toPort: port }], clientAffinity: "NONE" },
                global,
            );
            for (const region of args.regions) {
                new aws.globalaccelerator.EndpointGroup(
                    `${name}-${region.name}-${port}`,
                    {
                        listenerArn: listener.arn,
                        endpointGroupRegion: region.name,
                        trafficDialPercentage: region.trafficDial,
                        // For NLB endpoints the accelerator also honours the NLB's own target health
                        // (the gateway's readiness on :15021); this check covers the public path end to end.
                        healthCheckProtocol: "HTTPS",
                        healthCheckPort: args.healthCheck.port,
                        healthCheckPath: args.healthCheck.path,
                        healthCheckIntervalSeconds: args.healthCheck.intervalSeconds,
                        thresholdCount: args.healthCheck.healthyThreshold,
                        endpointConfigurations: [{ endpointId: region.loadBalancerArn, weight: 100, clientIpPreservationEnabled: true }],
                    },
                    global,
                );
            }
        }
        return accelerator;
    }

    /** Latency or weighted records per region with health checks, behind a failover pair that falls back to one region. */
    private dnsRecords(name: string, args: GlobalLoadBalancerArgs, zoneId: string): void {
        const dns = { parent: this, provider: args.dnsProvider };
        const pool = `api-routed.${args.domain}`;
        for (const region of args.regions) {
            const check = new aws.route53.HealthCheck(
                `${name}-${region.name}`,
                {
                    type: "HTTPS",
                    fqdn: regionalHost(region.name, args.domain),
                    port: args.healthCheck.port,
                    resourcePath: args.healthCheck.path,
                    requestInterval: args.healthCheck.intervalSeconds,
                    failureThreshold: args.healthCheck.healthyThreshold,
                    measureLatency: true,
                    tags: { Name: `${regionalHost(region.name, args.domain)} ingress` },
                },
                dns,
            );
            new aws.route53.Record(
                `${name}-${region.name}-routed`,
                {
                    zoneId,
                    name: pool,
                    type: "A",
                    setIdentifier: region.name,
                    healthCheckId: check.id,
                    aliases: [{ name: region.loadBalancerDnsName, zoneId: region.loadBalancerZoneId, evaluateTargetHealth: true }],
                    ...(args.routing === "latency" ? { latencyRoutingPolicies: [{ region: region.name }] } : { weightedRoutingPolicies: [{ weight: region.weight }] }),
                },
                dns,
            );
        }
        const fallback = args.regions.find((r) => r.name === args.fallbackRegion) as EdgeRegion;
        new aws.route53.Record(
            `${name}-primary`,
            { zoneId, name: this.hostname, type: "A", setIdentifier: "routed", failoverRoutingPolicies: [{ type: "PRIMARY" }], aliases: [{ name: pool, zoneId, evaluateTargetHealth: true }] },
            dns,
        );
        new aws.route53.Record(
            `${name}-fallback`,
            {
                zoneId,
                name: this.hostname,
                type: "A",
                setIdentifier: `fallback-${fallback.name}`,
                failoverRoutingPolicies: [{ type: "SECONDARY" }],
                aliases: [{ name: fallback.loadBalancerDnsName, zoneId: fallback.loadBalancerZoneId, evaluateTargetHealth: true }],
            },
            dns,
        );
    }
}
