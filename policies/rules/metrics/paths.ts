import { PolicyResource } from "@pulumi/policy";
import { ISTIO_SIDECAR, ISTIO_STANDARD_SERIES, KUBE_PROMETHEUS_STACK } from "../../../catalog/metrics";
import { clusterKey, decoded, labelsOf, list, meta, num, record, spec, str } from "../util";
import { DEPLOYMENT, HPA, scaledDeployment } from "../workloads";
import { PodView, ScrapeTarget, scrapeTargets } from "./scrape";

/*
 * Every HPA metric followed from the HPA to where it is born, over the whole plan: HPA → metrics API (metrics-server
 * for Resource metrics, a prometheus-adapter rule for Pods and External ones) → the Prometheus series the rule reads
 * → a PodMonitor Prometheus selects → a target it keeps on a port a container of the scaled pods declares → an
 * endpoint there that serves the series. Each broken link is named. Pure: reads plan resources and catalog/metrics.ts.
 */

const NAMESPACE = "kubernetes:core/v1:Namespace";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const PEER_AUTHENTICATION = "kubernetes:security.istio.io/v1beta1:PeerAuthentication";
const MESH_ROOT_NAMESPACE = "istio-system";

export interface MetricPathProblem {
    readonly hpa: PolicyResource;
    readonly metric: string;
    /** The first link of the path that does not hold. */
    readonly link: string;
}


/** Where the application serves its own metrics: the pod's prometheus.io annotations as the program wrote them. */
interface AppEndpoint {
    readonly port: number;
    readonly path: string;
}

/** A scaled pod as it will run, with what decides which endpoints serve which series. */
interface RunningPod {
    readonly view: PodView;
    readonly sidecar: boolean;
    /** The sidecar's agent serves Envoy's and the app's metrics together on the merged endpoint. */
    readonly merged: boolean;
    /** STRICT mTLS: a scraper without a mesh certificate reaches only the ports the sidecar does not intercept. */
    readonly strict: boolean;
    readonly app: AppEndpoint | undefined;
    readonly appPorts: readonly number[];
}

/** What one cluster's plan holds that the metric paths run through. */
interface Cluster {
    readonly namespaces: readonly PolicyResource[];
    readonly releases: readonly PolicyResource[];
    readonly podMonitors: readonly PolicyResource[];
    readonly peerAuthentications: readonly PolicyResource[];
    readonly deployments: readonly PolicyResource[];
}

const releaseOf = (cluster: Cluster, chart: string) => cluster.releases.find((r) => str(r.props.chart) === chart);
const valuesOf = (release: PolicyResource | undefined) => record(decoded(release?.props.values));

function mtlsMode(cluster: Cluster, namespace: string): string {
    const namespaceWide = (ns: string) => cluster.peerAuthentications.find((p) => meta(p).namespace === ns && spec(p).selector === undefined);
    // A namespace-wide policy overrides the mesh-wide one in the root namespace; without either, PERMISSIVE.
    const policy = namespaceWide(namespace) ?? namespaceWide(MESH_ROOT_NAMESPACE);
    return (policy && str(record(spec(policy).mtls).mode)) ?? "PERMISSIVE";
}

/** The pods a Deployment runs, after Istio's injection webhook (catalog/metrics.ts, ISTIO_SIDECAR) has seen them. */
function runningPod(deployment: PolicyResource, cluster: Cluster): RunningPod {
    const template = record(spec(deployment).template);
    const podMeta = record(template.metadata);
    const labels = labelsOf(podMeta.labels);
    const annotations = labelsOf(podMeta.annotations);
    const containers = list(record(template.spec).containers).map((raw) => {
        const c = record(raw);
        return { name: str(c.name) ?? "", ports: list(c.ports).map((p) => ({ name: str(record(p).name) ?? "", port: num(record(p).containerPort) ?? 0 })) };
    });
    const namespace = meta(deployment).namespace;
    const namespaceObject = cluster.namespaces.find((n) => meta(n).name === namespace);
    const namespaceLabels = namespaceObject ? labelsOf(meta(namespaceObject).labels) : {};
    const istiod = releaseOf(cluster, "istiod");
    const sidecar = istiod !== undefined && labels["sidecar.istio.io/inject"] !== "false" && (namespaceLabels["istio-injection"] === "enabled" || labels["sidecar.istio.io/inject"] === "true");
    const facts = ISTIO_SIDECAR.rows;
    const meshMerge = record(valuesOf(istiod).meshConfig).enablePrometheusMerge;
    const merged = sidecar && (typeof meshMerge === "boolean" ? meshMerge : facts.mergeByDefault) && annotations[facts.mergeAnnotation] !== "false" && annotations["prometheus.io/scrape"] !== "false";
    const appPort = num(annotations["prometheus.io/port"]);
    const app = annotations["prometheus.io/scrape"] === "true" || merged ? { port: appPort ?? facts.appDefaults.port, path: annotations["prometheus.io/path"] ?? facts.appDefaults.path } : undefined;
    const view: PodView = {
        namespace,
        name: `${meta(deployment).name}-<hash>`,
        labels: sidecar ? { ...facts.podLabels, ...labels } : labels,
        annotations: merged
            ? { ...annotations, "prometheus.io/scrape": "true", "prometheus.io/port": String(facts.merged.port), "prometheus.io/path": facts.merged.path }
            : annotations,
        containers: sidecar ? [...containers, { name: facts.container, ports: facts.declaredPorts }] : containers,
    };
    return { view, sidecar, merged, strict: sidecar && mtlsMode(cluster, namespace) === "STRICT", app, appPorts: containers.flatMap((c) => c.ports.map((p) => p.port)) };
}

