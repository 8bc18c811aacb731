import { strict as assert } from "assert";
import { auroraMaxConnections } from "../../capacity/databases";
import { allocatable, groupAllocatable } from "../../capacity/instances";
import { CACHE_NODE_TYPES } from "../../catalog/cacheNodeTypes";
import { DB_CLASSES } from "../../catalog/dbClasses";
import { EKS_AS_OF, EKS_VERSIONS, offeredVersions } from "../../catalog/eks";
import { INSTANCE_TYPES } from "../../catalog/instanceTypes";
import { REGIONS, eksZones } from "../../catalog/regions";
import { Source } from "../../catalog/source";
import { PRESETS } from "../../stacks/presets";

const sourced = (what: string, sources: readonly Source[]) => {
    assert.ok(sources.length > 0, `${what} has no source`);
    for (const s of sources) {
        assert.match(s.url, /^https:\/\/\S+$/, `${what}: source url ${s.url}`);
        assert.match(s.checked, /^\d{4}-\d{2}-\d{2}$/, `${what}: checked ${s.checked}`);
    }
};

/** "us-east-1" → "use1", "ap-southeast-1" → "apse1": the AZ id prefix AWS derives from a region code. */
function azIdPrefix(region: string): string {
    const [area, direction, number] = region.split("-") as [string, string, string];
    const compass: Record<string, string> = { north: "n", south: "s", east: "e", west: "w", central: "c", northeast: "ne", southeast: "se", northwest: "nw", southwest: "sw" };
    return `${area}${compass[direction] ?? "?"}${number}`;
}

const addMonths = (date: string, months: number) => {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) + months;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

