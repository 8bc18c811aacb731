import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { SERVICE_LOG_GROUPS, serviceLogGroup } from "../../catalog/logGroups";
import { Problem, UNKNOWN, dependsOn, integer, list, num, problemsPerResource, readInput, record, regionOf, str } from "./util";

/*
 * What the stack records, and for how long. Every VPC has flow logs, the accelerator logs its flows, Aurora exports
 * its PostgreSQL log, EKS its control-plane logs and ElastiCache its slow and engine logs; the groups those services
 * write to by name exist in the plan first (else the service creates them itself: unencrypted, kept forever); and
 * nothing the stack keeps logs in expires before the environment's floor. Pure: reads the planned inputs.
 */

export interface LoggingSettings {
    readonly minRetentionDays: number;
    /** EKS control-plane log types every cluster sends. */
    readonly eksLogTypes: readonly string[];
}

/** The plan's log group named `name` in `region`, created before `writer`. */
function preCreated(all: readonly PolicyResource[], writer: PolicyResource, name: string): string | undefined {
    const group = all.find((g) => g.type === "aws:cloudwatch/logGroup:LogGroup" && readInput(g, "name") === name && regionOf(g) === regionOf(writer));
    if (!group) return `writes to ${name}, which the stack does not create: the service would create it unencrypted and keep it forever`;
    return dependsOn(writer, group) ? undefined : `is not created after its log group ${name} (dependsOn): on first deploy the service may create the group itself`;
}

function retentionProblem(r: PolicyResource, settings: LoggingSettings): string | undefined {
    const days = readInput(r, "retentionInDays");
    if (days === UNKNOWN) return undefined;
    const name = str(readInput(r, "name")) ?? r.name;
    if (typeof days !== "number" || days === 0) return `Log group ${name} keeps its events forever (retentionInDays unset); set at least ${settings.minRetentionDays} days`;
    return days < settings.minRetentionDays ? `Log group ${name} keeps its events ${days} days, under the ${settings.minRetentionDays}-day floor` : undefined;
}

function resourceProblems(r: PolicyResource, all: readonly PolicyResource[], settings: LoggingSettings): (string | undefined)[] {
    switch (r.type) {
        case "aws:ec2/vpc:Vpc":
            return all.some((f) => f.type === "aws:ec2/flowLog:FlowLog" && dependsOn(f, r)) ? [] : [`VPC ${r.name} has no flow log`];
        case "aws:globalaccelerator/accelerator:Accelerator": {
            const attributes = readInput(r, "attributes");
            if (attributes === UNKNOWN) return [];
            return record(attributes).flowLogsEnabled === true && record(attributes).flowLogsS3Bucket !== undefined ? [] : [`Global Accelerator ${r.name} does not log its flows (attributes.flowLogsEnabled, flowLogsS3Bucket)`];
        }
        case "aws:rds/cluster:Cluster": {
            if (!String(readInput(r, "engine") ?? "").startsWith("aurora-postgresql")) return [];
            const identifier = str(readInput(r, "clusterIdentifier"));
            const exports = list(readInput(r, "enabledCloudwatchLogsExports"));
            const exported = SERVICE_LOG_GROUPS.rows.auroraPostgresqlExport;
            if (!exports.includes(exported)) return [`Aurora cluster ${identifier ?? r.name} does not export its ${exported} log (enabledCloudwatchLogsExports)`];
            const problem = identifier ? preCreated(all, r, serviceLogGroup(SERVICE_LOG_GROUPS.rows.auroraPostgresql, identifier)) : undefined;
            return [problem && `Aurora cluster ${identifier} ${problem}`];
        }
        case "aws:eks/cluster:Cluster": {
            const name = str(readInput(r, "name"));
            const types = list(readInput(r, "enabledClusterLogTypes"));
            const missing = settings.eksLogTypes.filter((t) => !types.includes(t));
            const problem = name ? preCreated(all, r, serviceLogGroup(SERVICE_LOG_GROUPS.rows.eksControlPlane, name)) : undefined;
            return [missing.length > 0 ? `EKS cluster ${name ?? r.name} does not log ${missing.join(", ")} (enabledClusterLogTypes)` : undefined, problem && `EKS cluster ${name} ${problem}`];
        }
        case "aws:elasticache/replicationGroup:ReplicationGroup": {
            const deliveries = readInput(r, "logDeliveryConfigurations");
            if (deliveries === UNKNOWN) return [];
            const configured = list(deliveries).map(record);
            if (!configured.some((d) => d.logType === "slow-log")) return [`ElastiCache replication group ${r.name} does not deliver its slow log (logDeliveryConfigurations)`];
            return configured.filter((d) => d.destinationType === "cloudwatch-logs" && typeof d.destination === "string").map((d) => {
                const problem = preCreated(all, r, d.destination as string);
                return problem && `ElastiCache replication group ${r.name} ${problem}`;
            });
        }
        case "aws:cloudwatch/logGroup:LogGroup":
            return [retentionProblem(r, settings)];
        case "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
            const rules = readInput(r, "rules");
            if (rules === UNKNOWN) return [];
            return list(rules)
                .map(record)
                .filter((rule) => rule.status !== "Disabled")
                .map((rule) => num(record(rule.expiration).days))
                .filter((days): days is number => days !== undefined && days < settings.minRetentionDays)
                .map((days) => `Bucket lifecycle ${r.name} expires the logs after ${days} days, under the ${settings.minRetentionDays}-day floor`);
        }
        default:
            return [];
    }
}

export function loggingProblems(resources: readonly PolicyResource[], settings: LoggingSettings): Problem[] {
    return problemsPerResource(resources, (r) => resourceProblems(r, resources, settings));
}

const EKS_LOG_TYPES = [...SERVICE_LOG_GROUPS.rows.eksControlPlaneLogTypes];

export const logging: StackValidationPolicy = {
    name: "strata-logging",
    description: "VPC and Global Accelerator flow logs, Aurora PostgreSQL log exports, EKS control-plane and ElastiCache logs are on, their log groups are created by the stack first, and every log group and log bucket keeps events at least the environment's floor.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRetentionDays: integer("Shortest retention of any log group or log bucket, in days", 365),
            eksLogTypes: { type: "array", items: { type: "string", enum: EKS_LOG_TYPES }, description: "Control-plane log types every EKS cluster sends", default: EKS_LOG_TYPES },
        },
    },
    validateStack: (args, reportViolation) => {
        const settings = args.getConfig<LoggingSettings>();
        for (const problem of loggingProblems(args.resources, settings)) reportViolation(problem.message, problem.resource.urn);
    },
};