const isMeshSeries = (series: string) => ISTIO_STANDARD_SERIES.rows.includes(series);

/** Whether a kept target serves a series, and if not, why. */
function serves(target: ScrapeTarget, pod: RunningPod, series: string): { ok: true } | { ok: false; why: string } {
    const facts = ISTIO_SIDECAR.rows;
    const at = `${target.container}:${target.port}${target.path}`;
    if (target.container === facts.container) {
        const mergedEndpoint = target.port === facts.merged.port && target.path === facts.merged.path;
        const envoyEndpoint = target.port === facts.envoy.port && target.path === facts.envoy.path;
        if (isMeshSeries(series)) return mergedEndpoint || envoyEndpoint ? { ok: true } : { ok: false, why: `${at}, which is not a sidecar metrics endpoint (${facts.envoy.port}${facts.envoy.path} or the merged ${facts.merged.port}${facts.merged.path})` };
        if (!mergedEndpoint || !pod.merged) return { ok: false, why: `${at}, which serves only the proxy's own series; the app's ${series} reaches Prometheus through the merged endpoint ${facts.merged.port}${facts.merged.path}` };
        return pod.app && pod.appPorts.includes(pod.app.port)
            ? { ok: true }
            : { ok: false, why: `${at}, whose agent fetches the app's metrics from port ${pod.app?.port ?? facts.appDefaults.port}, which no container of the pod declares` };
    }
    if (isMeshSeries(series)) return { ok: false, why: `${at}, the app's container; ${series} comes from the sidecar` };
    if (pod.strict && !facts.notIntercepted.includes(target.port)) return { ok: false, why: `${at}, which the sidecar intercepts: STRICT mTLS refuses Prometheus' plaintext scrape` };
    return pod.app && target.port === pod.app.port && target.path === pod.app.path ? { ok: true } : { ok: false, why: `${at}, which is not where the app serves its metrics (${pod.app ? `${pod.app.port}${pod.app.path}` : "no prometheus.io annotations"})` };
}

/** The scrape half: some PodMonitor Prometheus selects keeps a target of the pods that serves the series. */
function scrapeLink(series: string, deployment: PolicyResource, cluster: Cluster): string | undefined {
    const stack = releaseOf(cluster, "kube-prometheus-stack");
    if (!stack) return `no kube-prometheus-stack release runs a Prometheus in this cluster to scrape ${series}`;
    const prometheusSpec = record(record(valuesOf(stack).prometheus).prometheusSpec);
    const facts = KUBE_PROMETHEUS_STACK.rows;
    const nilUsesHelm = typeof prometheusSpec.podMonitorSelectorNilUsesHelmValues === "boolean" ? prometheusSpec.podMonitorSelectorNilUsesHelmValues : facts.podMonitorSelectorNilUsesHelmValuesDefault;
    const selected = cluster.podMonitors.filter((m) => !nilUsesHelm || meta(m).labels[facts.podMonitorReleaseLabel] === str(stack.props.name));
    const pod = runningPod(deployment, cluster);
    const declared = pod.view.containers.flatMap((c) => c.ports.map((p) => `${c.name}:${p.name} ${p.port}`)).join(", ");
    const reasons: string[] = [];
    for (const monitor of selected) {
        const podMonitor = { namespace: meta(monitor).namespace, spec: spec(monitor) };
        const name = `PodMonitor ${meta(monitor).namespace}/${meta(monitor).name}`;
        const targets = scrapeTargets(podMonitor, pod.view);
        const takesPod = scrapeTargets({ ...podMonitor, spec: { ...podMonitor.spec, podMetricsEndpoints: [{}] } }, pod.view).length > 0;
        if (!takesPod) continue;
        if (targets.length === 0) {
            reasons.push(`${name} keeps no target of the pods: its endpoints' port filter and relabelings match none of their declared ports (${declared})`);
            continue;
        }
        const verdicts = targets.map((t) => serves(t, pod, series));
        if (verdicts.some((v) => v.ok)) return undefined;
        reasons.push(`${name} scrapes ${verdicts.flatMap((v) => (v.ok ? [] : [v.why])).join("; ")}`);
    }
    if (reasons.length > 0) return `no scrape serves ${series}: ${reasons.join("; ")}`;
    const skipped = cluster.podMonitors.length - selected.length;
    return `no PodMonitor that Prometheus selects takes the pods of ${meta(deployment).name}${skipped > 0 ? ` (${skipped} lack the label ${facts.podMonitorReleaseLabel}: ${str(stack.props.name)} that podMonitorSelectorNilUsesHelmValues requires)` : ""}`;
}

