import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";

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
            const port = await new Promise<string>((resolve, reject) => {
                let output = "";
                child.stdout.on("data", (chunk: Buffer) => {
                    output += chunk.toString();
                    const match = /^(\d+)\s*$/m.exec(output);
                    if (match?.[1]) resolve(match[1]);
                });
                child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
                child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving:\n${output}`)));
            });
            assert.ok(Number(port) > 0);
        } finally {
            child.kill();
        }
    });
});
