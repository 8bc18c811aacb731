import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMPONENTS } from "../../capacity/cost/model";
import { PRESETS } from "../../stacks/presets";
import { PlanFile, PlanCost } from "../../tools/plan/contract";
import { PlanRun, runPlan, stackPlan } from "../planCommand";

/*
 * The cost estimate through `npm run plan`, as a reviewer meets it: printed totals, plan.json's additive `cost`
 * section, the change against a base plan in text and in the pull-request report, and the budget.
 */

const root = path.resolve(__dirname, "..", "..");
const readPlan = (dir: string, stack: string): PlanFile => JSON.parse(fs.readFileSync(path.join(dir, stack, "plan.json"), "utf8")) as PlanFile;
const costOf = (plan: PlanFile): PlanCost => {
    assert.ok(plan.cost, `${plan.stack} plan has no cost section`);
    return plan.cost;
};

/** The requirements' "small fraction": dev may cost at most this share of prod. */
const DEV_SHARE_OF_PROD = 0.1;

describe("npm run plan: cost", function () {
    this.timeout(300_000);
    let out: string;
    /** This spec's own files: the shared plans stay as they are. */
    let work: string;
    const runs: Record<string, PlanRun> = {};

    before(() => {
        for (const stack of ["dev", "prod"]) {
            const planned = stackPlan(stack);
            runs[stack] = planned.run;
            out = planned.out;
        }
        work = fs.mkdtempSync(path.join(os.tmpdir(), "strata-cost-"));
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: prints the monthly estimate at steady state and peak, per component and region`, () => {
            const run = runs[stack]!;
            assert.equal(run.status, 0, run.stderr);
            const cost = costOf(readPlan(out, stack));
            assert.match(run.stdout, /Monthly cost, USD \(730 h, list prices, usage from strata:cost\.usage\)/);
            const total = /\n {2}total +(\$[\d,]+\.\d\d) +(\$[\d,]+\.\d\d)\n/.exec(run.stdout);
            const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
            assert.deepEqual([total?.[1], total?.[2]], [usd(cost.monthlyUsd.steady), usd(cost.monthlyUsd.peak)]);
            assert.ok(cost.monthlyUsd.peak > cost.monthlyUsd.steady, "peak costs more than steady state");
            for (const name of COMPONENTS) assert.match(run.stdout, new RegExp(`\\n {2}${name} +\\$`), name);
        });

        it(`${stack}: plan.json's cost section adds up and records the usage model it used`, () => {
            const cost = costOf(readPlan(out, stack));
            assert.deepEqual(cost.components.map((c) => c.name), [...COMPONENTS]);
            for (const state of ["steady", "peak"] as const) {
                const byComponent = cost.components.reduce((a, c) => a + c.monthlyUsd[state], 0);
                const byRegion = cost.regions.reduce((a, r) => a + r.monthlyUsd[state], 0);
                const byLine = cost.lines.reduce((a, l) => a + l.monthlyUsd[state], 0);
                for (const sum of [byComponent, byRegion, byLine]) assert.ok(Math.abs(sum - cost.monthlyUsd[state]) < 0.05, `${state}: ${sum} ≠ ${cost.monthlyUsd[state]}`);
            }
            assert.deepEqual(cost.usage, PRESETS[stack as "dev" | "prod"].cost.usage);
            assert.equal(cost.currency, "USD");
            assert.equal(cost.hoursPerMonth, 730);
        });

        it(`${stack}: every resource type is priced, free of charge or priced on another; only RDS Proxy endpoints are open`, () => {
            const open = [...new Set(costOf(readPlan(out, stack)).unpriced.filter((u) => u.reason.startsWith("not catalogued")).map((u) => u.type))];
            assert.deepEqual(open, stack === "prod" ? ["aws:rds/proxyEndpoint:ProxyEndpoint"] : []);
        });
    }

    it("prices dev at a small fraction of prod, and within its budget", () => {
        const [dev, prod] = [costOf(readPlan(out, "dev")), costOf(readPlan(out, "prod"))];
        // prod's total is a lower bound (some of its prices are not in the catalog), so the share is an upper bound.
        for (const state of ["steady", "peak"] as const) {
            assert.ok(dev.monthlyUsd[state] < DEV_SHARE_OF_PROD * prod.monthlyUsd[state], `${state}: dev ${dev.monthlyUsd[state]} vs prod ${prod.monthlyUsd[state]}`);
            assert.ok(dev.monthlyUsd[state] <= (dev.budget?.maxMonthlyUsd[state] ?? 0), `dev ${state} within its budget`);
            assert.ok((dev.budget?.maxMonthlyUsd[state] ?? Infinity) <= DEV_SHARE_OF_PROD * (prod.budget?.maxMonthlyUsd[state] ?? 0), `dev's ${state} budget is a small share of prod's`);
        }
        assert.equal(prod.budget?.enforcement, "mandatory");
        assert.equal(dev.budget?.enforcement, "advisory");
    });

    it("states prod's cost against an all-on-demand baseline and the warm capacity the scale-up bound keeps", () => {
        const cost = costOf(readPlan(out, "prod"));
        assert.ok(cost.allOnDemand.monthlyUsd.peak > cost.monthlyUsd.peak, "spot compute makes the peak cheaper than on demand");
        assert.ok(cost.allOnDemand.savingsPercent.peak > 0);
        assert.ok(cost.warmCapacity.nodes > 0 && cost.warmCapacity.monthlyUsd > 0, "prod keeps headroom warm beyond the steady need");
        assert.match(runs.prod!.stdout, /All on demand: \$[\d,.]+ steady, \$[\d,.]+ peak; spot saves [\d.]+ % \/ [\d.]+ %/);
        assert.match(runs.prod!.stdout, new RegExp(`Warm capacity: ${cost.warmCapacity.nodes} workload node\\(s\\) kept beyond what steady state needs \\(floors, headroom\\)`));
    });

    describe("against a base plan", () => {
        let head: PlanRun;
        let markdown: string;

        before(() => {
            const config = path.join(work, "five-shards.yaml");
            const stackFile = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("\n    shards: 4\n", "\n    shards: 5\n");
            assert.match(stackFile, /\n {4}shards: 5\n/);
            fs.writeFileSync(config, stackFile);
            const report = path.join(work, "report.md");
            head = runPlan(["prod", "--config", config, "--out", path.join(work, "head"), "--against", path.join(out, "prod", "plan.json"), "--markdown", report]);
            markdown = fs.readFileSync(report, "utf8");
        });

        it("prints the monthly change per component: one more shard adds to postgres only", () => {
            assert.equal(head.status, 0, head.stderr);
            const row = (name: string) => new RegExp(`\\n {2}${name} +\\$[\\d,.]+ +\\$[\\d,.]+ +(\\S+) +(\\S+)\\n`).exec(head.stdout);
            assert.match(row("postgres")?.[1] ?? "", /^\+\$[\d,]+\.\d\d$/);
            assert.equal(row("redis")?.[1], "$0.00");
            assert.equal(row("network")?.[1], "$0.00");
        });

        it("puts a cost section in the pull-request report after DATA RISK and the violations, before the changes", () => {
            const cost = markdown.indexOf("### 💰 Monthly cost");
            assert.ok(cost > 0, markdown.slice(0, 500));
            assert.ok(cost < markdown.indexOf("### Changes by region"));
            assert.match(markdown, /This change: \*\*\+\$[\d,]+\.\d\d\*\* a month at steady state, \*\*\+\$[\d,]+\.\d\d\*\* at peak\./);
            assert.match(markdown, /\| component \| steady \| peak \| Δ steady \| Δ peak \|\n\|---\|---:\|---:\|---:\|---:\|\n\| network \| \$[\d,.]+ \| \$[\d,.]+ \| \$0\.00 \| \$0\.00 \|/);
            assert.match(markdown, /\| postgres \| \$[\d,.]+ \| \$[\d,.]+ \| \+\$[\d,.]+ \| \+\$[\d,.]+ \|/);
            assert.match(markdown, /<details><summary>Not counted<\/summary>/);
        });
    });

    it("fails prod over its budget with a mandatory strata-budget violation naming the setting", () => {
        const config = path.join(work, "tight.yaml");
        fs.writeFileSync(config, fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("maxMonthlyUsd: { steady: 60000, peak: 100000 }", "maxMonthlyUsd: { steady: 60000, peak: 20000 }"));
        const run = runPlan(["prod", "--config", config, "--out", path.join(work, "tight")]);
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stdout, /\[mandatory\] strata-budget: the estimate at peak state, \$[\d,.]+ a month \(and \d+ charge\(s\) are not even counted\), exceeds strata:cost\.budget\.maxMonthlyUsd\.peak \(\$20,000\.00\) by \$[\d,.]+; the largest components are /);
        assert.doesNotMatch(run.stdout, /strata-budget: the estimate at steady/);
        const violation = readPlan(path.join(work, "tight"), "prod").policies.violations.find((v) => v.policy === "strata-budget");
        assert.equal(violation?.urn, "urn:pulumi:prod::strata::pulumi:pulumi:Stack::strata-prod", "a stack-level finding names the stack");
    });
});
