import * as fs from "fs";
import * as path from "path";
import { parseStackArgs } from "../args";
import { diagnose, SETTING_LABEL } from "../../capacity/dynamics/bottleneck";
import { renderChart } from "../../capacity/dynamics/chart";
import { PROFILES, ProfileName } from "../../capacity/dynamics/load";
import { simulate } from "../../capacity/dynamics/simulate";
import { PROVISIONERS, ProvisionerName } from "../../catalog/provisioners";
import { ScaleUpConfig, deadline, simulationInput } from "../../policies/rules/dynamics";
import { optimizeRegion, renderOptimization, warmCapacityLine } from "./optimize";
import { clusterScenarios } from "../../policies/rules/scenarios";
import { EXIT } from "../plan/contract";
import { runProgram } from "../plan/engine";
import { InvalidInput, readCheckedStack, readPackConfig, scaleUpSettings, uncheckedNotice } from "../plan/inputs";
import { resolve } from "../plan/policyRunner";
import { Row, renderTable } from "./table";

const USAGE = "usage: npm run simulate -- <stack> [--service NAME] [--profile burst|ramp|workday] [--provisioner cluster-autoscaler|karpenter] [--optimize] [--config FILE] [--out DIR]";

export interface SimulateOptions {
    readonly stack: string;
    readonly service?: string;
    readonly profile: ProfileName;
    /** Simulate node launches as this provisioner makes them (catalog/provisioners.ts) instead of the pack's figure. */
    readonly provisioner?: ProvisionerName;
    /** Search the cheapest warm capacity that meets the deadline, per region. */
    readonly optimize: boolean;
    readonly configFile: string;
    readonly outDir: string;
}

/** Parses the command line; throws a message naming the bad argument. */
export function parseArgs(argv: readonly string[], cwd: string): SimulateOptions {
    const { stack, values, switches } = parseStackArgs(argv, { values: ["service", "profile", "provisioner", "config", "out"], switches: ["optimize"] }, USAGE);
    const profileName = values.profile ?? "burst";
    const profile = PROFILES.find((p) => p === profileName);
    if (!profile) throw new Error(`--profile ${profileName}: choose one of ${PROFILES.join(", ")}`);
    const names = Object.keys(PROVISIONERS.rows) as ProvisionerName[];
    const provisioner = values.provisioner === undefined ? undefined : names.find((n) => n === values.provisioner);
    if (values.provisioner !== undefined && !provisioner) throw new Error(`--provisioner ${values.provisioner}: choose one of ${names.join(", ")}`);
    const optimize = switches.has("optimize");
    if (optimize && profile !== "burst") throw new Error(`--optimize searches against the burst profile: drop --profile ${profile}`);
    return {
        stack,
        profile,
        optimize,
        ...(provisioner ? { provisioner } : {}),
        configFile: path.resolve(cwd, values.config ?? `Pulumi.${stack}.yaml`),
        outDir: path.resolve(cwd, values.out ?? "out/simulate"),
        ...(values.service ? { service: values.service } : {}),
    };
}

async function run(options: SimulateOptions): Promise<number> {
    const { stackFile, config: platform, unchecked } = readCheckedStack(options.configFile, options.stack);
    const notice = uncheckedNotice(unchecked);
    if (notice) console.error(notice);
    // The rule's settings for this environment: the CLI and `npm run plan` simulate the same thing.
    const packed = scaleUpSettings(readPackConfig(platform.environment));
    const config: ScaleUpConfig = options.provisioner ? { ...packed, nodeProvisionSeconds: PROVISIONERS.rows[options.provisioner].nodeReadySeconds } : packed;
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
            const late = checkedHere && (service.timeToCapacity === undefined || service.timeToCapacity > deadline(config));
            const bottleneck = late ? diagnose(input, s.name).bottleneck : undefined;
            rows.push({
                region: scenario.region,
                service: s.name,
                declared: s.declared,
                userFacing: s.userFacing,
                run: service,
                nodesStart: result.nodes[0]?.nodes ?? 0,
                placeholders: result.nodes[0]?.placeholders ?? 0,
                nodesPeak: Math.max(0, ...result.nodes.map((n) => n.nodes)),
                verdict: !checkedHere ? "—" : late ? `over ${deadline(config)} s` : "ok",
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
    if (options.profile === "burst") {
        // What the warm capacity costs against a warm floor alone: a line always, the whole search with --optimize.
        const regions = scenarios.map((scenario) => optimizeRegion(scenario, config, platform));
        if (options.optimize) {
            const report = renderOptimization(regions, config);
            fs.writeFileSync(path.join(target, "optimize.txt"), report);
            console.log(`\n${report}`);
        } else console.log(`\n${warmCapacityLine(regions)}`);
    }
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
