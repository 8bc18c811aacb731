import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { imagePinProblem } from "../../components/workload/image";
import { kubernetesKind, podTemplateOf } from "./ordering";
import { boolean, clusterKey, labelsOf, list, meta, record, spec, str } from "./util";

/*
 * What every container of the program runs, and how the kubelet knows it works: an image pinned to a tag that is not
 * `latest` (or to a digest, where the pack's config asks for digests), and readiness and liveness probes on every
 * container of a user-facing service. Pure: reads the plan's workloads and HPAs.
 */

/** Deployments (`cluster|namespace/name`) that an HPA labelled user-facing scales. */
function userFacingTargets(resources: readonly PolicyResource[]): Set<string> {
    return new Set(
        resources
            .filter((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler" && labelsOf(meta(r).labels)["strata.io/user-facing"] === "true")
            .map((hpa) => `${clusterKey(hpa)}|${meta(hpa).namespace}/${str(record(spec(hpa).scaleTargetRef).name) ?? ""}`),
    );
}

export function imageProbeProblems(resources: readonly PolicyResource[], requireDigest: boolean): { resource: PolicyResource; message: string }[] {
    const userFacing = userFacingTargets(resources);
    return resources.flatMap((r) => {
        const template = r.type.startsWith("kubernetes:") ? podTemplateOf(r) : undefined;
        if (template === undefined) return [];
        const kind = kubernetesKind(r.type)?.kind ?? r.type;
        const where = `${kind} ${meta(r).namespace}/${meta(r).name}`;
        const pod = record(template.spec);
        const containers = list(pod.containers).map(record);
        const problems: string[] = [];
        for (const container of [...list(pod.initContainers).map(record), ...containers]) {
            const image = str(container.image) ?? "";
            const problem = imagePinProblem(image, requireDigest);
            if (problem) problems.push(`container ${str(container.name) ?? "?"}: image "${image}" ${problem}`);
        }
        if (kind === "Deployment" && userFacing.has(`${clusterKey(r)}|${meta(r).namespace}/${meta(r).name}`)) {
            for (const container of containers) {
                const missing = ["readinessProbe", "livenessProbe"].filter((probe) => container[probe] === undefined);
                if (missing.length > 0) problems.push(`container ${str(container.name) ?? "?"} of a user-facing service has no ${missing.join(" or ")}: traffic would reach pods that cannot serve it`);
            }
        }
        return problems.map((message) => ({ resource: r, message: `${where} ${message}` }));
    });
}

export const imagesProbes: StackValidationPolicy = {
    name: "strata-images-probes",
    description: "Every container image is pinned (a tag that is not latest, or a digest where required); every container of a user-facing service has readiness and liveness probes.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireDigest: boolean("Images must be pinned to a digest (@sha256:…), not only a tag", false) } },
    validateStack: (args, reportViolation) => {
        const { requireDigest } = args.getConfig<{ requireDigest: boolean }>();
        for (const problem of imageProbeProblems(args.resources, requireDigest)) reportViolation(problem.message, problem.resource.urn);
    },
};
