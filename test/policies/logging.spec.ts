import { strict as assert } from "assert";
import { LoggingSettings, loggingProblems } from "../../policies/rules/logging";
import { plannedStack } from "../planCommand";
import { found, withInputs, without } from "./planEdits";

const PROD: LoggingSettings = { minRetentionDays: 365, eksLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"] };
const logging = (resources: Parameters<typeof found>[1], settings = PROD) => found((r) => loggingProblems(r, settings), resources);

describe("strata-logging", () => {
    it("finds prod logging everything for a year and dev for a week", () => {
        assert.deepEqual(logging(plannedStack("prod").plan.resources), []);
        assert.deepEqual(logging(plannedStack("dev").plan.resources, { ...PROD, minRetentionDays: 7 }), []);
        for (const stack of ["dev", "prod"]) assert.deepEqual(plannedStack(stack).plan.policies.violations.filter((v) => v.policy === "strata-logging"), [], stack);
    });

    it("holds dev's week against prod's floor, on every log group and the flow-log bucket", () => {
        const short = logging(plannedStack("dev").plan.resources);
        assert.ok(short.length > 5);
        assert.ok(short.every((m) => / keeps its events 7 days, under the 365-day floor @ |expires the logs after 7 days/.test(m)), short.join("\n"));
    });

    it("names a VPC without flow logs and an accelerator that logs nothing", () => {
        assert.deepEqual(logging(without("aws:ec2/flowLog:FlowLog", "eu-west-1-flow-logs")), ["VPC eu-west-1-vpc has no flow log @ eu-west-1-vpc"]);
        assert.deepEqual(logging(withInputs("aws:globalaccelerator/accelerator:Accelerator", "edge-accelerator", (i) => (i.attributes = { flowLogsEnabled: false }))), [
            "Global Accelerator edge-accelerator does not log its flows (attributes.flowLogsEnabled, flowLogsS3Bucket) @ edge-accelerator",
        ]);
    });

    it("names Aurora without its log export, or with its group left to the service", () => {
        assert.deepEqual(logging(withInputs("aws:rds/cluster:Cluster", "us-east-1-shard-0", (i) => (i.enabledCloudwatchLogsExports = []))), [
            "Aurora cluster strata-prod-us-east-1-shard-0 does not export its postgresql log (enabledCloudwatchLogsExports) @ us-east-1-shard-0",
        ]);
        assert.deepEqual(logging(without("aws:cloudwatch/logGroup:LogGroup", "eu-west-1-shard-2-postgresql-log")), [
            "Aurora cluster strata-prod-eu-west-1-shard-2 writes to /aws/rds/cluster/strata-prod-eu-west-1-shard-2/postgresql, which the stack does not create: the service would create it unencrypted and keep it forever @ eu-west-1-shard-2",
        ]);
    });

    it("names an EKS cluster missing log types, or created before its group", () => {
        assert.deepEqual(logging(withInputs("aws:eks/cluster:Cluster", "us-east-1-eks", (i) => (i.enabledClusterLogTypes = ["api"]))), [
            "EKS cluster strata-prod-us-east-1 does not log audit, authenticator, controllerManager, scheduler (enabledClusterLogTypes) @ us-east-1-eks",
        ]);
        const plan = plannedStack("prod").plan.resources;
        const group = plan.find((r) => r.name === "us-east-1-control-plane")!;
        const racing = plan.map((r) => (r.name === "us-east-1-eks" && r.type === "aws:eks/cluster:Cluster" ? { ...r, dependencies: r.dependencies.filter((d) => d !== group.urn) } : r));
        assert.deepEqual(logging(racing), [
            "EKS cluster strata-prod-us-east-1 is not created after its log group /aws/eks/strata-prod-us-east-1/cluster (dependsOn): on first deploy the service may create the group itself @ us-east-1-eks",
        ]);
    });

    it("names a cache without its slow log, and a log group kept forever or too briefly", () => {
        assert.deepEqual(logging(withInputs("aws:elasticache/replicationGroup:ReplicationGroup", "ap-southeast-1-redis", (i) => (i.logDeliveryConfigurations = []))), [
            "ElastiCache replication group ap-southeast-1-redis does not deliver its slow log (logDeliveryConfigurations) @ ap-southeast-1-redis",
        ]);
        assert.deepEqual(logging(withInputs("aws:cloudwatch/logGroup:LogGroup", "us-east-1-flow-logs", (i) => delete i.retentionInDays)), [
            "Log group us-east-1-flow-logs keeps its events forever (retentionInDays unset); set at least 365 days @ us-east-1-flow-logs",
        ]);
        assert.deepEqual(logging(withInputs("aws:cloudwatch/logGroup:LogGroup", "us-east-1-redis-slow-log", (i) => (i.retentionInDays = 90))), [
            "Log group /aws/elasticache/strata-prod-us-east-1/slow-log keeps its events 90 days, under the 365-day floor @ us-east-1-redis-slow-log",
        ]);
    });
});
