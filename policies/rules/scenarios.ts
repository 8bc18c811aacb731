import { PolicyResource } from "@pulumi/policy";
import { ScalingRulesSpec, withDefaults } from "../../capacity/dynamics/controller";
import { CLUSTER_AUTOSCALER_DEFAULTS, NodeGroupModel } from "../../capacity/dynamics/cluster";
import { Headroom, LoadMetric, ServiceModel } from "../../capacity/dynamics/simulate";
import { groupAllocatable } from "../../capacity/instances";
import { cpuMillis, memoryBytes } from "../../components/workload/quantity";
import { appContainer, clusterWorkloads, groupBounds, isHeadroomPlaceholder, scaledDeployment } from "./workloads";
import { list, meta, num, record, regionOf, spec, str } from "./util";

/*
 * What the autoscaling simulation needs, read from the planned resources: per cluster, the workload node
 * groups and every HPA-scaled service with its metrics, behaviour, pod requests, start-up and load. The rule
 * and `npm run simulate` both build their scenarios here, so they agree.
 */

export interface ScenarioSettings {
    readonly burstFactor: number;
    readonly containerStartSeconds: number;
    readonly sidecarCpuMillis: number;
    readonly sidecarMemoryMiB: number;
    /** Requests of the DaemonSets on every node (VPC CNI, kube-proxy, EBS CSI node, node exporter). */
    readonly daemonSetCpuMillis: number;
    readonly daemonSetMemoryMiB: number;
}

export interface ServiceScenario extends ServiceModel {
    readonly hpa: PolicyResource;
    /** Whether the stack declares the service's peak and per-pod rates (`throughput`). */
    readonly declared: boolean;
}

export interface ClusterScenario {
    readonly cluster: PolicyResource;
    readonly region: string;
    /** Workload node groups of known instance types (strata-capacity-hpa-fit reports the others). */
    readonly groups: NodeGroupModel[];
    /** The cluster autoscaler's --scale-down-unneeded-time, as its release sets it. */
    readonly scaleDownUnneededSeconds: number;
    readonly services: ServiceScenario[];
    /** The cluster's headroom placeholders, when it has any. */
    readonly headroom?: Headroom;
}

/** A Kubernetes quantity as written in a metric target ("100", "500m", "1.5"). */
function quantity(value: unknown): number | undefined {
    const text = typeof value === "number" ? String(value) : str(value);
    const m = text === undefined ? null : /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
    return m ? Number(m[1]) / (m[2] === "m" ? 1000 : 1) : undefined;
}

/** A Go duration as the cluster autoscaler takes it ("10m", "1h30m", "90s"); undefined if it is not one. */
function durationSeconds(value: unknown): number | undefined {
    const text = str(value);
    if (!text || !/^(\d+(h|m|s))+$/.test(text)) return undefined;
    return [...text.matchAll(/(\d+)(h|m|s)/g)].reduce((a, [, n, unit]) => a + Number(n) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1), 0);
}

/** CPU utilization and pods metrics; memory and external metrics do not follow the request rate. */
function loadMetrics(hpa: PolicyResource): LoadMetric[] {
    return list(spec(hpa).metrics).flatMap((entry): LoadMetric[] => {
        const m = record(entry);
        const resource = record(m.resource);
        if (m.type === "Resource" && resource.name === "cpu") {
            const target = num(record(resource.target).averageUtilization);
            return target === undefined ? [] : [{ name: "cpu", resource: true, target }];
        }
        const pods = record(m.pods);
        const target = quantity(record(pods.target).averageValue);
        return m.type === "Pods" && target !== undefined && target > 0 ? [{ name: str(record(pods.metric).name) ?? "pods", resource: false, target }] : [];
    });
}

function rules(value: unknown): ScalingRulesSpec | undefined {
    const r = record(value);
    if (Object.keys(r).length === 0) return undefined;
    const selectPolicy = str(r.selectPolicy);
    return {
        stabilizationWindowSeconds: num(r.stabilizationWindowSeconds),
        selectPolicy: selectPolicy === "Max" || selectPolicy === "Min" || selectPolicy === "Disabled" ? selectPolicy : undefined,
        policies: list(r.policies).map((p) => {
            const policy = record(p);
            return { type: policy.type === "Pods" ? "Pods" : "Percent", value: num(policy.value) ?? 0, periodSeconds: num(policy.periodSeconds) ?? 15 };
        }),
    };
}

