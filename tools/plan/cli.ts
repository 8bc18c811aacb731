import * as path from "path";
import { parseStackArgs } from "../args";
import { strataPolicies } from "../../policies/rules";
import { EXIT, PLAN_VERSION, PlanFile } from "./contract";
import { PROJECT, runProgram } from "./engine";
import { budgetViolations, planCost, planCostDelta } from "./cost";
import { costText } from "./costReport";
import { diffPlans, renderDiffText } from "./diff";
import { renderManifests } from "./manifests";
import { renderMarkdown } from "./markdown";
import * as fs from "fs";
import { InvalidInput, readCheckedStack, readPackConfig, uncheckedNotice } from "./inputs";
import { hasMandatoryViolation, runPolicies } from "./policyRunner";
import { summarize } from "./summary";
import { writePlan } from "./writer";

const USAGE = "usage: npm run plan -- <stack> [--config FILE] [--out DIR] [--against BASE_PLAN_JSON [--allow-replace NAME[,NAME…]]] [--markdown FILE] [--quiet]";

export interface PlanOptions {
    readonly stack: string;
    readonly configFile: string;
    readonly outDir: string;
    readonly quiet: boolean;
    /** An earlier plan.json to compare with. */
    readonly against?: string;
    /** Where to write the pull-request report. */
    readonly markdown?: string;
    /** Resources (logical names or URNs) whose refused replacement the change means (`--allow-replace`). */
    readonly allowReplace: readonly string[];
}

/** Parses the command line; throws a message naming the bad argument. */
export function parseArgs(argv: readonly string[], cwd: string): PlanOptions {
    const { stack, values, switches } = parseStackArgs(argv, { values: ["config", "out", "against", "markdown", "allow-replace"], switches: ["quiet"] }, USAGE);
    const { config: configFile, out: outDir = "out/plan", against, markdown } = values;
    const allowReplace = (values["allow-replace"] ?? "").split(",").map((n) => n.trim()).filter((n) => n.length > 0);
    if (allowReplace.length > 0 && !against) throw new Error(`--allow-replace acknowledges a replacement found against a base plan: give --against too\n${USAGE}`);
    const quiet = switches.has("quiet");
    return {
        stack,
        configFile: path.resolve(cwd, configFile ?? `Pulumi.${stack}.yaml`),
        outDir: path.resolve(cwd, outDir),
        quiet,
        allowReplace,
        ...(against ? { against: path.resolve(cwd, against) } : {}),
        ...(markdown ? { markdown: path.resolve(cwd, markdown) } : {}),
    };
}

function readBasePlan(file: string): PlanFile {
    let plan: PlanFile;
    try {
        plan = JSON.parse(fs.readFileSync(file, "utf8")) as PlanFile;
    } catch (error) {
        throw new InvalidInput(`--against ${file}: not a readable plan.json (${(error as Error).message})`);
    }
    if (plan.version !== PLAN_VERSION || !Array.isArray(plan.resources)) throw new InvalidInput(`--against ${file}: not a version ${PLAN_VERSION} plan.json`);
    return plan;
}

async function plan(options: PlanOptions): Promise<number> {
    const { stackFile, config, unchecked } = readCheckedStack(options.configFile, options.stack);
    const notice = uncheckedNotice(unchecked);
    if (notice) console.error(notice);
    const base = options.against ? readBasePlan(options.against) : undefined;

    const run = await runProgram(options.stack, stackFile);
    const packConfig = readPackConfig(config.environment);
    const pack = await runPolicies(strataPolicies, run.revealed, packConfig);
    const cost = planCost(run.resources, config.cost, config.environment, packConfig);
    const budget = budgetViolations(run, cost);
    const policies = { evaluated: pack.evaluated + (cost.budget ? 1 : 0), violations: [...pack.violations, ...budget] };
    const planFile: PlanFile = { version: PLAN_VERSION, project: PROJECT, stack: options.stack, resources: run.resources, outputs: run.outputs, policies, cost };
    const manifests = renderManifests(run.resources);
    const target = writePlan(options.outDir, planFile, manifests);
    const diff = base ? diffPlans(base, planFile, { allowReplace: options.allowReplace }) : undefined;
    const delta = base ? planCostDelta(base, cost, config.cost, config.environment, packConfig) : undefined;
    if (options.markdown) fs.writeFileSync(options.markdown, renderMarkdown(planFile, diff, delta));
    const report = [summarize(planFile), costText(cost, delta), ...(diff ? [renderDiffText(diff)] : []), `Wrote ${path.relative(process.cwd(), path.join(target, "plan.json"))} and ${manifests.length} manifest(s).`].join("\n\n");
    // A refused replacement (re-addressing a live region's VPC) fails the plan like a mandatory violation.
    const failed = hasMandatoryViolation(policies) || (diff?.refused.length ?? 0) > 0;
    if (!options.quiet || failed) console.log(report);
    return failed ? EXIT.mandatoryViolation : EXIT.ok;
}

function fail(error: unknown): never {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof InvalidInput ? message : `The program failed; nothing was written.\n${message}`);
    process.exit(EXIT.invalid);
}

if (require.main === module) {
    // Errors inside Pulumi outputs surface as rejections outside the main promise chain.
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    try {
        const options = parseArgs(process.argv.slice(2), process.cwd());
        plan(options).then((code) => process.exit(code), fail);
    } catch (error) {
        fail(new InvalidInput((error as Error).message));
    }
}
