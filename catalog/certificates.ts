import { Sourced } from "./source";

/*
 * How cert-manager (v1.21.1) issues the gateway's certificates from ACME through Route 53, as its documentation and
 * source state it. components/certificates relies on these rows.
 */

const CHECKED = "2026-12-06";
const DOCS = "https://github.com/cert-manager/website/blob/master/content/docs/configuration/acme";

export interface AcmeFacts {
    /** Let's Encrypt's ACME directories. */
    readonly directories: { readonly production: string; readonly staging: string };
    /** A ClusterIssuer may use the controller's ambient (IRSA) credentials by default; a namespaced Issuer may not. */
    readonly clusterIssuerAmbientCredentials: boolean;
    /** Under IRSA the solver's `region` is ignored: the pod identity webhook injects AWS_REGION. */
    readonly regionIgnoredUnderIrsa: boolean;
    /** The IAM actions the Route 53 solver needs, by resource; with `hostedZoneID` set, ListHostedZonesByName is not called. */
    readonly route53Actions: { readonly change: readonly string[]; readonly hostedZone: readonly string[] };
    /** The record type the solver writes (the DNS-01 challenge). */
    readonly challengeRecordType: "TXT";
    /** The Certificate's Secret lives in the Certificate's namespace; a gateway reads it from its own. */
    readonly secretInCertificateNamespace: boolean;
}

export const ACME: Sourced<AcmeFacts> = {
    sources: [
        { url: `${DOCS}/dns01/route53.md`, version: "cert-manager docs (IAM policy L17-57, ambient credentials L110-121, IRSA L165-287, region L522-535)", checked: CHECKED },
        { url: `${DOCS}/README.md`, version: "cert-manager docs (Let's Encrypt staging L69, production L501)", checked: CHECKED },
        { url: "https://github.com/cert-manager/cert-manager/blob/v1.21.1/internal/apis/config/controller/v1alpha1/defaults.go", version: "cert-manager v1.21.1 (cluster-issuer-ambient-credentials true)", checked: CHECKED },
        { url: "https://github.com/cert-manager/cert-manager/blob/v1.21.1/pkg/apis/certmanager/v1/types_certificate.go", version: "cert-manager v1.21.1 (secretName: same namespace as the Certificate)", checked: CHECKED },
        { url: "https://istio.io/latest/docs/reference/config/analysis/ist0161/", version: "Istio analyzer IST0161: the credentialName Secret in the gateway workload's namespace", checked: CHECKED },
    ],
    rows: {
        directories: { production: "https://acme-v02.api.letsencrypt.org/directory", staging: "https://acme-staging-v02.api.letsencrypt.org/directory" },
        clusterIssuerAmbientCredentials: true,
        regionIgnoredUnderIrsa: true,
        route53Actions: { change: ["route53:GetChange"], hostedZone: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"] },
        challengeRecordType: "TXT",
        secretInCertificateNamespace: true,
    },
};
