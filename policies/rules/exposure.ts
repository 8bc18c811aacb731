import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Problem, UNKNOWN, dependsOn, isRecord, list, num, problemsPerResource, readInput, record } from "./util";

/*
 * What must not be reachable from the internet. strata-network-flows proves the flows the platform needs are open;
 * this proves nothing else is: no security group admits the whole internet beyond the public ports, the default
 * group of every VPC admits nothing, nodes get no public address or SSH, no database is public, and S3 buckets
 * block public access. Pure: reads the planned inputs.
 */

export interface ExposureSettings {
    /** Ports a security group may open to 0.0.0.0/0 or ::/0: the public listeners. */
    readonly publicPorts: readonly number[];
}

/** Ports that are named when open to the internet: data stores, remote administration, the kubelet. */
const NAMED_PORTS: Readonly<Record<number, string>> = { 22: "SSH", 3389: "RDP", 5432: "PostgreSQL", 6379: "Redis", 10250: "the kubelet" };

const isInternet = (cidr: unknown) => typeof cidr === "string" && /\/0$/.test(cidr);

/** "all ports", or the range and the named ports inside it, when an ingress to the internet reaches beyond the public ports. */
function exposure(protocol: unknown, from: unknown, to: unknown, settings: ExposureSettings): string | undefined {
    const proto = String(protocol ?? "").toLowerCase();
    if (proto === "-1" || proto === "all") return "all ports and protocols";
    const low = num(from);
    const high = num(to) ?? low;
    if (low === undefined || high === undefined) return undefined;
    const open = (port: number) => port >= low && port <= high;
    const named = Object.entries(NAMED_PORTS).filter(([port]) => open(Number(port))).map(([port, what]) => `${port} (${what})`);
    const beyondPublic = high - low + 1 > settings.publicPorts.filter(open).length;
    if (!beyondPublic) return undefined;
    const range = low === high ? `port ${low}` : `ports ${low}-${high}`;
    return named.length > 0 ? `${range}, including ${named.join(", ")}` : range;
}

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

/** Security groups of internet-facing load balancers: the only ones the public ports may face the internet on. */
const publicFacingGroups = (all: readonly PolicyResource[]): Set<string> =>
    new Set(all.filter((lb) => lb.type === "aws:lb/loadBalancer:LoadBalancer" && readInput(lb, "internal") !== true).flatMap((lb) => lb.dependencies.filter((d) => d.type === SECURITY_GROUP).map((d) => d.urn)));

function ingressProblems(r: PolicyResource, settings: ExposureSettings, publicGroups: ReadonlySet<string>): string[] {
    const problems: string[] = [];
    // The group a rule belongs to, when the plan shows it (a group of another stack stays unknown).
    const group = r.type === SECURITY_GROUP ? r : r.dependencies.find((d) => d.type === SECURITY_GROUP);
    const check = (what: string, cidrs: unknown[], protocol: unknown, from: unknown, to: unknown) => {
        const open = cidrs.filter(isInternet);
        if (open.length === 0) return;
        const reach = exposure(protocol, from, to, settings);
        if (reach) problems.push(`${what} opens ${reach} to ${open.join(" and ")}; only ${settings.publicPorts.join(", ")} may face the internet`);
        else if (group && !publicGroups.has(group.urn)) problems.push(`${what} opens ${String(from)}-${String(to)} to ${open.join(" and ")} on ${group.name}, a group no internet-facing load balancer uses`);
    };
    switch (r.type) {
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            check(`Security group rule ${r.name}`, [readInput(r, "cidrIpv4"), readInput(r, "cidrIpv6")], readInput(r, "ipProtocol"), readInput(r, "fromPort"), readInput(r, "toPort"));
            break;
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            if (readInput(r, "type") === "ingress") check(`Security group rule ${r.name}`, [...list(readInput(r, "cidrBlocks")), ...list(readInput(r, "ipv6CidrBlocks"))], readInput(r, "protocol"), readInput(r, "fromPort"), readInput(r, "toPort"));
            break;
        case "aws:ec2/securityGroup:SecurityGroup":
            list(readInput(r, "ingress")).map(record).forEach((rule, i) => check(`Security group ${r.name} (ingress #${i})`, [...list(rule.cidrBlocks), ...list(rule.ipv6CidrBlocks)], rule.protocol, rule.fromPort, rule.toPort));
            break;
    }
    return problems;
}

