import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { EKS_AS_OF, EKS_VERSIONS } from "../../catalog/eks";
import { ROTATION_TAG } from "../../components/tags";
import { Problem, UNKNOWN, boolean, dependsOn, integer, num, problemsPerResource, readInput, record, str } from "./util";

/*
 * What keeps the platform operable: enhanced monitoring on every database instance, a final snapshot before a
 * primary Aurora cluster goes, an EKS version inside standard support (from catalog/eks.ts, judged on its check
 * date), deletion protection on the clusters and load balancers that must not vanish, and every secret rotated,
 * by Secrets Manager or by a stack setting the secret names. Pure: reads the planned inputs and the catalog.
 */

export interface OperationsSettings {
    /** Longest enhanced-monitoring interval in seconds (1, 5, 10, 15, 30 or 60). */
    readonly maxMonitoringIntervalSeconds: number;
    /** EKS clusters and load balancers refuse deletion. */
    readonly requireDeletionProtection: boolean;
    /** Versions allowed past standard support (extended support, extra cost), each a documented exception. */
    readonly allowExtendedSupport: readonly string[];
    /** A secret that names its rotation setting (tag `strata.io/rotation`) counts as rotated. */
    readonly allowMarkerRotation: boolean;
}

function eksVersionProblem(r: PolicyResource, settings: OperationsSettings): string | undefined {
    const version = str(readInput(r, "version"));
    if (!version) return `EKS cluster ${r.name} states no Kubernetes version: EKS picks one, and the next release changes it`;
    const entry = EKS_VERSIONS.rows.find((v) => v.version === version);
    if (!entry) return `EKS cluster ${r.name} runs Kubernetes ${version}, which catalog/eks.ts does not know`;
    if (EKS_AS_OF >= entry.endOfExtendedSupport) return `EKS cluster ${r.name} runs Kubernetes ${version}, past the end of extended support (${entry.endOfExtendedSupport})`;
    if (EKS_AS_OF < entry.endOfStandardSupport) return undefined;
    const supportType = readInput(r, "upgradePolicy", "supportType");
    if (supportType === "STANDARD") return `EKS cluster ${r.name} runs Kubernetes ${version}, past standard support (${entry.endOfStandardSupport}), with upgradePolicy STANDARD: EKS would upgrade it behind the stack`;
    if (settings.allowExtendedSupport.includes(version)) return undefined;
    return `EKS cluster ${r.name} runs Kubernetes ${version}, past the end of standard support (${entry.endOfStandardSupport}; extended support at extra cost to ${entry.endOfExtendedSupport}); upgrade, or list it in allowExtendedSupport with the reason`;
}

/** A secondary of an Aurora global database: it joins a global cluster without credentials of its own. */
const isSecondary = (r: PolicyResource) => readInput(r, "globalClusterIdentifier") !== undefined && readInput(r, "masterUsername") === undefined && readInput(r, "manageMasterUserPassword") === undefined;

function resourceProblems(r: PolicyResource, all: readonly PolicyResource[], settings: OperationsSettings): (string | undefined)[] {
    switch (r.type) {
        case "aws:rds/clusterInstance:ClusterInstance":
        case "aws:rds/instance:Instance": {
            const interval = readInput(r, "monitoringInterval");
            if (interval === UNKNOWN) return [];
            const seconds = num(interval) ?? 0;
            if (seconds === 0) return [`Database instance ${r.name} has no enhanced monitoring (monitoringInterval 0)`];
            return [
                seconds > settings.maxMonitoringIntervalSeconds ? `Database instance ${r.name} samples enhanced monitoring every ${seconds} s, above the ${settings.maxMonitoringIntervalSeconds} s configured` : undefined,
                readInput(r, "autoMinorVersionUpgrade") === false ? `Database instance ${r.name} takes no minor engine upgrades (autoMinorVersionUpgrade): security fixes wait for someone to apply them` : undefined,
            ];
        }
        case "aws:rds/cluster:Cluster":
            return [
                !isSecondary(r) && (readInput(r, "skipFinalSnapshot") === true || readInput(r, "skipFinalSnapshot") === undefined) ? `Aurora cluster ${r.name} would be deleted without a final snapshot (skipFinalSnapshot)` : undefined,
                readInput(r, "copyTagsToSnapshot") !== true && readInput(r, "copyTagsToSnapshot") !== UNKNOWN ? `Aurora cluster ${r.name} does not tag its snapshots like itself (copyTagsToSnapshot): backups lose their owner and environment` : undefined,
            ];
        case "aws:eks/cluster:Cluster":
            return [eksVersionProblem(r, settings), settings.requireDeletionProtection && readInput(r, "deletionProtection") !== true && readInput(r, "deletionProtection") !== UNKNOWN ? `EKS cluster ${r.name} can be deleted (deletionProtection)` : undefined];
        case "aws:lb/loadBalancer:LoadBalancer":
            return [settings.requireDeletionProtection && readInput(r, "enableDeletionProtection") !== true && readInput(r, "enableDeletionProtection") !== UNKNOWN ? `Load balancer ${r.name} can be deleted (enableDeletionProtection): its address is what the edge and clients use` : undefined];
        case "aws:secretsmanager/secret:Secret": {
            const window = readInput(r, "recoveryWindowInDays");
            if (window === 0) return [`Secret ${r.name} is deleted at once, with no recovery window (recoveryWindowInDays 0)`];
            const scheduled = all.some((x) => x.type === "aws:secretsmanager/secretRotation:SecretRotation" && dependsOn(x, r));
            const marker = str(record(readInput(r, "tags"))[ROTATION_TAG]);
            if (scheduled || (settings.allowMarkerRotation && marker)) return [];
            return [`Secret ${r.name} is never rotated: add a rotation schedule${settings.allowMarkerRotation ? ` or name the setting that rotates it (tag ${ROTATION_TAG})` : ""}`];
        }
        default:
            return [];
    }
}

export function operationsProblems(resources: readonly PolicyResource[], settings: OperationsSettings): Problem[] {
    return problemsPerResource(resources, (r) => resourceProblems(r, resources, settings));
}

export const operations: StackValidationPolicy = {
    name: "strata-operations",
    description: "Enhanced monitoring and minor upgrades on every database instance, a final snapshot of every primary Aurora cluster and tagged snapshots, EKS versions inside standard support (or a listed exception), deletion protection on EKS clusters and load balancers, and every secret rotated.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxMonitoringIntervalSeconds: integer("Longest enhanced-monitoring interval, in seconds", 60),
            requireDeletionProtection: boolean("EKS clusters and load balancers must refuse deletion", true),
            allowExtendedSupport: { type: "array", items: { type: "string" }, description: "Kubernetes versions allowed past EKS standard support (state the reason where the list is set)", default: [] },
            allowMarkerRotation: boolean(`A secret naming the stack setting that rotates it (tag ${ROTATION_TAG}) counts as rotated`, true),
        },
    },
    validateStack: (args, reportViolation) => {
        const settings = args.getConfig<OperationsSettings>();
        for (const problem of operationsProblems(args.resources, settings)) reportViolation(problem.message, problem.resource.urn);
    },
};
