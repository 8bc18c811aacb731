import { strict as assert } from "assert";
import { GATEWAY_DEFAULT_LIMITS } from "../../../catalog/chartValues/istio";
import { gatewayValues, istiodValues } from "../../../components/mesh/charts";

describe("Istio chart values", () => {
    it("a single istiod turns the chart's minAvailable-1 PDB off, so it never blocks a node drain", () => {
        assert.deepEqual(istiodValues(1).global, { defaultPodDisruptionBudget: { enabled: false } });
        assert.deepEqual([istiodValues(1).autoscaleMin, istiodValues(1).autoscaleMax], [1, 5]);
        assert.deepEqual([istiodValues(7).autoscaleMin, istiodValues(7).autoscaleMax], [7, 7]);
    });

    it("the gateway keeps the chart's default limits unless its request exceeds them", () => {
        assert.deepEqual(gatewayValues({ minReplicas: 3, maxReplicas: 10, cpu: "500m", memory: "512Mi" }).resources.limits, GATEWAY_DEFAULT_LIMITS);
        assert.deepEqual(gatewayValues({ minReplicas: 3, maxReplicas: 10, cpu: "3", memory: "2Gi" }).resources.limits, { cpu: "3", memory: "2Gi" });
    });
});
