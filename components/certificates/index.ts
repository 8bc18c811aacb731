import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CERT_MANAGER_CHART } from "../../catalog/chartValues/certManager";
import { serviceAccountRole } from "../cluster/irsa";
import { SYSTEM_PLACEMENT } from "../cluster/nodeGroups";
import { certManagerValues, clusterIssuer, gatewayCertificate, route53SolverPolicy } from "./plan";

/** Namespace and service account of the cert-manager controller (the chart names its account after the release). */
export const CERT_MANAGER = { namespace: "cert-manager", serviceAccount: "cert-manager" } as const;

/** Inputs of a GatewayCertificates. The cluster's Kubernetes provider and the region's AWS provider arrive through `opts.providers`. */
export interface GatewayCertificatesArgs {
    readonly region: string;
    readonly clusterName: string;
    /** The cluster's OIDC provider, for the controller's Route 53 role. */
    readonly oidc: { readonly providerArn: pulumi.Input<string>; readonly issuerUrl: pulumi.Input<string> };
    /** Pinned chart version (catalog/chartValues/certManager.ts). */
    readonly chartVersion: string;
    /** The Route 53 hosted zone of `domain`, where the DNS-01 challenges are answered. */
    readonly hostedZoneId: string;
    readonly domain: string;
    /** Hosts the gateway's certificate covers (each under `domain`). */
    readonly hosts: readonly string[];
    /** The Secret the gateway's HTTPS server names (`credentialName`), in the gateway's namespace. */
    readonly secretName: string;
    readonly gatewayNamespace: { readonly name: string; readonly resource: pulumi.Resource };
    readonly acme: { readonly server: "production" | "staging"; readonly email?: string };
    /** Controller and webhook replicas; 2 or more survives a node loss. */
    readonly replicas: number;
    /** The cluster's node groups: the release waits for them, so its pods have nodes to start on. */
    readonly nodeGroups: readonly pulumi.Resource[];
    /** How long the release waits for its objects (a cold cluster's, see coldClusterTimeoutSeconds). */
    readonly helmTimeoutSeconds: number;
}

/**
 * The gateway's certificate, issued and renewed in the cluster: cert-manager (CRDs with the chart, on system nodes,
 * its controller allowed by IRSA to write TXT records in the stack's hosted zone only), a ClusterIssuer for Let's
 * Encrypt through Route 53 DNS-01, and a Certificate for the region's public hosts written to the Secret the
 * gateway reads.
 */
export class GatewayCertificates extends pulumi.ComponentResource {
    public readonly issuerName: string;
    public readonly certificateName: string;

    constructor(name: string, args: GatewayCertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
        const outside = args.hosts.filter((h) => h !== args.domain && !h.endsWith(`.${args.domain}`));
        if (outside.length > 0) throw new Error(`GatewayCertificates ${args.clusterName}: hosts ${outside.join(", ")} lie outside ${args.domain}, the zone that answers their challenges`);
        super("strata:certificates:GatewayCertificates", name, {}, opts);
        const child = { parent: this };
        const role = serviceAccountRole(
            `${name}-cert-manager`,
            {
                oidcProviderArn: args.oidc.providerArn,
                oidcIssuerUrl: args.oidc.issuerUrl,
                namespace: CERT_MANAGER.namespace,
                serviceAccount: CERT_MANAGER.serviceAccount,
                policy: route53SolverPolicy(args.hostedZoneId),
            },
            child,
        );
        const namespace = new k8s.core.v1.Namespace(`${name}-cert-manager`, { metadata: { name: CERT_MANAGER.namespace, labels: { "app.kubernetes.io/managed-by": "strata" } } }, child);
        const release = new k8s.helm.v3.Release(
            `${name}-cert-manager`,
            {
                name: "cert-manager",
                chart: "cert-manager",
                version: args.chartVersion,
                repositoryOpts: { repo: CERT_MANAGER_CHART.rows.repository },
                namespace: CERT_MANAGER.namespace,
                values: certManagerValues({ replicas: args.replicas, serviceAccount: CERT_MANAGER.serviceAccount, roleArn: role.arn, placement: SYSTEM_PLACEMENT }),
                // A failed or timed-out install is uninstalled, so the next `pulumi up` starts clean.
                atomic: true,
                cleanupOnFail: true,
                timeout: args.helmTimeoutSeconds,
                maxHistory: 10,
            },
            { ...child, dependsOn: [namespace, ...args.nodeGroups] },
        );
        const issuer = clusterIssuer({ server: args.acme.server, email: args.acme.email, hostedZoneId: args.hostedZoneId, domain: args.domain, region: args.region });
        this.issuerName = issuer.metadata.name;
        const issuerResource = new k8s.apiextensions.CustomResource(`${name}-issuer`, issuer, { ...child, dependsOn: [release] });
        const certificate = gatewayCertificate({ secretName: args.secretName, namespace: args.gatewayNamespace.name, hosts: args.hosts, issuer: issuer.metadata.name });
        this.certificateName = certificate.metadata.name;
        new k8s.apiextensions.CustomResource(`${name}-gateway`, certificate, { ...child, dependsOn: [release, issuerResource, args.gatewayNamespace.resource] });
        this.registerOutputs({ issuerName: this.issuerName, certificateName: this.certificateName });
    }
}
