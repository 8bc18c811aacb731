import { strict as assert } from "assert";
import * as path from "path";
import { main } from "../../tools/addons/cli";
import { AddonVersionsPage, DescribeAddonVersions, defaultVersion, propose, renderProposal } from "../../tools/addons/pins";
import { InvalidInput } from "../../tools/plan/inputs";

/*
 * npm run addon-pins against a stubbed DescribeAddonVersions: the default is the version EKS marks as default for
 * the Kubernetes version (not the newest), pages are followed, and the output is the YAML a person pastes.
 */

const root = path.resolve(__dirname, "..", "..");

/** A stub EKS answering from a table: addon → versions with the Kubernetes versions they are default for. */
function stubEks(table: Record<string, { version: string; defaultFor: string[]; compatible: string[] }[]>, pageSize = 100): { describe: DescribeAddonVersions; calls: { addonName: string; kubernetesVersion: string; nextToken?: string }[] } {
    const calls: { addonName: string; kubernetesVersion: string; nextToken?: string }[] = [];
    const describe: DescribeAddonVersions = async (input) => {
        calls.push(input);
        const all = (table[input.addonName] ?? []).filter((v) => v.compatible.includes(input.kubernetesVersion));
        const start = Number(input.nextToken ?? 0);
        const slice = all.slice(start, start + pageSize);
        const page: AddonVersionsPage = {
            addons: [
                {
                    addonName: input.addonName,
                    addonVersions: slice.map((v) => ({ addonVersion: v.version, compatibilities: v.compatible.map((k) => ({ clusterVersion: k, defaultVersion: v.defaultFor.includes(k) })) })),
                },
            ],
            ...(start + pageSize < all.length ? { nextToken: String(start + pageSize) } : {}),
        };
        return page;
    };
    return { describe, calls };
}

const EKS = {
    "vpc-cni": [
        { version: "v1.21.0-eksbuild.1", defaultFor: [], compatible: ["1.33", "1.34"] },
        { version: "v1.20.4-eksbuild.1", defaultFor: ["1.33", "1.34"], compatible: ["1.33", "1.34"] },
    ],
    "kube-proxy": [
        { version: "v1.34.1-eksbuild.2", defaultFor: ["1.34"], compatible: ["1.34"] },
        { version: "v1.33.5-eksbuild.2", defaultFor: ["1.33"], compatible: ["1.33"] },
    ],
    coredns: [{ version: "v1.12.4-eksbuild.1", defaultFor: ["1.33", "1.34"], compatible: ["1.33", "1.34"] }],
    "aws-ebs-csi-driver": [{ version: "v1.56.0-eksbuild.1", defaultFor: ["1.33"], compatible: ["1.33"] }],
};

describe("npm run addon-pins", () => {
    it("takes the version EKS marks default for the Kubernetes version, not the newest, following pages", async () => {
        const { describe, calls } = stubEks(EKS, 1);
        assert.equal(await defaultVersion(describe, "vpc-cni", "1.33"), "v1.20.4-eksbuild.1");
        assert.deepEqual(calls, [
            { addonName: "vpc-cni", kubernetesVersion: "1.33" },
            { addonName: "vpc-cni", kubernetesVersion: "1.33", nextToken: "1" },
        ]);
        assert.equal(await defaultVersion(describe, "aws-ebs-csi-driver", "1.34"), undefined);
    });

    it("proposes one block per Kubernetes version, noting each pin that would change", async () => {
        const { describe } = stubEks(EKS);
        const proposals = await propose(describe, [
            { name: "us-east-1", kubernetesVersion: "1.33" },
            { name: "eu-west-1", kubernetesVersion: "1.33" },
        ]);
        const pins = { vpcCni: "v1.20.1-eksbuild.3", kubeProxy: "v1.33.5-eksbuild.2", coredns: "v1.12.3-eksbuild.1", ebsCsiDriver: "v1.56.0-eksbuild.1" };
        assert.equal(
            renderProposal("prod", pins, proposals),
            [
                "# EKS default add-on versions for stack prod (DescribeAddonVersions). Review, then paste under config: in Pulumi.prod.yaml.",
                "# Kubernetes 1.33 (us-east-1, eu-west-1)",
                "strata:cluster:",
                "  addonVersions:",
                "    vpcCni: v1.20.4-eksbuild.1  # pinned now: v1.20.1-eksbuild.3",
                "    kubeProxy: v1.33.5-eksbuild.2",
                "    coredns: v1.12.4-eksbuild.1  # pinned now: v1.12.3-eksbuild.1",
                "    ebsCsiDriver: v1.56.0-eksbuild.1",
            ].join("\n"),
        );
    });

    it("reads the real prod stack and asks its primary region once per add-on", async () => {
        const { describe, calls } = stubEks(EKS);
        const regions: string[] = [];
        const text = await main(["prod"], root, (region) => {
            regions.push(region);
            return describe;
        });
        assert.deepEqual(regions, ["us-east-1"]);
        assert.deepEqual(calls.map((c) => `${c.addonName}@${c.kubernetesVersion}`).sort(), ["aws-ebs-csi-driver@1.33", "coredns@1.33", "kube-proxy@1.33", "vpc-cni@1.33"]);
        assert.match(text, /^# Kubernetes 1\.33 \(us-east-1, eu-west-1, ap-southeast-1\)$/m);
        assert.match(text, /^ {4}kubeProxy: v1\.33\.5-eksbuild\.2$/m);
    });

    it("without credentials says so and how to get a proposal, as bad input", async () => {
        const noCredentials: DescribeAddonVersions = async () => {
            throw new Error("Could not load credentials from any providers");
        };
        await assert.rejects(
            main(["dev"], root, () => noCredentials),
            (error: unknown) => error instanceof InvalidInput && /could not ask EKS for its default add-on versions in us-east-1 \(Could not load credentials from any providers\)/.test(error.message),
        );
    });
});
