import { strict as assert } from "assert";
import { emptySubsets, selectorOverlaps } from "../../policies/rules/selectors";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

const CRONJOB = "kubernetes:batch/v1:CronJob";
const overlapsOf = (resources: readonly PlanResource[]) => selectorOverlaps(resolve(resources).resources).map((o) => o.message);
type CronJobInputs = { spec: { jobTemplate: { spec: { template: { metadata: { labels: Record<string, string> } } } } } };
const podLabels = (r: PlanResource) => (r.inputs as unknown as CronJobInputs).spec.jobTemplate.spec.template.metadata.labels;

describe("strata-selector-overlap", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds no selector taking two controllers' pods in the ${stack} plan`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(overlapsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-selector-overlap"), []);
        });
    }

    it("the scheduled-bounds CronJob pods carry their own name, not the service's selector label", () => {
        const { plan } = plannedStack("prod");
        const cronJobs = plan.resources.filter((r) => r.type === CRONJOB);
        assert.ok(cronJobs.length > 0);
        for (const job of cronJobs) {
            assert.equal(podLabels(job)["app.kubernetes.io/name"], "analysis-service-scaler");
            assert.equal(podLabels(job)["app.kubernetes.io/component"], "scheduled-bounds");
        }
    });

    it("names the Deployment and the PDB whose selector the CronJob pods of the old labels fell under", () => {
        const { plan } = plannedStack("prod");
        const oldLabels = plan.resources.map((r) => {
            if (r.type !== CRONJOB || r.region !== "us-east-1") return r;
            const inputs = JSON.parse(JSON.stringify(r.inputs)) as CronJobInputs;
            inputs.spec.jobTemplate.spec.template.metadata.labels["app.kubernetes.io/name"] = "analysis-service";
            return { ...r, inputs: inputs as unknown as JsonObject };
        });
        const overlaps = overlapsOf(oldLabels);
        assert.ok(overlaps.some((m) => m.startsWith("Deployment apps/analysis-service (us-east-1-analysis-service-deployment) selects the pods of CronJob apps/analysis-service-workday")), overlaps.join("\n"));
        assert.ok(overlaps.some((m) => m.startsWith("PodDisruptionBudget apps/analysis-service (us-east-1-analysis-service-pdb) selects the pods of Deployment apps/analysis-service, CronJob")), overlaps.join("\n"));
    });

    it("every tenant's subset of the api selects its own pool in every prod region; a pool labelled apart leaves its subset empty, by name", () => {
        const { plan } = plannedStack("prod");
        assert.deepEqual(emptySubsets(resolve(plan.resources).resources), []);
        const pools = plan.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment" && /^api-tenant-/.test((r.inputs.metadata as { name: string }).name));
        assert.equal(pools.length, 6, "two tenant pools in each of three regions");
        const relabelled = plan.resources.map((r) => {
            if (r.type !== "kubernetes:apps/v1:Deployment" || r.region !== "eu-west-1" || (r.inputs.metadata as { name: string }).name !== "api-tenant-a") return r;
            const inputs = JSON.parse(JSON.stringify(r.inputs)) as { spec: { template: { metadata: { labels: Record<string, string> } } } };
            inputs.spec.template.metadata.labels["app.kubernetes.io/name"] = "api-a";
            return { ...r, inputs: inputs as unknown as JsonObject };
        });
        assert.deepEqual(
            emptySubsets(resolve(relabelled).resources).map((e) => e.message),
            ['DestinationRule apps/api (eu-west-1-routes-destinationrule-apps-api) subset tenant-a selects {"app.kubernetes.io/name":"api-tenant-a"}, which no pod template in apps carries: its routes would find no endpoint'],
        );
    });
});
