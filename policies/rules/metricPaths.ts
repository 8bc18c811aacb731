import { StackValidationPolicy } from "@pulumi/policy";
import { metricPathProblems } from "./metrics/paths";
import { meta } from "./util";

/**
 * An HPA metric without data is worse than none: the controller skips every scale-down while any of its metrics
 * is invalid. So every metric of every HPA must be proven to exist: served by a metrics API, read by an adapter
 * rule from a series that a PodMonitor Prometheus selects scrapes from a port the scaled pods really declare
 * (policies/rules/metrics, fed by catalog/metrics.ts).
 */
export const metricPaths: StackValidationPolicy = {
    name: "strata-metric-paths",
    description: "Every HPA metric has a proven path: metrics API, adapter rule, series, a PodMonitor Prometheus selects, and a declared port of the scaled pods that serves the series.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const problem of metricPathProblems(args.resources)) {
            const hpa = problem.hpa;
            reportViolation(`HPA ${meta(hpa).namespace}/${meta(hpa).name} (${hpa.name}) metric "${problem.metric}": ${problem.link}`, hpa.urn);
        }
    },
};
