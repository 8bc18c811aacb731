import * as fs from "fs";
import * as path from "path";
import { parseStackArgs } from "../args";
import { diagnose, SETTING_LABEL } from "../../capacity/dynamics/bottleneck";
import { renderChart } from "../../capacity/dynamics/chart";
import { PROFILES, ProfileName } from "../../capacity/dynamics/load";
import { simulate } from "../../capacity/dynamics/simulate";
import { ScaleUpConfig, scaleUpTime, simulationInput } from "../../policies/rules/dynamics";
import { clusterScenarios } from "../../policies/rules/scenarios";
import { EXIT } from "../plan/contract";
import { runProgram } from "../plan/engine";
import { InvalidInput, readCheckedStack, readPackConfig } from "../plan/inputs";
import { configured, resolve } from "../plan/policyRunner";
import { Row, renderTable } from "./table";

const USAGE = "usage: npm run simulate -- <stack> [--service NAME] [--profile burst|ramp|workday] [--config FILE] [--out DIR]";

export interface SimulateOptions {
    readonly stack: string;
    readonly service?: string;
    readonly profile: ProfileName;
    readonly configFile: string;
    readonly outDir: string;
}

/** Parses the command line; throws a message naming the bad argument. */
export function parseArgs(argv: readonly string[], cwd: string): SimulateOptions {
    const { stack, values } = parseStackArgs(argv, { values: ["service", "profile", "config", "out"], switches: [] }, USAGE);
    const profileName = values.profile ?? "burst";
    const profile = PROFILES.find((p) => p === profileName);
    if (!profile) throw new Error(`--profile ${profileName}: choose one of ${PROFILES.join(", ")}`);
    return {
        stack,
        profile,
        configFile: path.resolve(cwd, values.config ?? `Pulumi.${stack}.yaml`),
        outDir: path.resolve(cwd, values.out ?? "out/simulate"),
        ...(values.service ? { service: values.service } : {}),
    };
}

async function run(options: SimulateOptions): Promise<number> {
    const { stackFile, config: platform } = readCheckedStack(options.configFile, options.stack);
    // The rule's settings for this environment: the CLI and `npm run plan` simulate the same thing.
    const config = configured(scaleUpTime, readPackConfig(platform.environment)).values as unknown as ScaleUpConfig;
    const known = Object.keys(platform.services);
    if (options.service && !known.includes(options.service)) throw new InvalidInput(`--service ${options.service}: the stack has no such service; it has ${known.join(", ")}`);

    const program = await runProgram(options.stack, stackFile);
    const scenarios = clusterScenarios(resolve(program.revealed).resources, config);
    const target = path.join(options.outDir, options.stack, options.profile);
    fs.mkdirSync(target, { recursive: true });
    const bounded = options.profile !== "workday";
    const rows: Row[] = [];
    const charts: string[] = [];
    for (const scenario of scenarios) {
        const input = simulationInput(scenario, config, options.profile);
        const result = simulate(input);
        for (const service of result.services) {
            const s = scenario.services.find((x) => x.name === service.service.name);
            if (!s || (options.service && s.name !== options.service)) continue;
            const checkedHere = bounded && s.userFacing && s.declared;
            const late = checkedHere && (service.timeToCapacity === undefined || service.timeToCapacity > config.boundSeconds);
            const bottleneck = late ? diagnose(input, s.name).bottleneck : undefined;
            rows.push({
                region: scenario.region,
                service: s.name,
                declared: s.declared,
                userFacing: s.userFacing,
                run: service,
                nodesStart: result.nodes[0]?.nodes ?? 0,
                nodesPeak: Math.max(0, ...result.nodes.map((n) => n.nodes)),
                verdict: !checkedHere ? "—" : late ? `over ${config.boundSeconds} s` : "ok",
                bottleneck: bottleneck ? SETTING_LABEL[bottleneck.setting] : "",
            });
            const file = path.join(target, `${scenario.region}-${s.name}.svg`);
            fs.writeFileSync(
                file,
                renderChart(service, result, {
                    title: `${options.stack} · ${scenario.region} · ${s.name} · ${options.profile}${s.declared ? ` to ${s.peakRps} req/s` : " (no throughput declared: held at its floor)"}`,
                    ...(bounded ? { boundSeconds: config.boundSeconds } : {}),
                }),
            );
            charts.push(path.relative(process.cwd(), file));
        }
    }
    const table = renderTable(rows, options.profile, config);
    fs.writeFileSync(path.join(target, "table.txt"), table);
    console.log(`${table}\nWrote ${path.relative(process.cwd(), path.join(target, "table.txt"))} and ${charts.length} chart(s) in ${path.relative(process.cwd(), target)}.`);
    return rows.some((r) => r.verdict.startsWith("over")) ? EXIT.mandatoryViolation : EXIT.ok;
}

function fail(error: unknown): never {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof InvalidInput ? message : `The simulation failed.\n${message}`);
    process.exit(EXIT.invalid);
}

if (require.main === module) {
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    try {
        run(parseArgs(process.argv.slice(2), process.cwd())).then((code) => process.exit(code), fail);
    } catch (error) {
        fail(new InvalidInput((error as Error).message));
    }
}
