import type { Input } from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { ACME } from "../../catalog/certificates";
import { CertManagerValues } from "../../catalog/chartValues/certManager";
import { Placement } from "../../catalog/chartValues/common";

/*
 * The certificates' objects and values as plain data: cert-manager's chart values (typed against the pinned chart),
 * the Route 53 policy of its controller, the ClusterIssuer and the gateway's Certificate. No Pulumi inside.
 */

export const CERT_MANAGER_API = "cert-manager.io/v1";

/** Only what the DNS-01 solver does (catalog/certificates.ts): TXT records in this one zone, and reading its change status. */
export function route53SolverPolicy(hostedZoneId: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: [...ACME.rows.route53Actions.change], Resource: "arn:aws:route53:::change/*" },
            {
                Effect: "Allow",
                Action: [...ACME.rows.route53Actions.hostedZone],
                Resource: `arn:aws:route53:::hostedzone/${hostedZoneId}`,
                Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": [ACME.rows.challengeRecordType] } },
            },
        ],
    };
}

export interface CertManagerSettings {
    readonly replicas: number;
    readonly serviceAccount: string;
    readonly roleArn: Input<string>;
    readonly placement: Required<Placement>;
}

export function certManagerValues(s: CertManagerSettings): CertManagerValues {
    // A budget only where a second replica can take over: over one pod it would block every drain.
    const budget = { enabled: s.replicas > 1, ...(s.replicas > 1 ? { maxUnavailable: 1 } : {}) };
    const component = { ...s.placement, replicaCount: s.replicas, podDisruptionBudget: budget };
    return {
        ...s.placement,
        // The CRDs come with the chart and stay when the release goes, so no Certificate is lost with it.
        crds: { enabled: true, keep: true },
        global: { priorityClassName: "system-cluster-critical" },
        replicaCount: s.replicas,
        podDisruptionBudget: budget,
        serviceAccount: { create: true, name: s.serviceAccount, annotations: { "eks.amazonaws.com/role-arn": s.roleArn } },
        webhook: component,
        cainjector: component,
        startupapicheck: { ...s.placement, enabled: true },
    };
}

export interface IssuerSettings {
    /** Let's Encrypt's directory (catalog/certificates.ts). */
    readonly server: "production" | "staging";
    readonly email?: string;
    readonly hostedZoneId: string;
    readonly domain: string;
    /** The cluster's region: ignored under IRSA (catalog/certificates.ts), stated for schemas that still ask for it. */
    readonly region: string;
}

/**
 * Let's Encrypt through Route 53 DNS-01 with the controller's ambient IRSA credentials (a ClusterIssuer may use them
 * by default; the solver's region is ignored under IRSA): `hostedZoneID` pins the zone, so the controller never lists
 * zones, and the selector keeps the solver to the stack's domain.
 */
export function clusterIssuer(s: IssuerSettings) {
    const name = `letsencrypt-${s.server}`;
    return {
        apiVersion: CERT_MANAGER_API,
        kind: "ClusterIssuer",
        metadata: { name },
        spec: {
            acme: {
                server: ACME.rows.directories[s.server],
                ...(s.email ? { email: s.email } : {}),
                privateKeySecretRef: { name: `${name}-account` },
                solvers: [{ selector: { dnsZones: [s.domain] }, dns01: { route53: { hostedZoneID: s.hostedZoneId, region: s.region } } }],
            },
        },
    };
}

export interface CertificateSettings {
    readonly secretName: string;
    readonly namespace: string;
    readonly hosts: readonly string[];
    readonly issuer: string;
}

/** The gateway's certificate: its Secret in the gateway's namespace, where the gateway reads `credentialName`. */
export function gatewayCertificate(s: CertificateSettings) {
    return {
        apiVersion: CERT_MANAGER_API,
        kind: "Certificate",
        metadata: { name: s.secretName, namespace: s.namespace },
        spec: {
            secretName: s.secretName,
            dnsNames: [...s.hosts],
            issuerRef: { name: s.issuer, kind: "ClusterIssuer", group: "cert-manager.io" },
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        },
    };
}
