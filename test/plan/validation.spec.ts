import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { OfflineMocks } from "../../tools/plan/mocks";
import { invalidUtf8Offset, readStackFile } from "../../tools/plan/stackFile";
import { runPlan as plan } from "../planCommand";

const root = path.resolve(__dirname, "..", "..");

const devFile = () => fs.readFileSync(path.join(root, "Pulumi.dev.yaml"));

describe("validation of reality", () => {
    describe("npm run plan refuses, exit 2, nothing written", function () {
        this.timeout(180_000);
        let dir: string;
        before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-validation-"))));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("a stack file that is not UTF-8, naming the file and the byte offset", () => {
            const bytes = devFile();
            const at = bytes.indexOf("public.ecr.aws/strata/api") + "public.ecr.aws/str".length;
            const latin1 = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 1)]);
            const file = path.join(dir, "latin1.yaml");
            fs.writeFileSync(file, latin1);
            const run = plan(["dev", "--config", file, "--out", path.join(dir, "out")]);
            assert.equal(run.status, 2, run.stderr);
            assert.equal(run.stderr.trim(), `${file}: not valid UTF-8 at byte offset ${at} (byte 0xe9); save the file as UTF-8`);
            assert.equal(fs.existsSync(path.join(dir, "out", "dev")), false);
        });

        it("a Kubernetes version EKS no longer offers and a misspelt instance type, both by path", () => {
            const config = parse(devFile().toString("utf8")) as { config: Record<string, { kubernetesVersion?: string; nodeGroups?: Record<string, { instanceTypes: string[] }> }> };
            const cluster = config.config["strata:cluster"]!;
            cluster.kubernetesVersion = "1.31";
            cluster.nodeGroups!.workload!.instanceTypes[1] = "m6a.larg";
            const file = path.join(dir, "reality.yaml");
            fs.writeFileSync(file, stringify(config));
            const run = plan(["dev", "--config", file, "--out", path.join(dir, "out")]);
            assert.equal(run.status, 2, run.stderr);
            const lines = run.stderr.trim().split("\n");
            assert.equal(lines[0], 'Invalid config for stack "dev" (2 problems):');
            assert.ok(lines[1]?.startsWith('  strata:cluster.kubernetesVersion: must be a Kubernetes version EKS offers (catalog/eks.ts): "1.36"'), lines[1]);
            assert.ok(lines[1]?.endsWith('(got "1.31")'), lines[1]);
            assert.ok(lines[2]?.startsWith("  strata:cluster.nodeGroups.workload.instanceTypes[1]: must be an EC2 instance type such as m6i.large"), lines[2]);
            assert.ok(lines[2]?.endsWith('(did you mean m6a.large?) (got "m6a.larg")'), lines[2]);
            assert.equal(fs.existsSync(path.join(dir, "out", "dev")), false);
        });

        it("a stack file whose document is a list: one error naming the file, no missing environment", () => {
            const file = path.join(dir, "list.yaml");
            fs.writeFileSync(file, "- strata:environment: dev\n");
            const run = plan(["dev", "--config", file, "--out", path.join(dir, "out")]);
            assert.equal(run.status, 2, run.stderr);
            assert.equal(run.stderr.trim(), `${file}: must be a map with a "config" key holding the settings (got a list)`);
        });
    });

    describe("strict UTF-8", () => {
        const offset = (...bytes: number[]) => invalidUtf8Offset(Uint8Array.from(bytes));
        it("accepts ASCII and well-formed multi-byte characters", () => {
            assert.equal(invalidUtf8Offset(Buffer.from("Zürich · 東京 · 🚀")), undefined);
        });
        it("finds a Latin-1 byte, a truncated sequence, an overlong form and a surrogate", () => {
            assert.equal(offset(0x61, 0xe9, 0x62), 1);
            assert.equal(offset(0x61, 0x62, 0xe6, 0x9d), 2);
            assert.equal(offset(0xc0, 0xaf), 0);
            assert.equal(offset(0x41, 0xed, 0xa0, 0x80), 1);
            assert.equal(offset(0xf4, 0x90, 0x80, 0x80), 0);
        });
        it("reads the example stacks", () => {
            for (const stack of ["dev", "prod"]) assert.ok(Object.keys(readStackFile(path.join(root, `Pulumi.${stack}.yaml`)).values).length > 0);
        });
    });

    describe("the offline engine's availability zones", () => {
        const mocks = new OfflineMocks("us-east-1");
        const zones = (region: string, inputs: Record<string, unknown> = {}) =>
            mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { region, ...inputs }, provider: "" }) as { names: string[]; zoneIds: string[] };

        it("answers a region's real zones from catalog/regions.ts", () => {
            assert.deepEqual(zones("ap-southeast-1").zoneIds, ["apse1-az1", "apse1-az2", "apse1-az3"]);
            assert.equal(zones("us-east-1").names.length, 6);
            assert.deepEqual(zones("us-west-1").names, ["us-west-1a", "us-west-1c"]);
        });

        it("honours excludeZoneIds as the provider does", () => {
            const answer = zones("us-east-1", { excludeZoneIds: ["use1-az3"] });
            assert.equal(answer.zoneIds.length, 5);
            assert.ok(!answer.zoneIds.includes("use1-az3"));
        });

        it("fails loudly for a region it does not know", () => {
            assert.throws(() => zones("mars-north-1"), /knows no availability zones of region mars-north-1; add it to catalog\/regions\.ts/);
        });
    });
});
