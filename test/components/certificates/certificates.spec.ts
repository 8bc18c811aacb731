import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as k8sTypes from "@pulumi/kubernetes";
import type { GatewayCertificatesArgs } from "../../../components/certificates";
import { PlanResource } from "../../../tools/plan/contract";
import { renderManifests } from "../../../tools/plan/manifests";
import { ofType, one, ready, record } from "../../harness";
import { validateObject } from "../../k8sSchema";

const args = (over: Partial<GatewayCertificatesArgs> = {}) => ({
    region: "eu-west-1",
    clusterName: "strata-prod-eu-west-1",
    oidc: { providerArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC", issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" },
    chartVersion: "v1.21.1",
    hostedZoneId: "Z0EXAMPLE00000000000",
    domain: "strata.example.com",
    hosts: ["api.strata.example.com", "api-eu-west-1.strata.example.com"],
    secretName: "strata-gateway-tls",
    acme: { server: "production" as const, email: "oncall@example.com" },
    replicas: 2,
    nodeGroups: [],
    helmTimeoutSeconds: 1200,
    ...over,
});

async function build(over: Partial<GatewayCertificatesArgs> = {}): Promise<PlanResource[]> {
    await ready();
    const aws: typeof awsTypes = await import("@pulumi/aws");
    const k8s: typeof k8sTypes = await import("@pulumi/kubernetes");
    const { GatewayCertificates } = await import("../../../components/certificates");
    return record(() => {
        const provider = new aws.Provider("certs-aws", { region: "eu-west-1" });
        const kubernetes = new k8s.Provider("certs-k8s", { kubeconfig: "{}" });
        const ingress = new k8s.core.v1.Namespace("istio-ingress-stand-in", { metadata: { name: "istio-ingress" } }, { provider: kubernetes });
        new GatewayCertificates("eu-west-1-certificates", { ...args(over), gatewayNamespace: { name: "istio-ingress", resource: ingress } }, { providers: { aws: provider, kubernetes } });
    });
}

describe("GatewayCertificates", () => {
    let resources: PlanResource[];
    before(async () => {
        resources = await build();
    });
    const custom = (kind: string) => ofType(resources, `kubernetes:cert-manager.io/v1:${kind}`)[0]!;

    it("issues the region's hosts into the Secret the gateway reads, in the gateway's namespace", () => {
        const certificate = custom("Certificate");
        const spec = certificate.inputs.spec as Record<string, unknown>;
        assert.deepEqual(certificate.inputs.metadata, { name: "strata-gateway-tls", namespace: "istio-ingress" });
        assert.equal(spec.secretName, "strata-gateway-tls");
        assert.deepEqual(spec.dnsNames, ["api.strata.example.com", "api-eu-west-1.strata.example.com"]);
        assert.deepEqual(spec.issuerRef, { name: "letsencrypt-production", kind: "ClusterIssuer", group: "cert-manager.io" });
        assert.ok(certificate.dependencies.includes(one(resources, "kubernetes:core/v1:Namespace", "istio-ingress-stand-in").urn));
        assert.ok(certificate.dependencies.includes(custom("ClusterIssuer").urn));
    });

    it("answers Let's Encrypt's DNS-01 challenges in the stack's zone only, with the controller's IRSA role", () => {
        const acme = (custom("ClusterIssuer").inputs.spec as { acme: Record<string, unknown> }).acme;
        assert.equal(acme.server, "https://acme-v02.api.letsencrypt.org/directory");
        assert.equal(acme.email, "oncall@example.com");
        assert.deepEqual(acme.solvers, [{ selector: { dnsZones: ["strata.example.com"] }, dns01: { route53: { hostedZoneID: "Z0EXAMPLE00000000000", region: "eu-west-1" } } }]);
        const policy = JSON.parse(String(one(resources, "aws:iam/rolePolicy:RolePolicy", "eu-west-1-certificates-cert-manager").inputs.policy)) as { Statement: { Action: string[]; Resource: string; Condition?: unknown }[] };
        assert.deepEqual(policy.Statement.map((s) => [s.Action, s.Resource]), [
            [["route53:GetChange"], "arn:aws:route53:::change/*"],
            [["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"], "arn:aws:route53:::hostedzone/Z0EXAMPLE00000000000"],
        ]);
        assert.deepEqual(policy.Statement[1]!.Condition, { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] } });
        const trust = JSON.parse(String(one(resources, "aws:iam/role:Role", "eu-west-1-certificates-cert-manager").inputs.assumeRolePolicy)) as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };
        assert.ok(Object.values(trust.Statement[0]!.Condition.StringEquals).includes("system:serviceaccount:cert-manager:cert-manager"));
    });

    it("installs cert-manager with its CRDs (kept), on system nodes, its account annotated with the role, and the issuer after it", () => {
        const release = ofType(resources, "kubernetes:helm.sh/v3:Release")[0]!;
        const values = release.inputs.values as Record<string, Record<string, unknown>>;
        assert.deepEqual([release.inputs.chart, release.inputs.version, release.inputs.namespace], ["cert-manager", "v1.21.1", "cert-manager"]);
        assert.deepEqual(values.crds, { enabled: true, keep: true });
        assert.deepEqual(values.nodeSelector, { "strata.io/node-role": "system" });
        for (const part of ["webhook", "cainjector"]) assert.deepEqual([values[part]!.replicaCount, values[part]!.podDisruptionBudget], [2, { enabled: true, maxUnavailable: 1 }], part);
        assert.match((values.serviceAccount!.annotations as Record<string, string>)["eks.amazonaws.com/role-arn"]!, /^arn:aws:iam::123456789012:role\/eu-west-1-certificates-cert-manager-[0-9a-f]{7}$/);
        assert.ok(custom("ClusterIssuer").dependencies.includes(release.urn));
    });

    it("renders schema-valid cert-manager objects", () => {
        for (const manifest of renderManifests(resources).filter((m) => !m.path.includes("/helmrelease-"))) validateObject(manifest.object, manifest.path);
    });

    it("uses Let's Encrypt's staging directory when asked, and no budget over a single replica", async () => {
        const staged = await build({ acme: { server: "staging" }, replicas: 1 });
        const acme = (ofType(staged, "kubernetes:cert-manager.io/v1:ClusterIssuer")[0]!.inputs.spec as { acme: Record<string, unknown> }).acme;
        assert.deepEqual([acme.server, acme.email], ["https://acme-staging-v02.api.letsencrypt.org/directory", undefined]);
        const values = ofType(staged, "kubernetes:helm.sh/v3:Release")[0]!.inputs.values as Record<string, Record<string, unknown>>;
        assert.deepEqual(values.podDisruptionBudget, { enabled: false });
    });

    it("refuses a host outside the domain, registering nothing", async () => {
        await ready();
        const { GatewayCertificates } = await import("../../../components/certificates");
        let error: Error | undefined;
        const registered = await record(() => {
            try {
                new GatewayCertificates("bad", { ...args({ hosts: ["api.other.org"] }), gatewayNamespace: { name: "istio-ingress", resource: undefined as never } });
            } catch (e) {
                error = e as Error;
            }
        });
        assert.match(error?.message ?? "", /hosts api\.other\.org lie outside strata\.example\.com/);
        assert.deepEqual(registered, []);
    });
});
