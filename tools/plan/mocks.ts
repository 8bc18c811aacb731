import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { regionFacts } from "../../catalog/regions";
import { replacementKey } from "./replacement";

/*
 * The offline engine's stand-in for AWS: every resource gets the ids, ARNs and computed outputs the real
 * provider would return (deterministic, so two plans of the same program are identical), and every invoke
 * the program makes gets a realistic answer. An invoke it does not know fails the run loudly.
 */
export const ACCOUNT_ID = "123456789012";

type State = Record<string, unknown>;

interface Identity {
    readonly id: string;
    readonly hex: string;
    readonly region: string;
    readonly args: pulumi.runtime.MockResourceArgs;
}

const hexOf = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex");

const arn = (service: string, region: string, resource: string) => `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;

/** Physical name the provider would auto-generate from the logical name (name + random suffix). */
const autoName = (i: Identity) => (typeof i.args.inputs.name === "string" ? i.args.inputs.name : `${i.args.name}-${i.hex.slice(0, 7)}`);

interface TypeMock {
    /** The cloud id: an EC2-style `prefix-hex`, or derived from the resource. */
    readonly id: (hex: string, args: pulumi.runtime.MockResourceArgs) => string;
    readonly outputs?: (identity: Identity) => State;
}

const ec2 = (prefix: string, arnType?: string, extra?: (i: Identity) => State): TypeMock => ({
    id: (hex) => `${prefix}-${hex.slice(0, 17)}`,
    outputs: (i) => ({ ...(arnType ? { arn: arn("ec2", i.region, `${arnType}/${i.id}`) } : {}), ownerId: ACCOUNT_ID, ...extra?.(i) }),
});

const publicIp = (hex: string) => `203.0.113.${parseInt(hex.slice(0, 2), 16) % 254 + 1}`;

const TYPES: Record<string, TypeMock> = {
    "aws:ec2/vpc:Vpc": ec2("vpc", "vpc", (i) => ({
        defaultSecurityGroupId: `sg-${i.hex.slice(17, 34)}`,
        mainRouteTableId: `rtb-${i.hex.slice(17, 34)}`,
        defaultNetworkAclId: `acl-${i.hex.slice(17, 34)}`,
        defaultRouteTableId: `rtb-${i.hex.slice(17, 34)}`,
    })),
    "aws:ec2/subnet:Subnet": ec2("subnet", "subnet", (i) => ({ availabilityZoneId: `${i.region.replace(/-/g, "").slice(0, 4)}-az1` })),
    "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
    "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
    "aws:ec2/route:Route": { id: (hex) => `r-rtb-${hex.slice(0, 17)}1080289494` },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2("rtbassoc"),
    "aws:ec2/eip:Eip": ec2("eipalloc", "elastic-ip", (i) => ({ allocationId: i.id, publicIp: publicIp(i.hex) })),
    "aws:ec2/natGateway:NatGateway": ec2("nat", "natgateway", (i) => ({ publicIp: publicIp(i.hex), networkInterfaceId: `eni-${i.hex.slice(17, 34)}` })),
    "aws:ec2/vpcEndpoint:VpcEndpoint": ec2("vpce", "vpc-endpoint", (i) => ({ prefixListId: `pl-${i.hex.slice(0, 8)}`, state: "available" })),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("sg", "security-group", () => ({ name: "default" })),
    "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group"),
    "aws:ec2/flowLog:FlowLog": ec2("fl", "vpc-flow-log"),
    "aws:cloudwatch/logGroup:LogGroup": {
        id: (hex, args) => (typeof args.inputs.name === "string" ? args.inputs.name : `${args.name}-${hex.slice(0, 7)}`),
        outputs: (i) => ({ name: i.id, arn: arn("logs", i.region, `log-group:${i.id}`) }),
    },
    "aws:iam/role:Role": {
        id: (hex, args) => (typeof args.inputs.name === "string" ? args.inputs.name : `${args.name}-${hex.slice(0, 7)}`),
        outputs: (i) => ({ name: i.id, arn: `arn:aws:iam::${ACCOUNT_ID}:role/${i.id}`, uniqueId: `AROA${i.hex.slice(0, 17).toUpperCase()}` }),
    },
    "aws:iam/rolePolicy:RolePolicy": {
        id: (hex, args) => `${String(args.inputs.role ?? args.name)}:${args.name}-${hex.slice(0, 7)}`,
        outputs: (i) => ({ name: autoName(i) }),
    },
};

const named = (service: string, resource: (i: Identity) => string): TypeMock => ({
    id: (hex, args) => (typeof args.inputs.name === "string" ? args.inputs.name : `${args.name}-${hex.slice(0, 7)}`),
    outputs: (i) => ({ name: i.id, arn: arn(service, i.region, resource(i)) }),
});

const uuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

Object.assign(TYPES, {
    "aws:kms/key:Key": {
        id: (hex: string) => uuid(hex),
        outputs: (i: Identity) => ({ keyId: i.id, arn: arn("kms", i.region, `key/${i.id}`) }),
    },
    "aws:kms/alias:Alias": { id: (_hex: string, args: pulumi.runtime.MockResourceArgs) => String(args.inputs.name), outputs: (i: Identity) => ({ arn: arn("kms", i.region, i.id) }) },
    "aws:eks/cluster:Cluster": {
        id: (_hex: string, args: pulumi.runtime.MockResourceArgs) => String(args.inputs.name ?? args.name),
        outputs: (i: Identity) => {
            const oidcId = i.hex.slice(0, 32).toUpperCase();
            const vpcConfig = (i.args.inputs.vpcConfig ?? {}) as Record<string, unknown>;
            return {
                name: i.id,
                arn: arn("eks", i.region, `cluster/${i.id}`),
                endpoint: `https://${oidcId}.gr7.${i.region}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from(`-----BEGIN CERTIFICATE-----\nstrata-offline-${i.hex.slice(0, 16)}\n-----END CERTIFICATE-----\n`).toString("base64") },
                identities: [{ oidcs: [{ issuer: `https://oidc.eks.${i.region}.amazonaws.com/id/${oidcId}` }] }],
                vpcConfig: { ...vpcConfig, clusterSecurityGroupId: `sg-${i.hex.slice(32, 49)}`, vpcId: `vpc-${i.hex.slice(17, 34)}` },
                platformVersion: "eks.1",
                status: "ACTIVE",
            };
        },
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
        id: (hex: string) => hex.slice(0, 16),
        outputs: (i: Identity) => {
            const url = String(i.args.inputs.url ?? "").replace(/^https:\/\//, "");
            return { arn: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${url}` };
        },
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${args.name}-${hex.slice(0, 8)}` },
    "aws:iam/policy:Policy": named("iam", (i) => `policy/${i.id}`),
    "aws:ec2/launchTemplate:LaunchTemplate": ec2("lt", "launch-template", () => ({ latestVersion: 1, defaultVersion: 1 })),
    "aws:eks/nodeGroup:NodeGroup": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${args.name}:${String(args.inputs.nodeGroupNamePrefix ?? "")}${hex.slice(0, 8)}`,
        outputs: (i: Identity) => ({
            arn: arn("eks", i.region, `nodegroup/${i.id}`),
            nodeGroupName: `${String(i.args.inputs.nodeGroupNamePrefix ?? "")}${i.hex.slice(0, 8)}`,
            resources: [{ autoscalingGroups: [{ name: `eks-${i.hex.slice(0, 36)}` }] }],
            status: "ACTIVE",
        }),
    },
    "aws:eks/addon:Addon": { id: (_hex: string, args: pulumi.runtime.MockResourceArgs) => `${String(args.inputs.clusterName)}:${String(args.inputs.addonName)}`, outputs: (i: Identity) => ({ arn: arn("eks", i.region, `addon/${i.id}`) }) },
    "aws:eks/accessEntry:AccessEntry": { id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${String(args.inputs.clusterName)}:${hex.slice(0, 8)}`, outputs: (i: Identity) => ({ accessEntryArn: arn("eks", i.region, `access-entry/${i.id}`) }) },
});

