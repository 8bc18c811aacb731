import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/*
 * The chart values types refuse a key the pinned chart does not read: a sample that sets one such key per chart,
 * each beside a complete valid value, is compiled with tsc, which must report exactly those keys (TS2353, or TS2561
 * when it also suggests the right name: an object literal naming an unknown property) and nothing else.
 */

const root = path.resolve(__dirname, "../..");
const values = (file: string) => path.join(root, "catalog/chartValues", file).replace(/\\/g, "/");

/** Each sample: a label, its declaration, and the wrong key on the line that must fail. */
const SAMPLES: readonly { readonly label: string; readonly type: string; readonly body: string }[] = [
    { label: "istiod under pilot (the chart merges it, but the program writes the top level only)", type: "IstiodValues", body: "{ ...v.IstiodValues, pilot: { autoscaleMin: 2 } }" },
    { label: "istiod replicaCount, ignored while its HPA is on", type: "IstiodValues", body: "{ ...v.IstiodValues, replicaCount: 2 }" },
    { label: "a misspelt meshConfig field", type: "IstiodValues", body: "{ ...v.IstiodValues, meshConfig: { ...v.IstiodValues.meshConfig, enablePrometheusMerging: true } }" },
    { label: "base's defaultRevision misspelt", type: "IstioBaseValues", body: '{ defaultRevisions: "default" }' },
    { label: "a gateway key its schema refuses", type: "IstioGatewayValues", body: "{ ...v.IstioGatewayValues, hpa: { enabled: true } }" },
    { label: "a Prometheus selector flag misspelt", type: "KubePrometheusStackValues", body: "{ ...v.KubePrometheusStackValues, prometheus: { prometheusSpec: { ...v.KubePrometheusStackValues.prometheus.prometheusSpec, podMonitorSelectorNilUsesHelmValue: false } } }" },
    { label: "prometheus-adapter's rules under a wrong key", type: "PrometheusAdapterValues", body: "{ ...v.PrometheusAdapterValues, rule: {} }" },
    { label: "metrics-server replicaCount (it reads replicas)", type: "MetricsServerValues", body: "{ ...v.MetricsServerValues, replicaCount: 2 }" },
    { label: "a cluster-autoscaler flag misspelt", type: "ClusterAutoscalerValues", body: '{ ...v.ClusterAutoscalerValues, extraArgs: { ...v.ClusterAutoscalerValues.extraArgs, "balance-similar-nodegroups": true } }' },
    { label: "a per-component priorityClassName the vpa chart does not read", type: "VpaValues", body: '{ ...v.VpaValues, recommender: { ...v.VpaValues.recommender, priorityClassName: "x" } }' },
    { label: "the load balancer controller's mutator under a wrong name", type: "LoadBalancerControllerValues", body: "{ ...v.LoadBalancerControllerValues, serviceMutatorWebhook: false }" },
];

describe("chart values types", () => {
    it("refuse a key the pinned chart does not read: tsc reports each wrong key of the sample, and only those", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-chart-values-"));
        const file = path.join(dir, "sample.ts");
        const types = [...new Set(SAMPLES.map((s) => s.type))];
        const header = [
            `import type { IstioBaseValues, IstioGatewayValues, IstiodValues } from "${values("istio")}";`,
            `import type { KubePrometheusStackValues, PrometheusAdapterValues } from "${values("prometheus")}";`,
            `import type { ClusterAutoscalerValues, LoadBalancerControllerValues, MetricsServerValues, VpaValues } from "${values("clusterAddons")}";`,
            `declare const v: { ${types.map((t) => `${t}: ${t}`).join("; ")} };`,
        ];
        const lines = [...header, ...SAMPLES.map((s, i) => `export const sample${i}: ${s.type} = ${s.body};`)];
        fs.writeFileSync(file, lines.join("\n"));
        try {
            const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--module", "commonjs", "--moduleResolution", "node", file], { encoding: "utf8" });
            const errors = tsc.stdout.split("\n").filter((l) => l.includes("error TS"));
            const at = (line: number) => errors.filter((e) => e.includes(`(${line},`));
            SAMPLES.forEach((sample, i) => {
                const line = header.length + i + 1;
                assert.equal(at(line).length, 1, `${sample.label}: ${at(line).join(" | ") || "compiled"}`);
                assert.match(at(line)[0]!, /error TS(2353|2561): Object literal may only specify known properties/, `${sample.label}: ${at(line)[0]}`);
            });
            assert.equal(errors.length, SAMPLES.length, errors.join("\n"));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