/** The first series name of a PromQL series selector (`istio_requests_total{…}`). */
const seriesName = (query: string) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(query.trim())?.[0];

interface AdapterRuleView {
    readonly series: string | undefined;
    readonly serves: string;
    readonly overrides: readonly string[];
}

function adapterRules(cluster: Cluster, kind: "custom" | "external"): AdapterRuleView[] | undefined {
    const adapter = releaseOf(cluster, "prometheus-adapter");
    if (!adapter) return undefined;
    return list(record(valuesOf(adapter).rules)[kind]).map((raw) => {
        const rule = record(raw);
        const series = seriesName(str(rule.seriesQuery) ?? "");
        const name = record(rule.name);
        const as = str(name.as);
        const matches = str(name.matches);
        // Without `as`, the adapter serves the series under its own name (when `matches` keeps it).
        const serves = as !== undefined && as !== "" ? as : series !== undefined && (!matches || new RegExp(matches).test(series)) ? series : "";
        return { series, serves, overrides: Object.keys(record(record(rule.resources).overrides)) };
    });
}

function pathProblem(metric: Record<string, unknown>, deployment: PolicyResource, cluster: Cluster): { name: string; link: string } | undefined {
    const type = str(metric.type);
    if (type === "Resource" || type === "ContainerResource") {
        const resource = str(record(metric.resource ?? metric.containerResource).name) ?? "";
        if (!releaseOf(cluster, "metrics-server")) return { name: resource, link: "no metrics-server release serves the resource metrics API (metrics.k8s.io)" };
        const unrequested = list(record(record(spec(deployment).template).spec).containers)
            .map(record)
            .filter((c) => record(record(c.resources).requests)[resource] === undefined)
            .map((c) => str(c.name));
        return unrequested.length > 0 && str(record(record(metric.resource).target).type) === "Utilization"
            ? { name: resource, link: `container ${unrequested.join(", ")} requests no ${resource}, so its utilization is undefined` }
            : undefined;
    }
    if (type !== "Pods" && type !== "External") return undefined;
    const name = str(record(record(metric[type === "Pods" ? "pods" : "external"]).metric).name) ?? "";
    const rules = adapterRules(cluster, type === "Pods" ? "custom" : "external");
    if (!rules) return { name, link: `no prometheus-adapter release serves the ${type === "Pods" ? "custom" : "external"} metrics API` };
    const rule = rules.find((r) => r.serves === name);
    if (!rule) return { name, link: `no prometheus-adapter ${type === "Pods" ? "custom" : "external"} rule serves "${name}"` };
    if (!rule.series) return { name, link: `the adapter rule for "${name}" names no series in its seriesQuery` };
    // An External metric's series may come from anywhere (an exporter, CloudWatch): its path ends at the adapter.
    if (type === "External") return undefined;
    const missing = ["namespace", "pod"].filter((label) => !rule.overrides.includes(label));
    if (missing.length > 0) return { name, link: `the adapter rule for "${name}" maps no ${missing.join(" or ")} label to its resource, so it cannot serve a per-pod metric` };
    const link = scrapeLink(rule.series, deployment, cluster);
    return link === undefined ? undefined : { name, link };
}

/** Every HPA metric of the plan whose path from its source to the HPA is broken, with the first broken link. */
export function metricPathProblems(resources: readonly PolicyResource[]): MetricPathProblem[] {
    const byCluster = new Map<string, PolicyResource[]>();
    for (const r of resources) if (r.type.startsWith("kubernetes:")) byCluster.set(clusterKey(r), [...(byCluster.get(clusterKey(r)) ?? []), r]);
    return [...byCluster.values()].flatMap((objects) => {
        const ofType = (type: string) => objects.filter((r) => r.type === type);
        const cluster: Cluster = {
            namespaces: ofType(NAMESPACE),
            releases: ofType(RELEASE),
            podMonitors: ofType(POD_MONITOR),
            peerAuthentications: ofType(PEER_AUTHENTICATION),
            deployments: ofType(DEPLOYMENT),
        };
        return ofType(HPA).flatMap((hpa): MetricPathProblem[] => {
            const deployment = scaledDeployment(hpa, cluster.deployments);
            if (!deployment) return [{ hpa, metric: "*", link: `scaleTargetRef names no Deployment of the plan in ${meta(hpa).namespace}` }];
            return list(spec(hpa).metrics).flatMap((m) => {
                const problem = pathProblem(record(m), deployment, cluster);
                return problem ? [{ hpa, metric: problem.name, link: problem.link }] : [];
            });
        });
    });
}
