import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { PlanFile } from "./contract";
import { Manifest } from "./manifests";

/**
 * Writes `DIR/<stack>/plan.json` and `manifests/` into a staging folder first and swaps it in whole,
 * so readers never see a half-written plan and a failed run leaves the previous plan untouched.
 */
export function writePlan(outDir: string, plan: PlanFile, manifests: readonly Manifest[]): string {
    const target = path.resolve(outDir, plan.stack);
    const staging = path.resolve(outDir, `.${plan.stack}.staging-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.join(staging, "manifests"), { recursive: true });
    fs.writeFileSync(path.join(staging, "plan.json"), `${JSON.stringify(plan, null, 2)}\n`);
    for (const manifest of manifests) {
        const file = path.join(staging, "manifests", manifest.path);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, stringify(manifest.object, { lineWidth: 0 }));
    }
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    return target;
}
