import { DeclaredPort, PROMETHEUS_OPERATOR } from "../../../catalog/metrics";
import { Props, list, num, record, selects, str } from "../util";

/*
 * What Prometheus scrapes from one pod under one PodMonitor, as prometheus-operator generates the scrape config and
 * Prometheus' pod discovery feeds it (catalog/metrics.ts, PROMETHEUS_OPERATOR): one candidate target per declared
 * container port (a port-less one per container without ports), the endpoint's port filter, the operator's target
 * labels, then the endpoint's own relabelings. Pure, no Pulumi.
 */

/** A pod as the cluster will run it: after sidecar injection. */
export interface PodView {
    readonly namespace: string;
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
    readonly containers: readonly { readonly name: string; readonly ports: readonly DeclaredPort[] }[];
}

/** One scrape target that survives the PodMonitor: which container it came from, and where Prometheus connects. */
export interface ScrapeTarget {
    readonly container: string;
    readonly port: number;
    readonly path: string;
    /** The target's labels after relabeling (`namespace`, `pod`, …). */
    readonly labels: Readonly<Record<string, string>>;
}

/** Stands in for the pod's address: relabelings may parse it, never its value. */
const POD_IP = "10.0.0.1";
/** The port Prometheus connects to for an address without one (http). */
const HTTP_DEFAULT_PORT = 80;

/** Prometheus' sanitized label name of an annotation or label key. */
const sanitize = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, "_");

/** Prometheus regexes are fully anchored RE2; the subset used in relabelings reads the same in JavaScript. */
const anchored = (regex: string) => new RegExp(`^(?:${regex})$`);

/** One relabeling (prometheus-operator's RelabelConfig: camelCase fields, Prometheus' defaults). */
export function relabel(labels: Record<string, string>, raw: unknown): Record<string, string> | undefined {
    const r = record(raw);
    const action = (str(r.action) ?? "replace").toLowerCase();
    const regex = anchored(str(r.regex) ?? "(.*)");
    const value = list(r.sourceLabels).map((l) => labels[String(l)] ?? "").join(str(r.separator) ?? ";");
    switch (action) {
        case "keep":
            return regex.test(value) ? labels : undefined;
        case "drop":
            return regex.test(value) ? undefined : labels;
        case "labeldrop":
            return Object.fromEntries(Object.entries(labels).filter(([key]) => !regex.test(key)));
        case "labelkeep":
            return Object.fromEntries(Object.entries(labels).filter(([key]) => regex.test(key)));
        case "replace": {
            const match = regex.exec(value);
            const target = str(r.targetLabel);
            if (!match || target === undefined) return labels;
            const replacement = (str(r.replacement) ?? "$1").replace(/\$\{(\d+)\}/g, "$$$1");
            return { ...labels, [target]: value.replace(regex, replacement) };
        }
        default:
            // An action the model does not follow (hashmod, lowercase, …): the target's fate is unknown, so it is not counted.
            return undefined;
    }
}

/** The pod-role discovery labels of one candidate target. */
function discovered(pod: PodView, container: string, port: DeclaredPort | undefined, path: string): Record<string, string> {
    return {
        __address__: port ? `${POD_IP}:${port.port}` : POD_IP,
        __metrics_path__: path,
        __meta_kubernetes_namespace: pod.namespace,
        __meta_kubernetes_pod_name: pod.name,
        __meta_kubernetes_pod_ip: POD_IP,
        __meta_kubernetes_pod_container_name: container,
        ...(port ? { __meta_kubernetes_pod_container_port_name: port.name, __meta_kubernetes_pod_container_port_number: String(port.port) } : {}),
        ...Object.fromEntries(Object.entries(pod.labels).flatMap(([k, v]) => [[`__meta_kubernetes_pod_label_${sanitize(k)}`, v], [`__meta_kubernetes_pod_labelpresent_${sanitize(k)}`, "true"]])),
        ...Object.fromEntries(Object.entries(pod.annotations).flatMap(([k, v]) => [[`__meta_kubernetes_pod_annotation_${sanitize(k)}`, v], [`__meta_kubernetes_pod_annotationpresent_${sanitize(k)}`, "true"]])),
    };
}

/** The endpoint's port filter (catalog: port, then portNumber, then the deprecated targetPort). */
function passesPortFilter(endpoint: Props, port: DeclaredPort | undefined): boolean {
    const byName = str(endpoint.port);
    if (byName) return port?.name === byName;
    const byNumber = num(endpoint.portNumber);
    if (byNumber) return port?.port === byNumber;
    const target = endpoint.targetPort;
    if (typeof target === "string" && target !== "") return port?.name === target;
    if (typeof target === "number") return port?.port === target;
    return true;
}

/** The targets one PodMonitor scrapes from a pod (empty when its selector or namespaces do not take the pod). */
export function scrapeTargets(podMonitor: { readonly namespace: string; readonly spec: Props }, pod: PodView): ScrapeTarget[] {
    const namespaces = record(podMonitor.spec.namespaceSelector);
    const matchNames = list(namespaces.matchNames).map(String);
    // No namespaceSelector: the PodMonitor's own namespace only.
    const inNamespace = namespaces.any === true || (matchNames.length > 0 ? matchNames.includes(pod.namespace) : pod.namespace === podMonitor.namespace);
    if (!inNamespace || !selects(record(podMonitor.spec.selector), pod.labels)) return [];
    const { defaultPath, targetLabels } = PROMETHEUS_OPERATOR.rows;
    return list(podMonitor.spec.podMetricsEndpoints).flatMap((raw) => {
        const endpoint = record(raw);
        const path = str(endpoint.path) ?? defaultPath;
        const candidates = pod.containers.flatMap((c): { container: string; port: DeclaredPort | undefined }[] =>
            c.ports.length === 0 ? [{ container: c.name, port: undefined }] : c.ports.map((port) => ({ container: c.name, port })),
        );
        return candidates.flatMap(({ container, port }) => {
            if (!passesPortFilter(endpoint, port)) return [];
            const start = discovered(pod, container, port, path);
            const labelled = { ...start, ...Object.fromEntries(Object.entries(targetLabels).map(([target, source]) => [target, start[source] ?? ""])) };
            const final = list(endpoint.relabelings).reduce<Record<string, string> | undefined>((labels, r) => (labels ? relabel(labels, r) : undefined), labelled);
            if (!final) return [];
            const address = final.__address__ ?? "";
            const portText = /:(\d+)$/.exec(address)?.[1];
            return [{ container, port: portText ? Number(portText) : HTTP_DEFAULT_PORT, path: final.__metrics_path__ ?? path, labels: final }];
        });
    });
}