const rdsHost = (i: Identity, kind: string) => `${i.id}.${kind}-${i.hex.slice(0, 12)}.${i.region}.rds.amazonaws.com`;
const idOrName = (field: string) => (hex: string, args: pulumi.runtime.MockResourceArgs) =>
    typeof args.inputs[field] === "string" ? (args.inputs[field] as string) : `${args.name}-${hex.slice(0, 7)}`;
const prefixed = (hex: string, args: pulumi.runtime.MockResourceArgs) =>
    typeof args.inputs.name === "string" ? args.inputs.name : `${typeof args.inputs.namePrefix === "string" ? args.inputs.namePrefix : `${args.name}-`}${hex.slice(0, 20)}`;

Object.assign(TYPES, {
    "aws:rds/globalCluster:GlobalCluster": {
        id: idOrName("globalClusterIdentifier"),
        outputs: (i: Identity) => ({ arn: `arn:aws:rds::${ACCOUNT_ID}:global-cluster:${i.id}`, globalClusterResourceId: `cluster-${i.hex.slice(0, 26)}` }),
    },
    "aws:rds/cluster:Cluster": {
        id: idOrName("clusterIdentifier"),
        outputs: (i: Identity) => ({
            clusterIdentifier: i.id,
            arn: arn("rds", i.region, `cluster:${i.id}`),
            endpoint: rdsHost(i, "cluster"),
            readerEndpoint: rdsHost(i, "cluster-ro"),
            clusterResourceId: `cluster-${i.hex.slice(0, 26).toUpperCase()}`,
            hostedZoneId: "Z2R2ITUGPM61AM",
        }),
    },
    "aws:rds/clusterInstance:ClusterInstance": {
        id: idOrName("identifier"),
        outputs: (i: Identity) => ({ arn: arn("rds", i.region, `db:${i.id}`), endpoint: `${i.id}.${i.hex.slice(0, 12)}.${i.region}.rds.amazonaws.com`, writer: String(i.id).endsWith("-writer") }),
    },
    "aws:rds/subnetGroup:SubnetGroup": { id: prefixed, outputs: (i: Identity) => ({ name: i.id, arn: arn("rds", i.region, `subgrp:${i.id}`) }) },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": { id: prefixed, outputs: (i: Identity) => ({ name: i.id, arn: arn("rds", i.region, `cluster-pg:${i.id}`) }) },
    "aws:rds/parameterGroup:ParameterGroup": { id: prefixed, outputs: (i: Identity) => ({ name: i.id, arn: arn("rds", i.region, `pg:${i.id}`) }) },
    "aws:rds/proxy:Proxy": {
        id: idOrName("name"),
        outputs: (i: Identity) => ({ arn: arn("rds", i.region, `db-proxy:prx-${i.hex.slice(0, 17)}`), endpoint: `${i.id}.proxy-${i.hex.slice(0, 12)}.${i.region}.rds.amazonaws.com` }),
    },
    "aws:rds/proxyEndpoint:ProxyEndpoint": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${String(args.inputs.dbProxyName)}/${String(args.inputs.dbProxyEndpointName ?? hex.slice(0, 8))}`,
        outputs: (i: Identity) => ({ endpoint: `${String(i.args.inputs.dbProxyEndpointName)}.endpoint.proxy-${i.hex.slice(0, 12)}.${i.region}.rds.amazonaws.com` }),
    },
    "aws:secretsmanager/secret:Secret": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => arn("secretsmanager", "us-east-1", `secret:${prefixed(hex, args)}-${hex.slice(20, 26)}`),
        outputs: (i: Identity) => ({ arn: i.id.replace(":us-east-1:", `:${i.region}:`), name: prefixed(i.hex, i.args) }),
    },
    "aws:secretsmanager/secretVersion:SecretVersion": { id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${String(args.inputs.secretId)}|${hex.slice(0, 32)}`, outputs: (i: Identity) => ({ versionId: i.hex.slice(0, 32) }) },
    "random:index/randomPassword:RandomPassword": {
        id: () => "none",
        // Deterministic, and never the same twice: tests look for it in files to prove it is masked.
        outputs: (i: Identity) => ({ result: `offline-${i.hex.slice(0, 32)}`, bcryptHash: `$2a$10$${i.hex.slice(0, 53)}` }),
    },
    "aws:appautoscaling/target:Target": { id: (hex: string, args: pulumi.runtime.MockResourceArgs) => String(args.inputs.resourceId ?? hex.slice(0, 8)) },
    "aws:appautoscaling/policy:Policy": { id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${args.name}-${hex.slice(0, 8)}`, outputs: (i: Identity) => ({ arn: arn("autoscaling", i.region, `scalingPolicy:${i.hex.slice(0, 36)}`) }) },
});

Object.assign(TYPES, {
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        id: idOrName("replicationGroupId"),
        outputs: (i: Identity) => ({
            arn: arn("elasticache", i.region, `replicationgroup:${i.id}`),
            configurationEndpointAddress: `clustercfg.${i.id}.${i.hex.slice(0, 6)}.${i.region.replace(/-/g, "").slice(0, 5)}.cache.amazonaws.com`,
            memberClusters: [],
            clusterEnabled: true,
        }),
    },
    "aws:elasticache/subnetGroup:SubnetGroup": { id: idOrName("name"), outputs: (i: Identity) => ({ name: i.id, arn: arn("elasticache", i.region, `subnetgroup:${i.id}`) }) },
    "aws:elasticache/parameterGroup:ParameterGroup": { id: idOrName("name"), outputs: (i: Identity) => ({ name: i.id, arn: arn("elasticache", i.region, `parametergroup:${i.id}`) }) },
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `ldgnf-${String(args.inputs.globalReplicationGroupIdSuffix ?? hex.slice(0, 8))}`,
        outputs: (i: Identity) => ({ globalReplicationGroupId: i.id, arn: `arn:aws:elasticache::${ACCOUNT_ID}:globalreplicationgroup:${i.id}` }),
    },
});

Object.assign(TYPES, {
    "aws:lb/loadBalancer:LoadBalancer": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => arn("elasticloadbalancing", "us-east-1", `loadbalancer/net/${args.name.slice(0, 24)}/${hex.slice(0, 16)}`),
        outputs: (i: Identity) => ({
            arn: i.id.replace(":us-east-1:", `:${i.region}:`),
            arnSuffix: `net/${i.args.name.slice(0, 24)}/${i.hex.slice(0, 16)}`,
            dnsName: `${i.args.name.slice(0, 24)}-${i.hex.slice(0, 16)}.elb.${i.region}.amazonaws.com`,
            zoneId: "Z26RNL4JYFTOTI",
        }),
    },
    "aws:lb/targetGroup:TargetGroup": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => arn("elasticloadbalancing", "us-east-1", `targetgroup/${args.name.slice(0, 24)}/${hex.slice(0, 16)}`),
        outputs: (i: Identity) => ({ arn: i.id.replace(":us-east-1:", `:${i.region}:`), arnSuffix: `targetgroup/${i.args.name.slice(0, 24)}/${i.hex.slice(0, 16)}` }),
    },
    "aws:lb/listener:Listener": {
        id: (hex: string) => arn("elasticloadbalancing", "us-east-1", `listener/net/${hex.slice(0, 16)}/${hex.slice(16, 32)}`),
        outputs: (i: Identity) => ({ arn: i.id.replace(":us-east-1:", `:${i.region}:`) }),
    },
});

Object.assign(TYPES, {
    "aws:globalaccelerator/accelerator:Accelerator": {
        id: (hex: string) => `arn:aws:globalaccelerator::${ACCOUNT_ID}:accelerator/${uuid(hex)}`,
        outputs: (i: Identity) => ({
            arn: i.id,
            dnsName: `a${i.hex.slice(0, 16)}.awsglobalaccelerator.com`,
            hostedZoneId: "Z2BJ6XQ5FK7U4H",
            ipSets: [{ ipFamily: "IPv4", ipAddresses: [`198.51.100.${parseInt(i.hex.slice(0, 2), 16) % 250 + 1}`, `198.51.100.${parseInt(i.hex.slice(2, 4), 16) % 250 + 1}`] }],
        }),
    },
    "aws:globalaccelerator/listener:Listener": {
        id: (hex: string) => `arn:aws:globalaccelerator::${ACCOUNT_ID}:accelerator/${uuid(hex)}/listener/${hex.slice(32, 40)}`,
        outputs: (i: Identity) => ({ arn: i.id }),
    },
    "aws:globalaccelerator/endpointGroup:EndpointGroup": {
        id: (hex: string) => `arn:aws:globalaccelerator::${ACCOUNT_ID}:endpoint-group/${hex.slice(0, 24)}`,
        outputs: (i: Identity) => ({ arn: i.id }),
    },
    // ACM answers a DNS validation record per name it was asked for (the domain and each alternative name).
    "aws:acm/certificate:Certificate": {
        id: (hex: string) => hex.slice(0, 36),
        outputs: (i: Identity) => {
            const names = [String(i.args.inputs.domainName), ...strings(i.args.inputs.subjectAlternativeNames)];
            return {
                arn: arn("acm", i.region, `certificate/${i.id}`),
                domainValidationOptions: names.map((domainName, n) => ({
                    domainName,
                    resourceRecordName: `_${i.hex.slice(n, n + 32)}.${domainName}.`,
                    resourceRecordType: "CNAME",
                    resourceRecordValue: `_${i.hex.slice(n + 1, n + 33)}.acm-validations.aws.`,
                })),
                status: "ISSUED",
            };
        },
    },
    "aws:acm/certificateValidation:CertificateValidation": { id: (hex: string) => hex.slice(0, 20), outputs: (i: Identity) => ({ certificateArn: i.args.inputs.certificateArn }) },
    "aws:route53/record:Record": { id: (hex: string, args: pulumi.runtime.MockResourceArgs) => `${String(args.inputs.zoneId)}_${String(args.inputs.name)}_${String(args.inputs.type)}_${hex.slice(0, 6)}`, outputs: (i: Identity) => ({ fqdn: i.args.inputs.name }) },
    "aws:route53/healthCheck:HealthCheck": { id: (hex: string) => uuid(hex), outputs: (i: Identity) => ({ arn: `arn:aws:route53:::healthcheck/${i.id}` }) },
    "aws:s3/bucket:Bucket": {
        id: (hex: string, args: pulumi.runtime.MockResourceArgs) => (typeof args.inputs.bucket === "string" ? args.inputs.bucket : `${args.name}-${hex.slice(0, 12)}`),
        outputs: (i: Identity) => ({ bucket: i.id, arn: `arn:aws:s3:::${i.id}`, bucketDomainName: `${i.id}.s3.amazonaws.com` }),
    },
});

/** Kubernetes objects: the id is `namespace/name`, as the provider reports it. */
const kubernetesMock: TypeMock = {
    id: (_hex, args) => {
        const metadata = (args.inputs.metadata ?? {}) as { name?: unknown; namespace?: unknown };
        const name = typeof metadata.name === "string" ? metadata.name : typeof args.inputs.name === "string" ? args.inputs.name : args.name;
        const namespace = typeof metadata.namespace === "string" ? metadata.namespace : typeof args.inputs.namespace === "string" ? args.inputs.namespace : undefined;
        return namespace ? `${namespace}/${name}` : name;
    },
    outputs: (i) => (i.args.type === "kubernetes:helm.sh/v3:Release" ? { status: { status: "deployed", version: 1, namespace: i.args.inputs.namespace, name: i.args.inputs.name } } : {}),
};

const genericMock: TypeMock = {
    id: (hex, args) => `${args.name}-${hex.slice(0, 8)}`,
    outputs: (i) => {
        const [pkg, module] = i.args.type.split(/[:/]/);
        return pkg === "aws" ? { arn: arn(module ?? "unknown", i.region, `${i.args.name}/${i.id}`) } : {};
    },
};

/** The SDK reports a failed engine call by its gRPC `details`; a plain Error would arrive without a message. */
function engineError(message: string): Error {
    return Object.assign(new Error(message), { details: message });
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

const providerId = (ref: string | undefined) => (ref ? ref.slice(ref.lastIndexOf("::") + 2) : undefined);

export class OfflineMocks implements pulumi.runtime.Mocks {
    /** Provider id → the region it was configured with. */
    private readonly providerRegions = new Map<string, string>();

    constructor(private readonly defaultRegion: string) {}

    private regionOf(providerRef: string | undefined, inputs: Record<string, unknown>): string {
        if (typeof inputs.region === "string") return inputs.region;
        const id = providerId(providerRef);
        return (id && this.providerRegions.get(id)) ?? this.defaultRegion;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
        const region = this.regionOf(args.provider, args.inputs);
        if (args.type.startsWith("pulumi:providers:")) {
            const id = `${args.name}-${hexOf(args.type, args.name, region).slice(0, 8)}`;
            if (typeof args.inputs.region === "string") this.providerRegions.set(id, args.inputs.region);
            return { id, state: args.inputs };
        }
        // The physical instance is its identity plus its replacing inputs: a replaced resource gets a new id and
        // new computed outputs, so every input that references it changes, as on AWS.
        const hex = hexOf(args.type, args.name, region, replacementKey(args.type, args.inputs));
        const mock = TYPES[args.type] ?? (args.type.startsWith("kubernetes:") ? kubernetesMock : genericMock);
        const id = mock.id(hex, args);
        const computed = mock.outputs?.({ id, hex, region, args }) ?? {};
        return { id, state: { ...args.inputs, ...computed, ...(args.type.startsWith("aws:") ? { region } : {}) } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const region = this.regionOf(args.provider, args.inputs);
        switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                // The region's real zones (catalog/regions.ts), filtered as the provider filters them.
                const facts = regionFacts(region);
                if (!facts) throw engineError(`the offline engine knows no availability zones of region ${region}; add it to catalog/regions.ts`);
                const excludedIds = strings(args.inputs.excludeZoneIds);
                const excludedNames = strings(args.inputs.excludeNames);
                const zones = facts.zones.filter((z) => !excludedIds.includes(z.id) && !excludedNames.includes(z.name));
                return {
                    id: region,
                    names: zones.map((z) => z.name),
                    zoneIds: zones.map((z) => z.id),
                    groupNames: zones.map(() => region),
                    state: "available",
                };
            }
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { id: ACCOUNT_ID, accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/strata-plan`, userId: "AIDASTRATAPLAN00000000" };
            case "aws:index/getPartition:getPartition":
                return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
            // A looked-up default moves under a later `pulumi up`: versions are pinned in strata:cluster.addonVersions.
            case "aws:eks/getAddonVersion:getAddonVersion":
                throw engineError(`the program looked up the EKS add-on ${String(args.inputs.addonName)}'s default version; pin it in strata:cluster.addonVersions instead (catalog/drift.ts)`);
            case "aws:index/getRegion:getRegion":
                return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
            default:
                throw engineError(`the offline engine has no answer for invoke ${args.token}; teach tools/plan/mocks.ts what it returns`);
        }
    }
}
