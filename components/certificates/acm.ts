import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Inputs of an AcmCertificate. The region's AWS provider arrives through `opts.providers`: the NLB takes certificates of its own region only. */
export interface AcmCertificateArgs {
    /** The first host is the certificate's name, the others its alternative names. */
    readonly hosts: readonly string[];
    /** The Route 53 hosted zone that proves the hosts are the stack's (DNS validation). */
    readonly hostedZoneId: string;
}

/**
 * A public ACM certificate for a region's hosts, validated through DNS records in the stack's zone; AWS renews it on
 * its own while those records stay. `certificateArn` resolves once ACM has issued it, so a listener that uses it
 * never starts with a pending certificate.
 */
export class AcmCertificate extends pulumi.ComponentResource {
    public readonly certificateArn: pulumi.Output<string>;

    constructor(name: string, args: AcmCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const [domainName, ...alternatives] = args.hosts;
        if (domainName === undefined) throw new Error(`AcmCertificate ${name}: hosts must name at least one host`);
        super("strata:certificates:AcmCertificate", name, {}, opts);
        const child = { parent: this };
        const certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName, subjectAlternativeNames: alternatives, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1" }, child);
        // One validation record per host, by position: ACM lists an option for every name it was asked for.
        const records = args.hosts.map((host, i) => {
            const option = certificate.domainValidationOptions.apply((options) => {
                const found = options.find((o) => o.domainName === host) ?? options[i];
                if (!found) throw new Error(`AcmCertificate ${name}: ACM returned no validation option for ${host}`);
                return found;
            });
            return new aws.route53.Record(
                `${name}-validation-${host}`,
                // ACM's validation names are the same for every certificate of the account on these hosts: a record left by an
                // earlier certificate is the right record, not a conflict.
                { zoneId: args.hostedZoneId, name: option.resourceRecordName, type: option.resourceRecordType, records: [option.resourceRecordValue], ttl: 300, allowOverwrite: true },
                child,
            );
        });
        const validation = new aws.acm.CertificateValidation(`${name}-validation`, { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) }, child);
        this.certificateArn = validation.certificateArn;
        this.registerOutputs({ certificateArn: this.certificateArn });
    }
}
