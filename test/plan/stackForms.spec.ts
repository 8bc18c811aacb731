import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NAMESPACE, SECRET_SETTINGS, parseStackConfig, strataSettings } from "../../stacks/config";
import { PlanFile } from "../../tools/plan/contract";
import { OFFLINE_STAND_INS } from "../../tools/plan/inputs";
import { readStackFile } from "../../tools/plan/stackFile";
import { runPlan } from "../planCommand";

/*
 * Every form a real stack file takes, through `npm run plan` as a user runs it: encrypted values (as `pulumi config
 * set --secret` writes them), JSON-string values (as `pulumi config set` writes them), the secrets provider's keys,
 * Pulumi ESC imports, and the project's own `config:` in Pulumi.yaml.
 */

const root = path.resolve(__dirname, "..", "..");
const prodFile = fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8");
const CIPHERTEXT = "v1:3q2+7w4AAAAAAAAAbQ==";

const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])) : []);
const readPlan = (dir: string): PlanFile => JSON.parse(fs.readFileSync(path.join(dir, "prod", "plan.json"), "utf8")) as PlanFile;

describe("npm run plan: every form a stack file takes", function () {
    this.timeout(600_000);
    let dir: string;
    const write = (name: string, text: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-forms-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("takes an encrypted webhook as present, says once on stderr that it could not check it, and writes neither it nor its stand-in", () => {
        const config = write("secret.yaml", `secretsprovider: awskms://alias/strata-prod\nencryptedkey: AQICAHh=\nencryptionsalt: v1:abc\n${prodFile}  strata:alertWebhookUrl:\n    secure: ${CIPHERTEXT}\n`);
        const out = path.join(dir, "secret-out");
        const run = runPlan(["prod", "--config", config, "--out", out, "--quiet", "--markdown", path.join(out, "report.md")]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr.trim(), "Not checked offline: strata:alertWebhookUrl (stored encrypted; present, and checked by `pulumi up`, which decrypts it).");
        for (const file of filesUnder(out)) {
            const text = fs.readFileSync(file, "utf8");
            for (const leak of [CIPHERTEXT, OFFLINE_STAND_INS.alertWebhookUrl]) assert.ok(!text.includes(leak), `${file} holds ${leak}`);
        }
        const webhooks = readPlan(out).resources.filter((r) => r.type === "kubernetes:core/v1:Secret" && r.name.endsWith("-alert-webhook"));
        assert.equal(webhooks.length, 3, "Alertmanager's webhook Secret in every region");
        for (const secret of webhooks) assert.equal(secret.inputs.stringData, "[secret]");
    });

    it("refuses an encrypted setting the plan must read, naming it and why it must stay plain; writes nothing", () => {
        const config = write("secure-shards.yaml", prodFile.replace("    shards: 4\n", `    shards:\n      secure: ${CIPHERTEXT}\n`));
        const out = path.join(dir, "shards-out");
        const run = runPlan(["prod", "--config", config, "--out", out]);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /strata:postgres: is stored encrypted \(secure:\), but it decides what the stack creates, so the offline plan, the policy pack and reviewers must read it: store it in plain text \(`pulumi config set strata:postgres …` without --secret\); only alertWebhookUrl may be a secret/);
        assert.ok(!run.stderr.includes(CIPHERTEXT));
        assert.deepEqual(filesUnder(out), []);
    });

    it("answers Pulumi ESC imports with what it cannot resolve and how to plan anyway", () => {
        const config = write("esc.yaml", `environment:\n  - strata/prod-secrets\n  - strata/shared\n${prodFile}`);
        const run = runPlan(["prod", "--config", config, "--out", path.join(dir, "esc-out")]);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /imports Pulumi ESC environment\(s\) strata\/prod-secrets, strata\/shared \(environment:\), whose values live in Pulumi Cloud, which the offline plan cannot reach\. To plan anyway, .* pass it with --config FILE\./);
    });

    it("reads a JSON-string value as `pulumi config set` writes it, planning exactly what the YAML form plans", () => {
        const yamlForm = "  strata:network:\n    azCount: 3\n    natGateways: perAz\n";
        assert.ok(prodFile.includes(yamlForm));
        const config = write("json.yaml", prodFile.replace(yamlForm, `  strata:network: '{"azCount":3,"natGateways":"perAz"}'\n`));
        const [jsonOut, yamlOut] = [path.join(dir, "json-out"), path.join(dir, "yaml-out")];
        assert.equal(runPlan(["prod", "--config", config, "--out", jsonOut, "--quiet"]).status, 0);
        assert.equal(runPlan(["prod", "--out", yamlOut, "--quiet"]).status, 0);
        assert.deepEqual(readPlan(jsonOut).resources, readPlan(yamlOut).resources);
    });

    it("merges the project's config (Pulumi.yaml) under the stack file's, with the stack's value winning", () => {
        const project = path.join(dir, "project");
        fs.mkdirSync(project);
        fs.writeFileSync(
            path.join(project, "Pulumi.yaml"),
            [
                "name: strata",
                "runtime: nodejs",
                "config:",
                "  # A project key declared with a default, a namespaced value, an object under value:, and one the stack overrides.",
                "  environment:",
                "    type: string",
                "    default: dev",
                "  strata:cost:",
                "    value:",
                "      budget: { maxMonthlyUsd: { steady: 1234, peak: 2345 } }",
                "  strata:edge:",
                "    value: { mode: accelerator }",
                "",
            ].join("\n"),
        );
        const stack = prodFile.replace("  strata:environment: prod\n", "").replace(/ {2}strata:cost:\n(?: {4}.*\n| *#.*\n)*/, "");
        assert.ok(!stack.includes("strata:environment") && !stack.includes("strata:cost"));
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), `${stack}  strata:environment: prod\n`);
        const out = path.join(dir, "project-out");
        const run = runPlan(["prod", "--out", out, "--quiet"], project);
        assert.equal(run.status, 1, run.stderr);
        const cost = readPlan(out).cost;
        assert.deepEqual(cost?.budget, { maxMonthlyUsd: { steady: 1234, peak: 2345 }, enforcement: "mandatory" }, "the project's value, the stack's environment");
        assert.match(run.stdout, /strata-budget: the estimate at steady state/);
    });

    it("reads a bare map in the project's config as a mistake, saying to nest it under value:", () => {
        const project = path.join(dir, "bare");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: strata\nruntime: nodejs\nconfig:\n  strata:cost:\n    budget: {}\n");
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), prodFile);
        const run = runPlan(["prod", "--out", path.join(dir, "bare-out")], project);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /Pulumi\.yaml: config\.strata:cost: an object value must be nested under `value:`/);
    });

    it("gives every secret setting a stand-in its own validation accepts", () => {
        const settings = strataSettings(readStackFile(path.join(root, "Pulumi.prod.yaml")).values);
        for (const key of SECRET_SETTINGS) {
            const result = parseStackConfig({ ...settings, [key]: OFFLINE_STAND_INS[key] }, "prod", [`${NAMESPACE}:${key}`]);
            assert.ok(result.ok, result.ok ? "" : result.errors.join("\n"));
        }
    });
});
