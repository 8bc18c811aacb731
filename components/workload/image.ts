/* Whether a container image reference pins what runs: shared by config validation and the policy pack. */

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Why an image reference is not pinned, or undefined when it is. */
export function imagePinProblem(image: string, requireDigest: boolean): string | undefined {
    if (DIGEST.test(image)) return undefined;
    if (requireDigest) return `is not pinned to a digest (@sha256:…)`;
    // The tag follows the last ":" after the last "/" (a registry's port comes before it).
    const name = image.slice(image.lastIndexOf("/") + 1);
    const tag = name.includes(":") ? name.slice(name.lastIndexOf(":") + 1) : undefined;
    if (tag === undefined) return "has no tag: it runs whatever latest is when a node pulls it";
    if (tag === "latest") return "is tagged latest: two nodes can run different code";
    return undefined;
}