/** From binding to Ready: the container starts, the startup probe passes, then the readiness probe, each one period late at worst. */
function podStartSeconds(container: Record<string, unknown>, containerStartSeconds: number): number {
    const probe = (name: string) => ({ delay: num(record(container[name]).initialDelaySeconds) ?? 0, period: num(record(container[name]).periodSeconds) ?? 10 });
    const startup = container.startupProbe === undefined ? { delay: 0, period: 0 } : probe("startupProbe");
    const readiness = container.readinessProbe === undefined ? { delay: 0, period: 0 } : probe("readinessProbe");
    return containerStartSeconds + Math.max(startup.delay + startup.period, readiness.delay) + readiness.period;
}

function service(hpa: PolicyResource, deployment: PolicyResource, sidecar: { cpuMillis: number; memoryMiB: number }, settings: ScenarioSettings): ServiceScenario {
    const s = spec(hpa);
    const container = appContainer(deployment);
    const requests = record(record(container.resources).requests);
    const { labels, annotations } = meta(hpa);
    const [peak, perPod, weight] = [num(annotations["strata.io/peak-rps"]), num(annotations["strata.io/per-pod-rps"]), num(annotations["strata.io/traffic-weight"])];
    const minReplicas = num(s.minReplicas) ?? 1;
    const userFacing = labels["strata.io/user-facing"] !== "false";
    const declared = peak !== undefined && perPod !== undefined && perPod > 0;
    // Without declared rates a service is held at its floor in units of one pod's worth of load.
    const peakRps = declared ? (peak * (weight ?? 100)) / 100 : minReplicas;
    const steadyRps = declared && userFacing ? peakRps / settings.burstFactor : peakRps;
    const behavior = record(s.behavior);
    return {
        hpa,
        declared,
        name: meta(hpa).name,
        userFacing,
        minReplicas,
        maxReplicas: num(s.maxReplicas) ?? minReplicas,
        behavior: s.behavior === undefined ? undefined : withDefaults({ scaleUp: rules(behavior.scaleUp), scaleDown: rules(behavior.scaleDown) }),
        metrics: loadMetrics(hpa),
        request: {
            cpuMillis: cpuMillis(str(requests.cpu) ?? "0") + sidecar.cpuMillis,
            memoryMiB: memoryBytes(str(requests.memory) ?? "0") / 2 ** 20 + sidecar.memoryMiB,
        },
        podStartSeconds: podStartSeconds(container, settings.containerStartSeconds),
        perPodRps: declared ? perPod : 1,
        steadyRps,
        peakRps,
    };
}

/** The placeholders of a cluster: the Deployment whose pods run at the headroom priority. */
function headroomOf(deployments: readonly PolicyResource[]): Headroom | undefined {
    const placeholders = deployments.find(isHeadroomPlaceholder);
    if (!placeholders) return undefined;
    const requests = record(record(appContainer(placeholders).resources).requests);
    return { pods: num(spec(placeholders).replicas) ?? 0, request: { cpuMillis: cpuMillis(str(requests.cpu) ?? "0"), memoryMiB: memoryBytes(str(requests.memory) ?? "0") / 2 ** 20 } };
}

export function clusterScenarios(resources: readonly PolicyResource[], settings: ScenarioSettings): ClusterScenario[] {
    return clusterWorkloads(resources).map(({ cluster, groups, hpas, deployments, releases }) => {
        // Istio injects a sidecar into every application pod once istiod runs; its requests count on the node.
        const meshed = releases.some((r) => r.props.chart === "istiod");
        const sidecar = meshed ? { cpuMillis: settings.sidecarCpuMillis, memoryMiB: settings.sidecarMemoryMiB } : { cpuMillis: 0, memoryMiB: 0 };
        const known = groups.flatMap((g) => {
            const allocatable = groupAllocatable(list(g.props.instanceTypes).map(String));
            if (!allocatable) return [];
            const left = { cpuMillis: allocatable.cpuMillis - settings.daemonSetCpuMillis, memoryMiB: allocatable.memoryMiB - settings.daemonSetMemoryMiB, pods: allocatable.pods };
            return [{ name: str(g.props.nodeGroupName) ?? g.name, allocatable: left, ...groupBounds(g) }];
        });
        const autoscalerArgs = record(record(releases.find((r) => r.props.chart === "cluster-autoscaler")?.props.values).extraArgs);
        const headroom = headroomOf(deployments);
        return {
            ...(headroom ? { headroom } : {}),
            cluster,
            region: regionOf(cluster) ?? str(cluster.props.name) ?? cluster.name,
            groups: known,
            scaleDownUnneededSeconds: durationSeconds(autoscalerArgs["scale-down-unneeded-time"]) ?? CLUSTER_AUTOSCALER_DEFAULTS.scaleDownUnneededSeconds,
            services: hpas.flatMap((h) => {
                const deployment = scaledDeployment(h, deployments);
                return deployment ? [service(h, deployment, sidecar, settings)] : [];
            }),
        };
    });
}
