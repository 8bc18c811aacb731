import { ChildProcessWithoutNullStreams } from "child_process";

/** The port a CrossGuard pack process prints once it serves gRPC; rejects with its output if it exits first. */
export function servedPort(child: ChildProcessWithoutNullStreams): Promise<string> {
    return new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            const match = /^(\d+)\s*$/m.exec(output);
            if (match?.[1]) resolve(match[1]);
        });
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving:\n${output}`)));
    });
}