function hostProblems(r: PolicyResource): string[] {
    switch (r.type) {
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return list(readInput(r, "networkInterfaces"))
                .map(record)
                .filter((ni) => ni.associatePublicIpAddress === true || ni.associatePublicIpAddress === "true")
                .map(() => `Launch template ${r.name} gives its instances public IP addresses (networkInterfaces.associatePublicIpAddress)`);
        case "aws:eks/nodeGroup:NodeGroup":
            return isRecord(readInput(r, "remoteAccess")) ? [`Node group ${r.name} opens SSH to its nodes (remoteAccess); use SSM Session Manager`] : [];
        case "aws:ec2/subnet:Subnet":
            return readInput(r, "mapPublicIpOnLaunch") === true ? [`Subnet ${r.name} gives every instance launched in it a public IP address (mapPublicIpOnLaunch)`] : [];
        case "aws:rds/clusterInstance:ClusterInstance":
        case "aws:rds/instance:Instance":
            return readInput(r, "publiclyAccessible") === true ? [`Database instance ${r.name} is publicly accessible (publiclyAccessible)`] : [];
        default:
            return [];
    }
}

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

function bucketProblems(bucket: PolicyResource, all: readonly PolicyResource[]): string[] {
    const of = (type: string) => all.filter((x) => x.type === type && dependsOn(x, bucket));
    const problems: string[] = [];
    const blocks = of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    if (blocks.length === 0) problems.push(`S3 bucket ${bucket.name} has no public access block`);
    for (const block of blocks) {
        const off = BLOCK_FLAGS.filter((flag) => readInput(block, flag) !== UNKNOWN && readInput(block, flag) !== true);
        if (off.length > 0) problems.push(`S3 bucket ${bucket.name}'s public access block leaves ${off.join(", ")} off`);
    }
    const acls = [readInput(bucket, "acl"), ...of("aws:s3/bucketAcl:BucketAcl").map((a) => readInput(a, "acl")), ...of("aws:s3/bucketAclV2:BucketAclV2").map((a) => readInput(a, "acl"))];
    for (const acl of acls.filter((a) => typeof a === "string" && PUBLIC_ACLS.includes(a))) problems.push(`S3 bucket ${bucket.name} has the public ACL ${String(acl)}`);
    return problems;
}

function defaultGroupProblems(vpc: PolicyResource, all: readonly PolicyResource[]): string[] {
    const groups = all.filter((g) => g.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup" && dependsOn(g, vpc));
    if (groups.length === 0) return [`VPC ${vpc.name}'s default security group is not managed: AWS gives it rules that admit the group itself and all egress; adopt it with no rules (aws.ec2.DefaultSecurityGroup)`];
    return groups.flatMap((g) => {
        const rules = [...list(readInput(g, "ingress")), ...list(readInput(g, "egress"))];
        return rules.length > 0 ? [`VPC ${vpc.name}'s default security group ${g.name} keeps ${rules.length} rule(s); it must admit nothing`] : [];
    });
}

export function exposureProblems(resources: readonly PolicyResource[], settings: ExposureSettings): Problem[] {
    const publicGroups = publicFacingGroups(resources);
    return problemsPerResource(resources, (r) => [
        ...ingressProblems(r, settings, publicGroups),
        ...hostProblems(r),
        ...(r.type === "aws:s3/bucket:Bucket" ? bucketProblems(r, resources) : []),
        ...(r.type === "aws:ec2/vpc:Vpc" ? defaultGroupProblems(r, resources) : []),
    ]);
}

export const networkExposure: StackValidationPolicy = {
    name: "strata-network-exposure",
    description: "No security group opens more than the public ports to the internet, and those only on internet-facing load balancers' groups (never SSH, RDP, PostgreSQL, Redis, the kubelet or all ports); default security groups admit nothing; no public IPs or SSH on nodes; no public database; S3 buckets block public access and carry no public ACL.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            publicPorts: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 }, description: "Ports that may face 0.0.0.0/0 and ::/0 (the public listeners)", default: [80, 443] },
        },
    },
    validateStack: (args, reportViolation) => {
        const settings = args.getConfig<ExposureSettings>();
        for (const problem of exposureProblems(args.resources, settings)) reportViolation(problem.message, problem.resource.urn);
    },
};
