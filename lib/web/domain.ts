import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HOSTED_ZONE_ID } from "./vocabulary";
import { DomainAliasSettings, DomainSettings } from "./settings";

export interface DomainCertificateArgs {
    readonly namePrefix: string;
    /** Its settings, whole: the name the load balancer answers to (`app.example.com`), and the public zone the validation record goes into. */
    readonly settings: DomainSettings;
    readonly provider: aws.Provider;
}

/** The domain and its zone, both required by the components that take them (the config requires them together). */
function domainOf(component: string, name: string, settings: DomainSettings): { domainName: string; hostedZoneId: string } {
    const { domainName, hostedZoneId } = settings;
    if (domainName === undefined || hostedZoneId === undefined)
        throw new Error(`${component} ${name}: settings.domainName and settings.hostedZoneId are both required`);
    if (!HOSTED_ZONE_ID.test(hostedZoneId))
        throw new Error(`${component} ${name}: hostedZoneId must be a Route 53 zone id (Z...), got ${JSON.stringify(hostedZoneId)}`);
    return { domainName, hostedZoneId };
}

/**
 * An ACM certificate for the load balancer's domain, validated by DNS in the stack's Route 53
 * zone. The certificate has one name, so one validation record, declared up front (indexing
 * into domainValidationOptions, never inside an apply: previews and tests see it). Listeners take
 * `validatedCertificateArn`, which is known only once ACM has issued the certificate.
 */
export class DomainCertificate extends pulumi.ComponentResource {
    public readonly certificate: aws.acm.Certificate;
    public readonly validationRecord: aws.route53.Record;
    public readonly validation: aws.acm.CertificateValidation;
    /** The certificate's ARN, once validated: what an HTTPS listener must wait for. */
    public readonly validatedCertificateArn: pulumi.Output<string>;

    constructor(name: string, args: DomainCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        const { domainName, hostedZoneId } = domainOf("DomainCertificate", name, args.settings);
        super("tap:web:DomainCertificate", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };

        this.certificate = new aws.acm.Certificate(
            `${prefix}-cert`,
            {
                domainName,
                validationMethod: "DNS",
                tags: { Name: `${prefix}-cert` },
            },
            child,
        );
        const option = this.certificate.domainValidationOptions[0];
        this.validationRecord = new aws.route53.Record(
            `${prefix}-cert-validation-0`,
            {
                zoneId: hostedZoneId,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: 300,
                allowOverwrite: true, // ACM reuses the record for a reissued certificate of the same name
            },
            child,
        );
        this.validation = new aws.acm.CertificateValidation(
            `${prefix}-cert-validation`,
            {
                certificateArn: this.certificate.arn,
                validationRecordFqdns: [this.validationRecord.fqdn],
            },
            child,
        );
        this.validatedCertificateArn = this.validation.certificateArn;
        this.registerOutputs({ certificateArn: this.validatedCertificateArn });
    }
}

export interface DomainAliasArgs {
    readonly namePrefix: string;
    /** Its settings, whole: the name (`domainName`) and the zone the record goes into. */
    readonly settings: DomainAliasSettings;
    /** The load balancer the name points at. */
    readonly loadBalancer: { readonly dnsName: pulumi.Input<string>; readonly zoneId: pulumi.Input<string> };
    readonly provider: aws.Provider;
}

/** The Route 53 alias record `domainName` → the load balancer (A, evaluated against its health). */
export class DomainAlias extends pulumi.ComponentResource {
    public readonly record: aws.route53.Record;

    constructor(name: string, args: DomainAliasArgs, opts?: pulumi.ComponentResourceOptions) {
        const { domainName, hostedZoneId } = domainOf("DomainAlias", name, args.settings);
        super("tap:web:DomainAlias", name, {}, { ...opts, providers: { aws: args.provider } });
        this.record = new aws.route53.Record(
            `${args.namePrefix}-alb-alias`,
            {
                zoneId: hostedZoneId,
                name: domainName,
                type: "A",
                aliases: [{ name: args.loadBalancer.dnsName, zoneId: args.loadBalancer.zoneId, evaluateTargetHealth: true }],
            },
            { parent: this, provider: args.provider },
        );
        this.registerOutputs({ fqdn: this.record.fqdn });
    }
}
