import { strict as assert } from "assert";
import { ExposureSettings, exposureProblems } from "../../policies/rules/exposure";
import { JsonObject } from "../../tools/plan/contract";
import { plannedStack } from "../planCommand";
import { extraResource, find, found, plus, withInputs, without } from "./planEdits";

const SETTINGS: ExposureSettings = { publicPorts: [80, 443] };
const exposure = (resources: Parameters<typeof found>[1]) => found((r) => exposureProblems(r, SETTINGS), resources);
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("strata-network-exposure", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds only 80 and 443 facing the internet in ${stack}, and nothing else public`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(exposure(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-network-exposure"), []);
        });
    }

    it("names a rule opening PostgreSQL, Redis, SSH or the kubelet to the internet, in either address family", () => {
        assert.deepEqual(
            exposure(
                withInputs(INGRESS, "us-east-1-postgres-from-nodes", (i) => {
                    delete i.referencedSecurityGroupId;
                    i.cidrIpv4 = "0.0.0.0/0";
                }),
            ),
            ["Security group rule us-east-1-postgres-from-nodes opens port 5432, including 5432 (PostgreSQL) to 0.0.0.0/0; only 80, 443 may face the internet @ us-east-1-postgres-from-nodes"],
        );
        const node = find("aws:ec2/securityGroup:SecurityGroup", "us-east-1-nodes");
        const ssh = extraResource(INGRESS, "debug-ssh", "us-east-1", { securityGroupId: "sg-nodes", cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 22, toPort: 10250 }, [node.urn]);
        assert.deepEqual(exposure(plus(ssh)), ["Security group rule debug-ssh opens ports 22-10250, including 22 (SSH), 3389 (RDP), 5432 (PostgreSQL), 6379 (Redis), 10250 (the kubelet) to ::/0; only 80, 443 may face the internet @ debug-ssh"]);
    });

    it("names a public port opened on a group no internet-facing load balancer uses", () => {
        const node = find("aws:ec2/securityGroup:SecurityGroup", "eu-west-1-nodes");
        const https = extraResource(INGRESS, "nodes-https", "eu-west-1", { securityGroupId: "sg-nodes", cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 }, [node.urn]);
        assert.deepEqual(exposure(plus(https)), ["Security group rule nodes-https opens 443-443 to 0.0.0.0/0 on eu-west-1-nodes, a group no internet-facing load balancer uses @ nodes-https"]);
    });

    it("names all ports open, inline or as a legacy rule, and leaves the public listeners alone", () => {
        const all = extraResource("aws:ec2/securityGroup:SecurityGroup", "wide-open", "us-east-1", { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
        const legacy = extraResource("aws:ec2/securityGroupRule:SecurityGroupRule", "legacy", "us-east-1", { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" });
        assert.deepEqual(exposure([...plus(all), legacy]), ["Security group wide-open (ingress #0) opens all ports and protocols to 0.0.0.0/0; only 80, 443 may face the internet @ wide-open"]);
    });

    it("names a VPC whose default group is unmanaged or keeps rules", () => {
        assert.deepEqual(exposure(without("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "eu-west-1-default-sg")), [
            "VPC eu-west-1-vpc's default security group is not managed: AWS gives it rules that admit the group itself and all egress; adopt it with no rules (aws.ec2.DefaultSecurityGroup) @ eu-west-1-vpc",
        ]);
        assert.deepEqual(exposure(withInputs("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "us-east-1-default-sg", (i) => (i.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]))), [
            "VPC us-east-1-vpc's default security group us-east-1-default-sg keeps 1 rule(s); it must admit nothing @ us-east-1-vpc",
        ]);
    });

    it("names public addresses and SSH on nodes, a public subnet launch, and a public database", () => {
        assert.deepEqual(exposure(withInputs("aws:ec2/launchTemplate:LaunchTemplate", "eu-west-1-general", (i) => (i.networkInterfaces = [{ associatePublicIpAddress: "true" }]))), [
            "Launch template eu-west-1-general gives its instances public IP addresses (networkInterfaces.associatePublicIpAddress) @ eu-west-1-general",
        ]);
        assert.deepEqual(exposure(withInputs("aws:eks/nodeGroup:NodeGroup", "eu-west-1-general-z1", (i) => (i.remoteAccess = { ec2SshKey: "ops" }))), ["Node group eu-west-1-general-z1 opens SSH to its nodes (remoteAccess); use SSM Session Manager @ eu-west-1-general-z1"]);
        assert.deepEqual(exposure(withInputs("aws:ec2/subnet:Subnet", "eu-west-1-public-az1", (i) => (i.mapPublicIpOnLaunch = true))), [
            "Subnet eu-west-1-public-az1 gives every instance launched in it a public IP address (mapPublicIpOnLaunch) @ eu-west-1-public-az1",
        ]);
        assert.deepEqual(exposure(withInputs("aws:rds/clusterInstance:ClusterInstance", "us-east-1-shard-0-writer", (i) => (i.publiclyAccessible = true))), ["Database instance us-east-1-shard-0-writer is publicly accessible (publiclyAccessible) @ us-east-1-shard-0-writer"]);
    });

    it("names a bucket whose public access block is missing or partial, or that carries a public ACL", () => {
        assert.deepEqual(exposure(withInputs("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "edge-flow-logs", (i: JsonObject) => (i.restrictPublicBuckets = false))), [
            "S3 bucket edge-flow-logs's public access block leaves restrictPublicBuckets off @ edge-flow-logs",
        ]);
        assert.deepEqual(exposure(without("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "edge-flow-logs")), ["S3 bucket edge-flow-logs has no public access block @ edge-flow-logs"]);
        const bucket = find("aws:s3/bucket:Bucket", "edge-flow-logs");
        assert.deepEqual(exposure(plus(extraResource("aws:s3/bucketAclV2:BucketAclV2", "acl", "us-west-2", { bucket: "b", acl: "public-read" }, [bucket.urn]))), ["S3 bucket edge-flow-logs has the public ACL public-read @ edge-flow-logs"]);
    });
});
