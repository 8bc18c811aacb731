import { GATEWAY_DEFAULT_LIMITS, IstioGatewayValues, IstiodValues } from "../../catalog/chartValues/istio";
import { GATEWAY_CLIENT_ADDRESS } from "../../catalog/istio";
import { SYSTEM_PLACEMENT } from "../cluster/nodeGroups";
import { cpuMillis, memoryBytes } from "../workload/quantity";
import { GATEWAY_SELECTOR } from "./routing";

/*
 * The values of the Istio charts, typed by catalog/chartValues/istio.ts (a key the pinned chart does not read fails
 * `tsc`). Pure: no Pulumi inside.
 */

/** The chart's own `autoscaleMax` default: istiod's HPA may still grow past the floor under load. */
const ISTIOD_AUTOSCALE_MAX = 5;

export function istiodValues(replicas: number): IstiodValues {
    return {
        ...SYSTEM_PLACEMENT,
        // With autoscaling on (the chart's default) the Deployment takes its replicas from the HPA's bounds, not
        // from replicaCount: the floor is the configured control-plane size.
        autoscaleEnabled: true,
        autoscaleMin: replicas,
        autoscaleMax: Math.max(replicas, ISTIOD_AUTOSCALE_MAX),
        // The chart's PDB is minAvailable 1: over a single istiod it blocks every node drain.
        global: { defaultPodDisruptionBudget: { enabled: replicas > 1 } },
        meshConfig: {
            accessLogFile: "/dev/stdout",
            accessLogEncoding: "JSON",
            // The sidecar serves the app's own metrics with Envoy's on :15020, so Prometheus scrapes
            // through the mesh even under STRICT mTLS (catalog/metrics.ts).
            enablePrometheusMerge: true,
            localityLbSetting: { enabled: true },
            defaultConfig: { holdApplicationUntilProxyStarts: true },
        },
    };
}

const larger = (request: string, floor: string, size: (q: string) => number) => (size(request) > size(floor) ? request : floor);

export interface GatewaySizing {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly cpu: string;
    readonly memory: string;
}

export function gatewayValues(gateway: GatewaySizing): IstioGatewayValues {
    return {
        // The NLB's target groups preserve the client's address (catalog/network.ts, NLB_FACTS), so the connection's
        // source is the client: trust no X-Forwarded-For hop, which a client could write itself.
        podAnnotations: { [GATEWAY_CLIENT_ADDRESS.rows.proxyConfigAnnotation]: JSON.stringify({ gatewayTopology: { numTrustedProxies: GATEWAY_CLIENT_ADDRESS.rows.numTrustedProxies } }) },
        // The NLB is Pulumi's and reaches the pods through TargetGroupBindings; the Service stays internal,
        // with the chart's ports (GATEWAY_SERVICE_PORTS), which the listeners and the bindings name.
        service: { type: "ClusterIP" },
        autoscaling: { enabled: true, minReplicas: gateway.minReplicas, maxReplicas: gateway.maxReplicas, targetCPUUtilizationPercentage: 70 },
        podDisruptionBudget: { maxUnavailable: 1 },
        // The chart's default limits stay unless a request exceeds them: a request above its limit is refused.
        resources: {
            requests: { cpu: gateway.cpu, memory: gateway.memory },
            limits: { cpu: larger(gateway.cpu, GATEWAY_DEFAULT_LIMITS.cpu, cpuMillis), memory: larger(gateway.memory, GATEWAY_DEFAULT_LIMITS.memory, memoryBytes) },
        },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: GATEWAY_SELECTOR } }],
    };
}