describe("catalog", () => {
    describe("every row carries its source", () => {
        it("regions", () => Object.entries(REGIONS.rows).forEach(([name, r]) => sourced(name, r.sources)));
        it("EKS versions", () => EKS_VERSIONS.rows.forEach((v) => sourced(v.version, [v.source])));
        it("instance types", () => Object.entries(INSTANCE_TYPES.rows).forEach(([name, t]) => sourced(name, t.sources)));
        it("DB classes", () => Object.entries(DB_CLASSES.rows).forEach(([name, c]) => sourced(name, c.sources)));
        it("cache node types", () => Object.entries(CACHE_NODE_TYPES.rows).forEach(([name, c]) => sourced(name, c.sources)));
    });

    describe("regions", () => {
        it("zone ids carry their region's prefix and zone names their region's name", () => {
            for (const [region, facts] of Object.entries(REGIONS.rows)) {
                for (const zone of facts.zones) {
                    assert.match(zone.id, new RegExp(`^${azIdPrefix(region)}-az\\d$`), `${region}: ${zone.id}`);
                    assert.match(zone.name, new RegExp(`^${region}[a-z]$`), `${region}: ${zone.name}`);
                }
                for (const id of facts.eksUnsupportedZoneIds) assert.ok(id.startsWith(`${azIdPrefix(region)}-az`), `${region}: ${id}`);
                assert.equal(new Set(facts.zones.map((z) => z.id)).size, facts.zones.length, `${region}: a zone id twice`);
            }
        });

        it("every region leaves EKS at least the two zones a cluster needs", () => {
            for (const region of Object.keys(REGIONS.rows)) assert.ok(eksZones(region).length >= 2, region);
        });

        it("us-east-1 has six zones, and a cluster may use five: EKS refuses use1-az3", () => {
            assert.equal(REGIONS.rows["us-east-1"]?.zones.length, 6);
            assert.deepEqual(eksZones("us-east-1").map((z) => z.id).sort(), ["use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6"]);
        });

        it("the prod regions have three zones each", () => {
            for (const region of ["us-east-1", "eu-west-1", "ap-southeast-1"]) assert.ok((REGIONS.rows[region]?.zones.length ?? 0) >= 3, region);
            assert.deepEqual(REGIONS.rows["ap-southeast-1"]?.zones.map((z) => z.id), ["apse1-az1", "apse1-az2", "apse1-az3"]);
        });
    });

    describe("EKS versions", () => {
        it("extended support ends 12 months after standard support", () => {
            for (const v of EKS_VERSIONS.rows) assert.equal(v.endOfExtendedSupport, addMonths(v.endOfStandardSupport, 12), v.version);
        });

        it(`offers 1.32 to 1.36 as of ${EKS_AS_OF}, and no longer 1.31 (extended support ended 2026-11-26)`, () => {
            assert.deepEqual(offeredVersions().map((v) => v.version), ["1.36", "1.35", "1.34", "1.33", "1.32"]);
            assert.ok(offeredVersions("2026-11-25").some((v) => v.version === "1.31"));
        });

        it("offers the presets' Kubernetes version", () => {
            for (const env of ["dev", "prod"] as const) assert.ok(offeredVersions().some((v) => v.version === PRESETS[env].cluster.kubernetesVersion), env);
        });
    });

    describe("instance types", () => {
        it("keep each family's memory per vCPU (m: 4 GiB, c: 2 GiB, r: 8 GiB)", () => {
            const perVcpu: Record<string, number> = { m: 4, c: 2, r: 8 };
            for (const [name, t] of Object.entries(INSTANCE_TYPES.rows)) {
                const ratio = perVcpu[name[0]!];
                if (ratio !== undefined) assert.equal(t.memoryMiB / 1024 / t.vcpu, ratio, name);
            }
        });

        it("give the EKS AMI's max pods (ENIs × (IPs per ENI − 1) + 2)", () => {
            const pods = (n: string) => INSTANCE_TYPES.rows[n]?.maxPods;
            assert.deepEqual(["t3.medium", "t3.large", "m5.large", "m6i.2xlarge", "m6i.4xlarge", "c6i.4xlarge", "m7g.large"].map(pods), [17, 35, 29, 58, 234, 234, 29]);
        });

        it("keep the capacity model's numbers for the types the stacks use", () => {
            assert.deepEqual(allocatable(INSTANCE_TYPES.rows["m6i.2xlarge"]!), { cpuMillis: 7910, memoryMiB: 32768 - (255 + 11 * 58) - 100, pods: 58 });
            assert.equal(groupAllocatable(["c6i.4xlarge", "c6a.4xlarge", "c5.4xlarge"])?.cpuMillis, 16000 - 110);
            assert.equal(groupAllocatable(["m6i.large", "m6a.large", "m5.large"])?.pods, 29);
        });
    });

    describe("DB classes", () => {
        it("give Aurora PostgreSQL's default max_connections from the class memory", () => {
            assert.deepEqual(["db.t4g.medium", "db.r6g.large", "db.r7g.xlarge", "db.r6g.2xlarge"].map(auroraMaxConnections), [450, 1802, 3604, 5000]);
        });

        it("mark the general purpose db.m classes as RDS-only", () => {
            for (const [name, c] of Object.entries(DB_CLASSES.rows)) assert.equal(c.auroraPostgres, !name.startsWith("db.m"), name);
        });
    });

    describe("cache node types", () => {
        it("are current-generation cache.* names", () => {
            for (const name of Object.keys(CACHE_NODE_TYPES.rows)) assert.match(name, /^cache\.(t3|t4g|m5|m6g|m7g|m8g|r5|r6g|r7g|r8g)\.[a-z0-9]+$/);
        });

        it("give the memory ElastiCache leaves for data: about 13 GiB on cache.r7g.large, 1.37 GiB on cache.t4g.small", () => {
            assert.equal(CACHE_NODE_TYPES.rows["cache.r7g.large"]?.maxmemoryBytes, 14037181030);
            assert.equal(CACHE_NODE_TYPES.rows["cache.t4g.small"]?.maxmemoryBytes, 1471026299);
            for (const [name, t] of Object.entries(CACHE_NODE_TYPES.rows)) assert.ok(t.maxmemoryBytes > 5e8, name);
        });

        it("run the Graviton4 families on Valkey only", () => {
            for (const [name, t] of Object.entries(CACHE_NODE_TYPES.rows)) assert.deepEqual(t.engines, /\.(m8g|r8g)\./.test(name) ? ["valkey"] : ["redis", "valkey"], name);
        });
    });
});
