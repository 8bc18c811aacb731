import { strict as assert } from "assert";
import { istioSecurityProblems } from "../../policies/rules/istioSecurity";
import { JsonObject, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";

const problemsOf = (resources: readonly PlanResource[]) => istioSecurityProblems(resolve(resources).resources).map((p) => `${p.message} @ ${p.resource.type.split(":").pop()} ${p.resource.name}`);
const kindOf = (r: PlanResource) => r.type.split(":").pop();

/** The prod plan with the us-east-1 object of a kind and Kubernetes name changed by `edit` (on a copy). */
function edited(kind: string, name: string, edit: (inputs: JsonObject) => void, drop = false): PlanResource[] {
    const { plan } = plannedStack("prod");
    const target = plan.resources.find((r) => kindOf(r) === kind && r.region === "us-east-1" && (r.inputs.metadata as { name?: string } | undefined)?.name === name);
    assert.ok(target, `${kind} ${name}`);
    if (drop) return plan.resources.filter((r) => r !== target);
    return plan.resources.map((r) => {
        if (r !== target) return r;
        const copy = structuredClone(r);
        edit(copy.inputs);
        return copy;
    });
}

describe("strata-istio-security", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds ${stack}'s mesh STRICT, named, injected and denied by default`, () => {
            const { plan } = plannedStack(stack);
            assert.deepEqual(problemsOf(plan.resources), []);
            assert.deepEqual(plan.policies.violations.filter((v) => v.policy === "strata-istio-security"), []);
        });
    }

    it("names a PERMISSIVE PeerAuthentication, on itself", () => {
        const found = problemsOf(edited("PeerAuthentication", "default", (i) => ((i.spec as JsonObject).mtls = { mode: "PERMISSIVE" })));
        assert.equal(found.length, 1);
        assert.match(found[0]!, /^PeerAuthentication istio-system\/default sets mTLS PERMISSIVE: plaintext reaches the workloads it covers; use STRICT @ PeerAuthentication \S+$/);
    });

    it("names a DestinationRule whose subset turns TLS off", () => {
        const found = problemsOf(edited("DestinationRule", "api", (i) => ((i.spec as JsonObject).subsets = [{ name: "v2", labels: { version: "v2" }, trafficPolicy: { tls: { mode: "DISABLE" } } }])));
        assert.equal(found.length, 1);
        assert.match(found[0]!, /^DestinationRule apps\/api turns TLS off \(mode DISABLE\) inside a STRICT mesh: .* @ DestinationRule /);
    });

    it("names a wildcard VirtualService host", () => {
        const found = problemsOf(edited("VirtualService", "api", (i) => ((i.spec as JsonObject).hosts = ["*"])));
        assert.equal(found.length, 1);
        assert.match(found[0]!, /^VirtualService apps\/api routes wildcard hosts \(\*\)/);
    });

    it("names a service whose pods opt out of the sidecar, and a namespace without injection", () => {
        const optOut = problemsOf(
            edited("Deployment", "api", (i) => {
                const template = (i.spec as JsonObject).template as JsonObject;
                template.metadata = { ...(template.metadata as JsonObject), annotations: { ...((template.metadata as JsonObject).annotations as JsonObject), "sidecar.istio.io/inject": "false" } };
            }),
        );
        assert.equal(optOut.length, 1);
        assert.match(optOut[0]!, /^Deployment apps\/api turns its sidecar off .* @ Deployment us-east-1-api-deployment$/);
        const namespace = problemsOf(edited("Namespace", "apps", (i) => ((i.metadata as JsonObject).labels = { "istio-injection": "disabled" })));
        assert.deepEqual(namespace, ["Namespace apps runs services without sidecar injection (istio-injection is disabled): they leave the mesh's mTLS and authorization @ Namespace us-east-1-apps"]);
    });

    it("names the application namespace when its default-deny AuthorizationPolicy is gone", () => {
        const found = problemsOf(edited("AuthorizationPolicy", "deny-all", () => undefined, true));
        assert.deepEqual(found, ["Namespace apps has no default-deny AuthorizationPolicy (an empty spec, here or in istio-system): any workload of the mesh may call its services @ Namespace us-east-1-apps"]);
    });
});
