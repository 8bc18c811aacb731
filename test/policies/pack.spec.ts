import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { servedPort } from "./packServer";

const root = path.resolve(__dirname, "..", "..");

describe("the policy pack", function () {
    this.timeout(60_000);

    it("starts as a real CrossGuard pack in a process of its own (new PolicyPack serves gRPC and prints its port)", async () => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", "require('./index.ts')"], {
            // The pack's own tsconfig, as the Pulumi CLI would find it from the pack's folder.
            cwd: path.join(root, "policies"),
            env: { ...process.env, TS_NODE_PROJECT: path.join(root, "policies", "tsconfig.json") },
        });
        try {
            const port = await servedPort(child);
            assert.ok(Number(port) > 0);
        } finally {
            child.kill();
        }
    });
});
