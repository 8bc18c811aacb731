import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gatewayTlsProblems } from "../../policies/rules/gatewayTls";
import { JsonObject, PlanFile, PlanResource } from "../../tools/plan/contract";
import { resolve } from "../../tools/plan/policyRunner";
import { runPlan } from "../planCommand";

/*
 * TLS at the NLB (edge.tls.mode: acm) on the prod stack behind Route 53: ACM certificates validated in the zone, a TLS
 * listener on 443 only, the gateway serving plain HTTP behind it.
 */

const root = path.resolve(__dirname, "../..");
const byType = (plan: PlanFile, type: string, region = "us-east-1") => plan.resources.filter((r) => r.type === type && r.region === region);

describe("TLS at the NLB with ACM", function () {
    this.timeout(180_000);
    let plan: PlanFile;
    let status: number | null;
    let stderr: string;
    before(() => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-acm-"));
        const stackFile = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("    mode: accelerator\n", "    mode: dns\n    tls: { mode: acm }\n");
        fs.writeFileSync(path.join(dir, "stack.yaml"), stackFile);
        const run = runPlan(["prod", "--config", path.join(dir, "stack.yaml"), "--out", dir, "--quiet"]);
        [status, stderr] = [run.status, run.stderr];
        plan = JSON.parse(fs.readFileSync(path.join(dir, "prod", "plan.json"), "utf8")) as PlanFile;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("plans clean: no violation, the TLS listener judged by strata-gateway-tls too", () => {
        assert.equal(status, 0, stderr);
        assert.deepEqual(plan.policies.violations, []);
    });

    it("issues one ACM certificate per region for its hosts, validated by CNAMEs in the zone", () => {
        const [certificate] = byType(plan, "aws:acm/certificate:Certificate");
        assert.deepEqual([certificate?.inputs.domainName, certificate?.inputs.subjectAlternativeNames, certificate?.inputs.validationMethod], ["api.strata.example.com", ["api-us-east-1.strata.example.com"], "DNS"]);
        const records = byType(plan, "aws:route53/record:Record").filter((r) => r.name.includes("-certificate-validation-"));
        assert.deepEqual(records.map((r) => [r.inputs.type, r.inputs.zoneId]), [["CNAME", "Z0EXAMPLE00000000000"], ["CNAME", "Z0EXAMPLE00000000000"]]);
        const [validation] = byType(plan, "aws:acm/certificateValidation:CertificateValidation");
        assert.equal((validation?.inputs.validationRecordFqdns as string[]).length, 2);
    });

    it("listens on 443 only, ending TLS 1.2+ there and forwarding plain HTTP to the gateway's port 80", () => {
        const listeners = byType(plan, "aws:lb/listener:Listener");
        assert.deepEqual(listeners.map((l) => [l.inputs.port, l.inputs.protocol, l.inputs.sslPolicy]), [[443, "TLS", "ELBSecurityPolicy-TLS13-1-2-2021-06"]]);
        assert.match(String(listeners[0]?.inputs.certificateArn), /^arn:aws:acm:us-east-1:/);
        const groups = byType(plan, "aws:lb/targetGroup:TargetGroup");
        assert.deepEqual(groups.map((g) => [g.inputs.name, g.inputs.port, g.inputs.protocol, g.inputs.preserveClientIp]), [["strata-prod-ingress-tls", 80, "TCP", "true"]]);
        const [binding] = byType(plan, "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding");
        assert.equal((binding?.inputs.spec as { serviceRef: { port: number } }).serviceRef.port, 80);
    });

    it("gives the gateway one plain HTTP server and no redirect, HSTS still on every routed answer", () => {
        const [gateway] = byType(plan, "kubernetes:networking.istio.io/v1beta1:Gateway");
        const servers = (gateway?.inputs.spec as { servers: { port: { number: number; protocol: string }; tls?: unknown }[] }).servers;
        assert.deepEqual(servers.map((s) => [s.port.number, s.port.protocol, s.tls]), [[80, "HTTP", undefined]]);
        const publicVs = byType(plan, "kubernetes:networking.istio.io/v1beta1:VirtualService").find((v) => (v.inputs.metadata as { name: string }).name === "strata-public");
        const http = (publicVs?.inputs.spec as { http: { name: string; headers?: unknown }[] }).http;
        assert.ok(!http.some((h) => h.name === "https-redirect"));
        assert.ok(http.slice(1).every((h) => h.headers !== undefined));
    });

    it("names a TLS listener without a certificate or with a policy that still accepts TLS 1.0", () => {
        const weakened = plan.resources.map((r): PlanResource => {
            if (r.type !== "aws:lb/listener:Listener" || r.region !== "eu-west-1") return r;
            const { certificateArn: _dropped, ...inputs } = r.inputs;
            return { ...r, inputs: { ...inputs, sslPolicy: "ELBSecurityPolicy-2016-08" } as JsonObject, propertyDependencies: { ...r.propertyDependencies, certificateArn: [] } };
        });
        assert.deepEqual(
            gatewayTlsProblems(resolve(weakened).resources, true).map((p) => p.message),
            [
                "TLS listener eu-west-1-ingress-tls has no certificate",
                "TLS listener eu-west-1-ingress-tls uses the security policy ELBSecurityPolicy-2016-08, which is not one of the TLS 1.2-or-later policies (ELBSecurityPolicy-TLS13-1-2-2021-06 and kin)",
            ],
        );
    });
});
