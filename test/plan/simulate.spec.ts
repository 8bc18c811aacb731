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

    it("simulates prod's burst: every user-facing service within 160 s (the 180 s bound less the 20 s margin), a table and one chart per service and region", () => {
        const run = simulateCli(["prod", "--out", out]);
        assert.equal(run.status, 0, run.stderr);
        const dir = path.join(out, "prod", "burst");
        const table = fs.readFileSync(path.join(dir, "table.txt"), "utf8");
        assert.ok(run.stdout.startsWith(table));
        // The shared pool carries 60 % of the api's load, each tenant pool 20 %.
        // From 10 replicas, 125 s on the slow side of every edge: 55 s to spare; 14 placeholders hold the burst's room.
        assert.match(table, /^us-east-1\s+api\s+300 → 3000\s+10 → 30\s+125 s\s+55 s\s+300 %\s+[\d.]+ %\s+3 → 5 \(\+14 placeholders\)\s+ok/m);
        assert.match(table, /^us-east-1\s+api-tenant-a\s+100 → 1000\s+3 → 10\s/m);
        for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) {
            for (const service of ["api", "api-tenant-a", "api-tenant-b", "auth-service", "fund-data-service"]) assert.match(table, new RegExp(`^${region}\\s+${service}\\s.*\\sok$`, "m"));
        }
        // What the warm capacity costs all day, against a warm floor alone that would meet the deadline.
        const line = /^All regions, workload nodes a month: today \$([\d,.]+); a warm floor alone that meets the deadline \$([\d,.]+); the cheapest \$([\d,.]+)\. \(--optimize: per region\)$/m.exec(run.stdout);
        const [today, floorAlone] = [1, 2].map((i) => Number((line?.[i] ?? "").replace(/,/g, "")));
        assert.ok(today > 0 && today < floorAlone, `${today} < ${floorAlone}`);
        const charts = fs.readdirSync(dir).filter((f) => f.endsWith(".svg"));
        assert.equal(charts.length, 21);
        assert.match(fs.readFileSync(path.join(dir, "us-east-1-api.svg"), "utf8"), /<svg[^>]*>[\s\S]*prod · us-east-1 · api · burst to 3000 req\/s[\s\S]*<\/svg>\n$/);
    });

    it("exits 1 and names the bottleneck when a service misses the bound", () => {
        const run = simulateCli(["prod", "--config", path.join(root, "test", "fixtures", "prod-unsafe-scaleup.yaml"), "--service", "api", "--out", out]);
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stdout, /^us-east-1\s+api\s.*225 s\s+-45 s\s.*over 160 s\s+the scale-up policies$/m);
    });

    it("--optimize: prod's warm capacity is the cheapest that meets the deadline, and costs less than a warm floor alone", () => {
        const run = simulateCli(["prod", "--optimize", "--out", out]);
        assert.equal(run.status, 0, run.stderr);
        const report = fs.readFileSync(path.join(out, "prod", "burst", "optimize.txt"), "utf8");
        assert.ok(run.stdout.includes(report));
        const totals = /^All regions, workload nodes a month: today \$([\d,.]+); a warm floor alone that meets the deadline \$([\d,.]+); the cheapest \$([\d,.]+)\.$/m.exec(report);
        const [today, floorAlone, cheapest] = [1, 2, 3].map((i) => Number((totals?.[i] ?? "").replace(/,/g, "")));
        assert.equal(today, cheapest, "the stack carries the optimizer's numbers");
        assert.ok(today < floorAlone, `${today} < ${floorAlone}`);
        assert.match(report, /^us-east-1\n {2}today: {7}general floor 0; 14 placeholder\(s\);/m);
        assert.doesNotMatch(report, /late whatever the warm capacity/);
    });

    it("--provisioner karpenter simulates Karpenter's node launch time from the catalog", () => {
        const run = simulateCli(["prod", "--service", "api", "--provisioner", "karpenter", "--out", out]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /nodes Ready 60 s after the autoscaler asks/);
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
        assert.deepEqual(parseArgs(["prod", "--profile", "ramp"], "/w"), { stack: "prod", profile: "ramp", optimize: false, configFile: "/w/Pulumi.prod.yaml", outDir: "/w/out/simulate" });
        assert.deepEqual(parseArgs(["prod", "--optimize", "--provisioner", "karpenter"], "/w"), { stack: "prod", profile: "burst", optimize: true, provisioner: "karpenter", configFile: "/w/Pulumi.prod.yaml", outDir: "/w/out/simulate" });
        assert.throws(() => parseArgs(["prod", "--provisioner", "fargate"], "/w"), /--provisioner fargate: choose one of cluster-autoscaler, karpenter/);
        assert.throws(() => parseArgs(["prod", "--optimize", "--profile", "ramp"], "/w"), /--optimize searches against the burst profile/);
        assert.throws(() => parseArgs(["prod", "--profile", "spike"], "/w"), /--profile spike: choose one of burst, ramp, workday/);
        assert.throws(() => parseArgs(["prod", "--fast"], "/w"), /unknown option --fast/);
        assert.throws(() => parseArgs([], "/w"), /no stack given/);
    });
});
