import { strict as assert } from "assert";
import type * as awsTypes from "@pulumi/aws";
import type * as pulumiTypes from "@pulumi/pulumi";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../tools/plan/cli";
import { SECRET_MASK } from "../../tools/plan/contract";
import { renderManifests } from "../../tools/plan/manifests";
import { UNDECRYPTED_SECRET, readStackFile } from "../../tools/plan/stackFile";
import { fromWire } from "../../tools/plan/values";
import { planResource as resource, ready, record } from "../harness";


describe("offline engine", () => {
    describe("wire values", () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };

        it("masks secrets for files and reveals them for policies", () => {
            assert.deepEqual(fromWire({ a: [secret], b: 1 }, "mask"), { a: [SECRET_MASK], b: 1 });
            assert.deepEqual(fromWire({ a: [secret] }, "reveal"), { a: ["hunter2"] });
        });

        it("turns resource references into URNs and unknowns into a marker", () => {
            const ref = { "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:x::y::t::n", id: "i" };
            assert.equal(fromWire(ref, "mask"), "urn:pulumi:x::y::t::n");
            assert.equal(fromWire("04da6b54-80e4-46f7-96ec-b56ff0331ba9", "mask"), "[unknown]");
        });
    });

    describe("recorder", () => {
        it("masks a secret input of a real resource and keeps its other inputs", async () => {
            await ready();
            const pulumi: typeof pulumiTypes = await import("@pulumi/pulumi");
            const aws: typeof awsTypes = await import("@pulumi/aws");
            const build = () => {
                const provider = new aws.Provider("secret-test", { region: "us-east-1" });
                new aws.ssm.Parameter("token", { type: "SecureString", value: pulumi.secret("hunter2") }, { provider });
            };
            const masked = (await record(build, "mask")).find((r) => r.name === "token");
            assert.equal(masked?.inputs.value, SECRET_MASK);
            assert.equal(masked?.inputs.type, "SecureString");
            assert.ok(!JSON.stringify(masked).includes("hunter2"));
            const revealed = (await record(build, "reveal")).find((r) => r.name === "token");
            assert.equal(revealed?.inputs.value, "hunter2");
        });
    });

    describe("stack files", () => {
        it("reads structured and plain values, namespaces bare keys, and replaces secure values", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-stackfile-"));
            try {
                const file = path.join(dir, "Pulumi.x.yaml");
                fs.writeFileSync(file, "config:\n  strata:environment: dev\n  network:\n    azCount: 3\n  aws:secretKey:\n    secure: v1:abc\n");
                const config = readStackFile(file);
                assert.equal(config.values["strata:environment"], "dev");
                assert.equal(config.values["strata:network"], '{"azCount":3}');
                assert.equal(config.values["aws:secretKey"], UNDECRYPTED_SECRET);
                assert.deepEqual(config.secretKeys, ["aws:secretKey"]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("command line", () => {
        it("takes one stack and the documented options", () => {
            const options = parseArgs(["prod", "--config", "f.yaml", "--out", "o", "--quiet"], "/repo");
            assert.deepEqual(options, { stack: "prod", configFile: "/repo/f.yaml", outDir: "/repo/o", quiet: true, allowReplace: [] });
            assert.equal(parseArgs(["dev"], "/repo").configFile, "/repo/Pulumi.dev.yaml");
            assert.equal(parseArgs(["dev"], "/repo").outDir, "/repo/out/plan");
        });

        it("refuses a missing stack, a second stack, an unknown option and an option without value", () => {
            assert.throws(() => parseArgs([], "/"), /no stack given/);
            assert.throws(() => parseArgs(["dev", "prod"], "/"), /one stack at a time/);
            assert.throws(() => parseArgs(["dev", "--verbose"], "/"), /unknown option --verbose/);
            assert.throws(() => parseArgs(["dev", "--out"], "/"), /--out needs a value/);
            assert.throws(() => parseArgs(["../etc"], "/"), /may hold only letters/);
        });
    });

    describe("manifests", () => {
        it("renders Kubernetes objects apply-ready, by region, kind, namespace and name", () => {
            const manifests = renderManifests([
                resource({ type: "kubernetes:apps/v1:Deployment", name: "api", region: "eu-west-1", inputs: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: "apps" }, spec: { replicas: 3 } } }),
                resource({ type: "kubernetes:core/v1:ConfigMap", name: "cm", inputs: { metadata: { name: "strata-redis", namespace: "apps" }, data: { port: "6379" } } }),
                resource({ type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", name: "reader", inputs: { metadata: {}, rules: [] } }),
                resource({ type: "kubernetes:helm.sh/v3:Release", name: "istiod", inputs: { chart: "istiod", version: "1.27.1", namespace: "istio-system", name: "istiod", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" }, values: { pilot: { autoscaleMin: 2 } } } }),
                resource({ type: "pulumi:providers:kubernetes", name: "k8s" }),
                resource({ type: "aws:ec2/vpc:Vpc", name: "vpc" }),
                resource({ type: "strata:workload:AutoscaledService", name: "api", custom: false }),
            ]);
            assert.deepEqual(
                manifests.map((m) => m.path),
                ["eu-west-1/deployment-apps-api.yaml", "us-east-1/configmap-apps-strata-redis.yaml", "us-east-1/clusterrole-_cluster-reader.yaml", "us-east-1/helmrelease-istio-system-istiod.yaml"],
            );
            assert.deepEqual(manifests[0]?.object, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: "apps" }, spec: { replicas: 3 } });
            assert.equal(manifests[1]?.object.apiVersion, "v1");
            assert.deepEqual(manifests[1]?.object.data, { port: "6379" });
            assert.equal(manifests[2]?.object.apiVersion, "rbac.authorization.k8s.io/v1");
            assert.deepEqual((manifests[2]?.object.metadata as { name: string }).name, "reader");
            assert.deepEqual(manifests[3]?.object, { chart: "istiod", repository: "https://istio-release.storage.googleapis.com/charts", version: "1.27.1", namespace: "istio-system", name: "istiod", values: { pilot: { autoscaleMin: 2 } } });
        });
    });
});
