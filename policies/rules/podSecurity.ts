import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { POD_SECURITY_ADMISSION, RESTRICTED_STANDARD } from "../../catalog/podSecurityAdmission";
import { kubernetesKind, podTemplateOf } from "./ordering";
import { Problem, Props, boolean, clusterKey, list, meta, record, str } from "./util";

/*
 * Every pod template the program renders (Deployments, Jobs, CronJobs, and any other workload kind) meets the
 * Kubernetes "restricted" Pod Security Standard, with a read-only root filesystem, and mounts an API token only
 * when its service account is bound to a role (it needs the API). Charts' pods are the charts' own: they are
 * rendered by Helm on the cluster, not in the plan. Pure: reads the plan's workloads and role bindings.
 */

const RESTRICTED = RESTRICTED_STANDARD.rows;

/** Service accounts (`cluster|namespace/name`) some role binding of the plan names: they need the API. */
function boundAccounts(resources: readonly PolicyResource[]): Set<string> {
    const bindings = resources.filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding" || r.type === "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
    return new Set(
        bindings.flatMap((b) =>
            list(b.props.subjects)
                .map(record)
                .filter((s) => s.kind === "ServiceAccount")
                .map((s) => `${clusterKey(b)}|${str(s.namespace) ?? meta(b).namespace}/${str(s.name) ?? ""}`),
        ),
    );
}

function containerProblems(container: Props, pod: Props): string[] {
    const sc = record(container.securityContext);
    const podSc = record(pod.securityContext);
    const caps = record(sc.capabilities);
    const problems: string[] = [];
    if (sc.privileged === true) problems.push("runs privileged");
    if (sc.allowPrivilegeEscalation !== false) problems.push("does not set allowPrivilegeEscalation: false");
    if (!list(caps.drop).includes("ALL")) problems.push("does not drop ALL capabilities");
    const added = list(caps.add).filter((c) => !RESTRICTED.addableCapabilities.includes(String(c)));
    if (added.length > 0) problems.push(`adds capabilities ${added.join(", ")}`);
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push("may run as root (runAsNonRoot is not true on the container or the pod)");
    if (sc.runAsUser === 0 || (sc.runAsUser === undefined && podSc.runAsUser === 0)) problems.push("runs as uid 0");
    if (!RESTRICTED.seccompTypes.includes(str(record(sc.seccompProfile).type) ?? str(record(podSc.seccompProfile).type) ?? "")) problems.push("has no RuntimeDefault or Localhost seccomp profile");
    const hostPorts = list(container.ports).map((p) => record(p).hostPort).filter((port) => port !== undefined && port !== 0);
    if (hostPorts.length > 0) problems.push(`binds host ports ${hostPorts.join(", ")}`);
    if (sc.procMount !== undefined && sc.procMount !== RESTRICTED.procMount) problems.push(`unmasks /proc (procMount ${String(sc.procMount)})`);
    if (sc.readOnlyRootFilesystem !== true) problems.push("has a writable root filesystem (set readOnlyRootFilesystem and mount an emptyDir where it writes)");
    return problems;
}

export function podSecurityProblems(resources: readonly PolicyResource[]): Problem[] {
    const bound = boundAccounts(resources);
    const accounts = new Map(resources.filter((r) => r.type === "kubernetes:core/v1:ServiceAccount").map((r) => [`${clusterKey(r)}|${meta(r).namespace}/${meta(r).name}`, r]));
    return resources.flatMap((r) => {
        const template = r.type.startsWith("kubernetes:") ? podTemplateOf(r) : undefined;
        if (template === undefined) return [];
        const pod = record(template.spec);
        const where = `${kubernetesKind(r.type)?.kind ?? r.type} ${meta(r).namespace}/${meta(r).name}`;
        const problems: string[] = [];
        for (const host of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[host] === true) problems.push(`shares the node's namespaces (${host})`);
        for (const volume of list(pod.volumes).map(record)) {
            if (volume.hostPath !== undefined) problems.push(`mounts the node's filesystem (hostPath volume ${str(volume.name) ?? ""})`);
            else {
                const kind = Object.keys(volume).find((k) => k !== "name");
                if (kind && !RESTRICTED.volumeTypes.includes(kind)) problems.push(`mounts a ${kind} volume (${str(volume.name) ?? ""}), which the restricted standard does not allow`);
            }
        }
        for (const container of [...list(pod.initContainers), ...list(pod.containers)].map(record)) {
            for (const problem of containerProblems(container, pod)) problems.push(`container ${str(container.name) ?? "?"} ${problem}`);
        }
        const account = `${clusterKey(r)}|${meta(r).namespace}/${str(pod.serviceAccountName) ?? "default"}`;
        const automount = pod.automountServiceAccountToken ?? accounts.get(account)?.props.automountServiceAccountToken;
        if (automount !== false && !bound.has(account)) problems.push("mounts a service-account token but is bound to no role (set automountServiceAccountToken: false)");
        return problems.map((p) => ({ resource: r, message: `${where} ${p}` }));
    });
}

/**
 * Every namespace of the plan that runs the program's pods enforces the restricted standard, or, where
 * `requireEnforce` is off, at least audits and warns at it (a meshed namespace can enforce only with
 * Istio CNI: catalog/podSecurityAdmission.ts).
 */
export function namespaceAdmissionProblems(resources: readonly PolicyResource[], requireEnforce: boolean): Problem[] {
    const labels = POD_SECURITY_ADMISSION.rows.modeLabel;
    const level = POD_SECURITY_ADMISSION.rows.restricted;
    const running = new Set(resources.filter((r) => r.type.startsWith("kubernetes:") && podTemplateOf(r) !== undefined).map((r) => `${clusterKey(r)}|${meta(r).namespace}`));
    return resources
        .filter((r) => r.type === "kubernetes:core/v1:Namespace" && running.has(`${clusterKey(r)}|${meta(r).name}`))
        .flatMap((ns) => {
            // An enforcing namespace admits nothing the others would only report.
            if (meta(ns).labels[labels.enforce] === level) return [];
            const modes = (requireEnforce ? (["enforce", "audit", "warn"] as const) : (["audit", "warn"] as const)).filter((mode) => meta(ns).labels[labels[mode]] !== level);
            return modes.length === 0 ? [] : [{ resource: ns, message: `Namespace ${meta(ns).name} runs pods without Pod Security Admission ${modes.join(", ")} at ${level} (${modes.map((m) => labels[m]).join(", ")})` }];
        });
}

export const podSecurity: StackValidationPolicy = {
    name: "strata-pod-security",
    description: "Every pod template meets the restricted Pod Security Standard with a read-only root filesystem, and mounts an API token only when it is bound to a role; the namespaces they run in audit, warn and (where required) enforce the restricted standard.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireEnforce: boolean("Namespaces running the program's pods must enforce the restricted standard (needs Istio CNI where the namespace is meshed)", true) } },
    validateStack: (args, reportViolation) => {
        const { requireEnforce } = args.getConfig<{ requireEnforce: boolean }>();
        for (const problem of [...podSecurityProblems(args.resources), ...namespaceAdmissionProblems(args.resources, requireEnforce)]) reportViolation(problem.message, problem.resource.urn);
    },
};
