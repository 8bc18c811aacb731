import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { MASTER_CREDENTIALS_LABEL } from "../../components/postgres/roles";
import { clusterKey, labelsOf, meta } from "./util";

/*
 * Where the data stores' master credentials may go. A master credential is whatever feeds an Aurora cluster's
 * `masterPassword` or a cache's `authToken`; the rule follows the plan's property dependencies, so it sees the value
 * however it was passed on (a Secret, an env var, a ConfigMap, an RDS Proxy's secret). The only places it may reach:
 * the data store, its break-glass copy in Secrets Manager, and a namespace labelled to hold it that runs no
 * application. Pure: reads the plan's resources and their dependencies.
 */

const MASTER_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "aws:rds/cluster:Cluster": ["masterPassword"],
    "aws:rds/globalCluster:GlobalCluster": ["masterPassword"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["authToken"],
};
/** Workloads: a namespace holding master credentials runs none of them but Jobs. */
const APPLICATION_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "ReplicaSet", "Pod"];

const kindOf = (r: PolicyResource) => r.type.split(":").pop() ?? r.type;

export function masterCredentialProblems(resources: readonly PolicyResource[]): { resource: PolicyResource; message: string }[] {
    const dependenciesOf = (r: PolicyResource, keys?: readonly string[]) =>
        keys ? keys.flatMap((k) => r.propertyDependencies[k] ?? []) : [...r.dependencies, ...Object.values(r.propertyDependencies).flat()];
    const sources = new Set(resources.flatMap((r) => dependenciesOf(r, MASTER_INPUTS[r.type] ?? []).map((d) => d.urn)));
    const carries = (r: PolicyResource) => dependenciesOf(r).some((d) => sources.has(d.urn));
    // The Secrets Manager secrets whose versions hold a master credential.
    const masterSecrets = new Set(
        resources.filter((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion" && carries(r)).flatMap((r) => (r.propertyDependencies.secretId ?? []).map((d) => d.urn)),
    );
    const holding = new Set(
        resources.filter((r) => r.type === "kubernetes:core/v1:Namespace" && labelsOf(meta(r).labels)[MASTER_CREDENTIALS_LABEL] === "true").map((r) => `${clusterKey(r)}|${meta(r).name}`),
    );
    const inHoldingNamespace = (r: PolicyResource) => holding.has(`${clusterKey(r)}|${meta(r).namespace}`);
    const problems: { resource: PolicyResource; message: string }[] = [];
    for (const r of resources) {
        if (r.type.startsWith("kubernetes:")) {
            const where = `${kindOf(r)} ${meta(r).namespace}/${meta(r).name}`;
            if (carries(r) && !inHoldingNamespace(r)) problems.push({ resource: r, message: `${where} carries a data store's master credential outside the namespace that alone may hold it (labelled ${MASTER_CREDENTIALS_LABEL}); give the application its own identity instead` });
            if (inHoldingNamespace(r) && APPLICATION_KINDS.includes(kindOf(r))) problems.push({ resource: r, message: `${where} runs in a namespace that holds master credentials; only the bootstrap Job may run there` });
        }
        if (r.type === "aws:rds/proxy:Proxy" && (r.propertyDependencies.auths ?? []).some((d) => masterSecrets.has(d.urn))) {
            problems.push({ resource: r, message: `RDS Proxy ${r.name} signs in with the master credentials' secret; give it the applications' identities (IAM end to end, or their own secrets)` });
        }
    }
    return problems;
}

export const masterCredentials: StackValidationPolicy = {
    name: "strata-master-credentials",
    description: "A data store's master credential reaches only the store, its Secrets Manager copy and the bootstrap namespace, which runs no application; no RDS Proxy signs in with it.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const problem of masterCredentialProblems(args.resources)) reportViolation(problem.message, problem.resource.urn);
    },
};
