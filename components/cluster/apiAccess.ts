import { PLATFORM_PORTS } from "../../catalog/ports";
import { cidrTextProblem } from "../network/cidr";
import { cidrLabel } from "../network/transit";

/*
 * Who may call a cluster's Kubernetes API besides its own nodes and pods: the deployer (`pulumi up` creates every
 * Kubernetes object and Helm release through that API). Each source becomes one ingress rule on the control
 * plane's own security group. Pure: no Pulumi inside.
 */

/** Port and protocol of the EKS API server endpoint. */
export const API_PORT = PLATFORM_PORTS.rows.kubernetesApi.port;
export const API_PROTOCOL = PLATFORM_PORTS.rows.kubernetesApi.protocol;

/** Security group ids: `sg-` and 8 or 17 hexadecimal digits. */
export const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** The deployer's sources, admitted on the API port. */
export interface ApiAccess {
    /** IPv4 networks the deployer calls the API from (a runner network, a VPN range). @default none */
    readonly cidrs?: readonly string[];
    /** Security groups whose members may call the API (groups this VPC can reference). @default none */
    readonly securityGroupIds?: readonly string[];
}

export interface ApiAccessProblem {
    readonly field: "cidrs" | "securityGroupIds" | undefined;
    readonly index?: number;
    /** The offending entry, when the problem is one entry's. */
    readonly value?: string;
    readonly message: string;
}

/** One ingress rule of the API group. */
export interface ApiSource {
    readonly kind: "cidr" | "group";
    readonly value: string;
    /** Stable part of the rule's logical name, from the source itself (never its position in a list). */
    readonly label: string;
}

function duplicates(values: readonly string[], field: "cidrs" | "securityGroupIds"): ApiAccessProblem[] {
    return values.flatMap((value, index) => {
        const first = values.indexOf(value);
        return first === index ? [] : [{ field, index, value, message: `is listed twice (already ${field}[${first}]); each source gets one rule` }];
    });
}

/**
 * Every problem of `access`, at once. While the public endpoint is off the API is reachable through the VPC only,
 * so a private cluster that admits no one could never receive its Kubernetes objects.
 */
export function apiAccessProblems(access: ApiAccess, endpointPublicAccess: boolean): ApiAccessProblem[] {
    const cidrs = access.cidrs ?? [];
    const groups = access.securityGroupIds ?? [];
    const problems: ApiAccessProblem[] = [];
    if (!endpointPublicAccess && cidrs.length + groups.length === 0) {
        problems.push({
            field: undefined,
            message:
                "must admit at least one CIDR or security group while endpointPublicAccess is false: the API endpoint is then private, and nothing could deploy the cluster's Kubernetes objects (every Kubernetes resource and Helm release of pulumi up goes through it)",
        });
    }
    cidrs.forEach((cidr, index) => {
        const invalid = /\/0$/.test(cidr) ? "must not be a /0: it would open the Kubernetes API to every address; list the deployer's own network" : cidrTextProblem(cidr);
        if (invalid !== undefined) problems.push({ field: "cidrs", index, value: cidr, message: invalid });
    });
    groups.forEach((id, index) => {
        if (!SECURITY_GROUP_ID.test(id)) problems.push({ field: "securityGroupIds", index, value: id, message: "must be a security group id such as sg-0123456789abcdef0" });
    });
    return [...problems, ...duplicates(cidrs, "cidrs"), ...duplicates(groups, "securityGroupIds")];
}

/** The rules to write, one per source. */
export function apiSources(access: ApiAccess): ApiSource[] {
    return [
        ...(access.cidrs ?? []).map((cidr) => ({ kind: "cidr" as const, value: cidr, label: cidrLabel(cidr) })),
        ...(access.securityGroupIds ?? []).map((id) => ({ kind: "group" as const, value: id, label: id })),
    ];
}

/** `apiAccess.cidrs[1] (0.0.0.0/0) must not be…`, for a component's error. */
export const describeApiAccessProblem = (p: ApiAccessProblem): string =>
    `apiAccess${p.field === undefined ? "" : `.${p.field}`}${p.index === undefined ? "" : `[${p.index}]`}${p.value === undefined ? "" : ` (${p.value})`} ${p.message}`;
