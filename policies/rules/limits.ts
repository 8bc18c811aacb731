import { StackValidationPolicy } from "@pulumi/policy";
import { Autoname, NameLimit, limitsFor } from "../../catalog/nameLimits";
import { isRecord, str } from "./util";

/** What the check needs of a planned resource: its type, logical name and inputs. */
export interface NamedResource {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
}

/** The value at a dot-separated input path, or undefined when any step is missing. */
function at(props: Record<string, unknown>, path: string): unknown {
    let value: unknown = props;
    for (const step of path.split(".")) {
        if (!isRecord(value)) return undefined;
        value = value[step];
    }
    return value;
}

/** A stand-in for the random part of an autoname: hex digits, so only the logical name decides the rules. */
const randomPart = (autoname: Autoname) => "-" + "0".repeat(autoname.suffixLength - 1);

const kindOf = (type: string) => type.slice(type.lastIndexOf(":") + 1);

function broken(value: string, limit: NameLimit): string[] {
    const problems: string[] = [];
    if (limit.maxLength !== undefined && value.length > limit.maxLength) problems.push(`is ${value.length} characters; the limit is ${limit.maxLength}`);
    if (limit.minLength !== undefined && value.length < limit.minLength) problems.push(`is ${value.length} characters; it needs at least ${limit.minLength}`);
    for (const rule of limit.rules) if (!rule.must.test(value)) problems.push(rule.says);
    return problems;
}

function explicitProblems(subject: string, value: string, limit: NameLimit): string[] {
    return broken(value, limit).map((problem) => `${subject}: ${limit.field} "${value}" ${problem}; make the ${limit.what} fit`);
}

function prefixProblems(subject: string, value: string, limit: NameLimit, prefix: { field: string; maxLength: number }): string[] {
    if (value.length <= prefix.maxLength) return [];
    return [`${subject}: ${prefix.field} "${value}" is ${value.length} characters; the limit is ${prefix.maxLength} (the provider appends a unique suffix up to the ${limit.what}'s limit); shorten it`];
}

function autonameProblems(subject: string, logical: string, limit: NameLimit, autoname: Autoname): string[] {
    const prefix = autoname.prefix ?? "";
    const generated = prefix + (autoname.lowercase ? logical.toLowerCase() : logical) + randomPart(autoname);
    // Pulumi's cap counts the name before its fixed prefix is added; the service's limit counts the whole name.
    const pulumiCap = autoname.pulumiMaxLength === undefined ? undefined : autoname.pulumiMaxLength + prefix.length;
    const caps = [pulumiCap, limit.maxLength].filter((n): n is number => n !== undefined);
    const problems: string[] = [];
    if (caps.length > 0 && generated.length > Math.min(...caps)) {
        const cap = Math.min(...caps);
        const when = pulumiCap === cap ? "Pulumi caps this autoname there, so pulumi preview fails" : "the provider or the service rejects it";
        problems.push(
            `${subject}: ${limit.field} is not set, so Pulumi autonames it "${prefix + logical}" + its ${autoname.suffixLength}-character random suffix = ${generated.length} characters; ` +
                `the limit is ${cap} (${when}); set an explicit ${limit.field} of at most ${limit.maxLength ?? cap} characters, or shorten the logical name to at most ${Math.max(cap - generated.length + logical.length, 0)}`,
        );
    }
    for (const rule of limit.rules) {
        if (!rule.must.test(generated)) problems.push(`${subject}: ${limit.field} is not set, so Pulumi autonames it from the logical name "${logical}", and that ${rule.says}; set an explicit ${limit.field}`);
    }
    return problems;
}

/**
 * Every name problem of one planned resource, each a sentence that names the resource, the field, the length and
 * the limit, and says how to fix it. Pure: the rule and the tests call it on plan resources.
 */
export function nameProblems(resource: NamedResource): string[] {
    const subject = `${kindOf(resource.type)} ${resource.name}`;
    return limitsFor(resource.type).flatMap((limit) => {
        const value = at(resource.props, limit.field);
        if (typeof value === "string") return explicitProblems(subject, value, limit);
        const prefix = limit.prefixField && str(at(resource.props, limit.prefixField.field));
        if (limit.prefixField && prefix !== undefined) return prefixProblems(subject, prefix, limit, limit.prefixField);
        if (value === undefined && limit.autoname) return autonameProblems(subject, resource.name, limit, limit.autoname);
        return [];
    });
}

/**
 * A name AWS or Kubernetes rejects fails the deploy halfway through (or, where Pulumi caps the autoname, fails the
 * preview) in whichever region has the longest name. Checked over the whole plan, explicit names and autonames
 * alike, against catalog/nameLimits.ts.
 */
export const nameLimits: StackValidationPolicy = {
    name: "strata-name-limits",
    description: "Every planned name and identifier, explicit or autonamed (logical name plus Pulumi's suffix), fits its type's length and character limits.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const resource of args.resources) {
            for (const message of nameProblems(resource)) reportViolation(message, resource.urn);
        }
    },
};
