import * as pulumi from "@pulumi/pulumi";

/** The floor: as many plain resources as a Strata stack registers, through the same engine, with no components. */
class Plain extends pulumi.CustomResource {
    constructor(name: string, index: number) {
        super("bench:index:Plain", name, { index });
    }
}

const count = Number(process.env.BENCH_RESOURCES ?? "0");
for (let i = 0; i < count; i++) new Plain(`plain-${i}`, i);
