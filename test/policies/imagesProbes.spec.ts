import { strict as assert } from "assert";
import { imagePinProblem } from "../../components/workload/image";
import { imageProbeProblems } from "../../policies/rules/imagesProbes";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

type Container = JsonObject & { image: string; readinessProbe?: JsonObject; livenessProbe?: JsonObject };
const problemsOf = (resources: readonly PlanResource[], requireDigest = false) => imageProbeProblems(resolve(resources).resources, requireDigest).map((p) => `${p.message} @ ${p.resource.name}`);

function withContainer(resources: readonly PlanResource[], name: string, edit: (c: Container) => void): PlanResource[] {
    return resources.map((r) => {
        if (r.type !== "kubernetes:apps/v1:Deployment" || r.name !== name) return r;
        const copy = structuredClone(r);
        edit((((copy.inputs.spec as JsonObject).template as JsonObject).spec as { containers: Container[] }).containers[0]!);
        return copy;
    });
}

describe("strata-images-probes", () => {
    it("tells a pinned image from one that is not", () => {
        assert.equal(imagePinProblem("public.ecr.aws/strata/api:1.0.0", false), undefined);
        assert.equal(imagePinProblem("registry.example.com:5000/api:2.1", false), undefined, "a registry port is not a tag");
        assert.equal(imagePinProblem("registry.example.com:5000/api", false), "has no tag: it runs whatever latest is when a node pulls it");
        assert.equal(imagePinProblem("api:latest", false), "is tagged latest: two nodes can run different code");
        assert.equal(imagePinProblem("api:1.0.0", true), "is not pinned to a digest (@sha256:…)");
        assert.equal(imagePinProblem(`api@sha256:${"a".repeat(64)}`, true), undefined);
    });

    for (const stack of ["dev", "prod"]) {
        it(`finds every image pinned and every user-facing container probed in the ${stack} plan`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(problemsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-images-probes"), []);
        });
    }

    it("names a latest image and, where digests are required, every tag-only image, on its workload", () => {
        const { plan } = plannedStack("prod");
        assert.deepEqual(problemsOf(withContainer(plan.resources, "eu-west-1-api-deployment", (c) => (c.image = "public.ecr.aws/strata/api:latest"))), [
            'Deployment apps/api container api: image "public.ecr.aws/strata/api:latest" is tagged latest: two nodes can run different code @ eu-west-1-api-deployment',
        ]);
        const digests = problemsOf(plan.resources, true);
        assert.ok(digests.includes('Job strata-db-bootstrap/' + String(((plan.resources.find((r) => r.name === "us-east-1-db-bootstrap-job")!.inputs.metadata) as JsonObject).name) + ' container psql: image "postgres:17.9-alpine3.23" is not pinned to a digest (@sha256:…) @ us-east-1-db-bootstrap-job'), digests.join("\n"));
    });

    it("names a user-facing container without a readiness probe, and leaves a background service's alone", () => {
        const { plan } = plannedStack("prod");
        assert.deepEqual(problemsOf(withContainer(plan.resources, "us-east-1-api-deployment", (c) => delete c.readinessProbe)), [
            "Deployment apps/api container api of a user-facing service has no readinessProbe: traffic would reach pods that cannot serve it @ us-east-1-api-deployment",
        ]);
        assert.deepEqual(problemsOf(withContainer(plan.resources, "us-east-1-analysis-service-deployment", (c) => (delete c.readinessProbe, delete c.livenessProbe))), [], "analysis-service is not user-facing");
    });
});
