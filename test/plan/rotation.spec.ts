import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanFile } from "../../tools/plan/contract";
import { runPlan } from "../planCommand";

/* Rotating the master passwords and the cache tokens with one config change: only secrets and their consumers move. */

const root = path.resolve(__dirname, "../..");

describe("rotating credentials (postgres.credentialsRotation, redis.authRotation)", function () {
    this.timeout(180_000);
    let stdout: string;
    let status: number | null;
    let rotated: PlanFile;
    before(() => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-rotation-"));
        const base = runPlan(["prod", "--out", path.join(dir, "base"), "--quiet"]);
        assert.equal(base.status, 0, base.stderr);
        const stackFile = fs
            .readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8")
            .replace("  strata:postgres:\n", "  strata:postgres:\n    credentialsRotation: 2026-12-06\n")
            .replace("  strata:redis:\n", "  strata:redis:\n    authRotation: 2026-12-06\n");
        fs.writeFileSync(path.join(dir, "rotated.yaml"), stackFile);
        const run = runPlan(["prod", "--config", path.join(dir, "rotated.yaml"), "--out", path.join(dir, "rotated"), "--against", path.join(dir, "base", "prod", "plan.json")]);
        [stdout, status] = [run.stdout, run.status];
        rotated = JSON.parse(fs.readFileSync(path.join(dir, "rotated", "prod", "plan.json"), "utf8")) as PlanFile;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("replaces only the generated secrets, deletes nothing and puts no data at risk", () => {
        assert.equal(status, 0, stdout);
        assert.match(stdout, /Against the base plan: 0 to create, \d+ to update, 16 to replace, 0 to delete, 0 DATA RISK/);
        const replaced = [...stdout.matchAll(/^\s+\+- (\S+) (\S+) \(REPLACE: (.*)\)$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
        const password = (name: string) => `random:index/randomPassword:RandomPassword ${name} keepers`;
        assert.deepEqual(
            replaced.sort(),
            [
                ...[0, 1, 2, 3].map((i) => password(`shard-${i}-password`)),
                // Every cache user's password, the disabled stand-in default's too; the users themselves update in place.
                ...["us-east-1", "eu-west-1", "ap-southeast-1"].flatMap((region) => ["default", "api", "auth-service", "fund-data-service"].map((user) => password(`${region}-redis-${user}`))),
            ].sort(),
        );
    });

    it("rolls every pod that uses the cache, and only those, onto the new passwords; the master password rolls nothing, as no pod holds it", () => {
        const updated = [...stdout.matchAll(/^\s+~ (\S+) (\S+)/gm)].map((m) => m[1]);
        assert.ok(updated.length > 0 && updated.every((type) => type === "kubernetes:apps/v1:Deployment"), updated.join(", "));
        const annotation = (name: string) =>
            (rotated.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.name === name)!.inputs.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations["strata.io/credentials-rotation"];
        assert.equal(annotation("us-east-1-api-tenant-a-deployment"), "redis.2026-12-06");
        assert.equal(annotation("us-east-1-notification-service-deployment"), undefined, "it uses neither tier");
    });
});
