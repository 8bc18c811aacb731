import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../tools/simulate/cli";

/* `npm run simulate`: the stack's real program, planned offline, then its clusters simulated. */

const root = path.resolve(__dirname, "..", "..");

function simulateCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "tools/simulate/cli.ts"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") }, timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run simulate", () => {
    let out: string;
    before(() => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "strata-simulate-"));
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("simulates prod's burst: every user-facing service within 180 s, a table and one chart per service and region", () => {
        const run = simulateCli(["prod", "--out", out]);
        assert.equal(run.status, 0, run.stderr);
        const dir = path.join(out, "prod", "burst");
        const table = fs.readFileSync(path.join(dir, "table.txt"), "utf8");
        assert.ok(run.stdout.startsWith(table));
        // The shared pool carries 60 % of the api's load, each tenant pool 20 %.
        assert.match(table, /^us-east-1\s+api\s+300 → 3000\s+3 → 30\s+135 s\s+1000 %\s+[\d.]+ %\s+7 → 7\s+ok/m);
        assert.match(table, /^us-east-1\s+api-tenant-a\s+100 → 1000\s+3 → 10\s/m);
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            for (const service of ["api", "api-tenant-a", "api-tenant-b", "auth-service", "fund-data-service"]) assert.match(table, new RegExp(`^${region}\\s+${service}\\s.*\\sok$`, "m"));
        }
        const charts = fs.readdirSync(dir).filter((f) => f.endsWith(".svg"));
        assert.equal(charts.length, 21);
        assert.match(fs.readFileSync(path.join(dir, "us-east-1-api.svg"), "utf8"), /<svg[^>]*>[\s\S]*prod · us-east-1 · api · burst to 3000 req\/s[\s\S]*<\/svg>\n$/);
    });

    it("exits 1 and names the bottleneck when a service misses the bound", () => {
        const run = simulateCli(["prod", "--config", path.join(root, "test", "fixtures", "prod-unsafe-scaleup.yaml"), "--service", "api", "--out", out]);
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stdout, /^us-east-1\s+api\s.*195 s.*over 180 s\s+the scale-up policies$/m);
    });

    it("runs the workday profile for one service", () => {
        const run = simulateCli(["prod", "--service", "api", "--profile", "workday", "--out", out]);
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(fs.readdirSync(path.join(out, "prod", "workday")).sort(), ["ap-southeast-1-api.svg", "eu-west-1-api.svg", "table.txt", "us-east-1-api.svg"]);
    });

    it("refuses a service the stack does not have, naming the ones it has", () => {
        const run = simulateCli(["prod", "--service", "ghost", "--out", out]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr.trim(), "--service ghost: the stack has no such service; it has api, auth-service, fund-data-service, analysis-service, notification-service");
    });

    it("parses its arguments, refusing unknown profiles and options", () => {
        assert.deepEqual(parseArgs(["prod", "--profile", "ramp"], "/w"), { stack: "prod", profile: "ramp", configFile: "/w/Pulumi.prod.yaml", outDir: "/w/out/simulate" });
        assert.throws(() => parseArgs(["prod", "--profile", "spike"], "/w"), /--profile spike: choose one of burst, ramp, workday/);
        assert.throws(() => parseArgs(["prod", "--fast"], "/w"), /unknown option --fast/);
        assert.throws(() => parseArgs([], "/w"), /no stack given/);
    });
});
