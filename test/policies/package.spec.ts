import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Policies } from "@pulumi/policy";
import { strataPolicies } from "../../policies/rules";
import { runPolicies } from "../../tools/plan/policyRunner";
import { plannedStack } from "../planCommand";
import { servedPort } from "./packServer";

/*
 * `pulumi policy publish` packs the policy folder with `npm pack` (pulumi/pulumi#3020): the pack must work from its
 * tarball alone, installed where none of the repository is.
 */

const policies = path.resolve(__dirname, "../../policies");
const npm = (args: string[], cwd: string) => execFileSync("npm", [...args, "--no-audit", "--no-fund"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("the published policy pack", function () {
    this.timeout(600_000);
    let work: string;
    let installed: string;

    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "strata-pack-"));
        // `npm pack` builds the pack (its prepare script) exactly as publishing would.
        const tarball = npm(["pack", "--pack-destination", work], policies).trim().split("\n").pop() as string;
        const consumer = path.join(work, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
        npm(["install", path.join(work, tarball), "--omit=dev", "--prefer-offline", "--ignore-scripts"], consumer);
        installed = path.join(consumer, "node_modules", "strata-policies");
    });

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("holds its build, its runtime file and nothing of the repository's sources", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { main: string };
        assert.ok(fs.existsSync(path.join(installed, pkg.main)), pkg.main);
        assert.ok(fs.existsSync(path.join(installed, "PulumiPolicy.yaml")));
        const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === "node_modules" ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)]));
        assert.deepEqual(files(installed).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), []);
    });

    it("starts from its main as a real CrossGuard pack, serving gRPC, with only its installed dependencies", async () => {
        const main = (JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { main: string }).main;
        const child = spawn(process.execPath, [main], { cwd: installed, env: { ...process.env, NODE_PATH: "" } });
        try {
            const port = await servedPort(child);
            assert.ok(Number(port) > 0);
        } finally {
            child.kill();
        }
    });

    it("loads every rule from the tarball and judges the prod plan as the repository's rules do", async () => {
        const loaded = (require(path.join(installed, "bin", "policies", "rules")) as { strataPolicies: Policies }).strataPolicies;
        assert.deepEqual(loaded.map((p) => p.name), strataPolicies.map((p) => p.name));
        const { plan } = plannedStack("prod");
        const config = JSON.parse(fs.readFileSync(path.join(policies, "config", "prod.json"), "utf8"));
        const fromTarball = await runPolicies(loaded, plan.resources, config);
        assert.equal(fromTarball.evaluated, strataPolicies.length);
        assert.deepEqual(fromTarball.violations, []);
        const broken = plan.resources.map((r) => (r.type === "aws:kms/key:Key" && r.name === "us-east-1-logs" ? { ...r, inputs: { ...r.inputs, enableKeyRotation: false } } : r));
        assert.deepEqual((await runPolicies(loaded, broken, config)).violations.map((v) => `${v.policy}: ${v.message}`), ["strata-kms-keys: KMS key us-east-1-logs does not rotate (enableKeyRotation)"]);
    });
});
