import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ControlWaivers, SecurityHubStandard, standardsArn, subscribedStandards } from "./security-hub-standards";

export interface SecurityHubArgs {
    readonly namePrefix: string;
    /** The region the hub scores (standards ARNs are regional). */
    readonly region: string;
    /** Enable the region's hub; false adopts the one already on (one hub per account and region). @default true */
    readonly createSecurityHub: boolean;
    /** Subscribe NIST SP 800-53 r5 too. @default false */
    readonly enableSecurityHubNist: boolean;
    /** Controls disabled, each in the standards it names, with its reason. @default none */
    readonly securityHubControlWaivers: ControlWaivers;
    /** The other regions whose findings this (primary) region aggregates. @default none: no aggregator */
    readonly aggregateRegions?: readonly string[];
    readonly provider: aws.Provider;
}

/**
 * Security Hub (CIS 4.16) in one region: the hub with consolidated control findings and no
 * default standards, the stack's own subscriptions (CIS v3.0.0 and FSBP, NIST 800-53 r5 by
 * switch), the waived controls disabled with their reasons, and in the primary region of a
 * multi-region stack the finding aggregator.
 */
export class SecurityHub extends pulumi.ComponentResource {
    /** The hub this stack enabled; undefined when it adopted the region's. */
    public readonly hub?: aws.securityhub.Account;
    public readonly subscriptions: Readonly<Partial<Record<SecurityHubStandard, aws.securityhub.StandardsSubscription>>>;
    /** One association per waived control and standard. */
    public readonly waivedControls: aws.securityhub.StandardsControlAssociation[];
    public readonly aggregator?: aws.securityhub.FindingAggregator;
    /** The subscribed standards' ARNs (stack output). */
    public readonly standardsArns: string[];

    constructor(name: string, args: SecurityHubArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:SecurityHub", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };

        if (args.createSecurityHub) {
            this.hub = new aws.securityhub.Account(
                `${prefix}-security-hub`,
                {
                    enableDefaultStandards: false, // the stack subscribes its own, below
                    controlFindingGenerator: "SECURITY_CONTROL", // consolidated findings: one per control, whatever the standard
                    autoEnableControls: true,
                },
                child,
            );
        }
        // An adopted hub is not a resource of the stack: its subscriptions wait for nothing.
        const afterHub = { ...child, dependsOn: this.hub ? [this.hub] : [] };

        const standards = subscribedStandards(args.enableSecurityHubNist);
        this.standardsArns = standards.map((s) => standardsArn(args.region, s));
        this.subscriptions = Object.fromEntries(
            standards.map((s) => [
                s,
                new aws.securityhub.StandardsSubscription(
                    `${prefix}-standard-${s}`,
                    {
                        standardsArn: standardsArn(args.region, s), // CIS 4.16; FSBP; NIST 800-53 r5
                    },
                    afterHub,
                ),
            ]),
        );

        // Waivers: StandardsControlAssociation (consolidated control ids); StandardsControl takes per-standard control ARNs.
        this.waivedControls = Object.keys(args.securityHubControlWaivers)
            .sort()
            .flatMap((id) => {
                const waiver = args.securityHubControlWaivers[id];
                return waiver.standards.map((s) => {
                    const subscription = this.subscriptions[s];
                    if (!subscription)
                        throw new Error(`SecurityHub ${name}: control ${id} is waived in ${s}, which the stack does not subscribe to`);
                    return new aws.securityhub.StandardsControlAssociation(
                        `${prefix}-waive-${id.toLowerCase().replace(/\./g, "-")}-${s}`,
                        {
                            standardsArn: subscription.standardsArn,
                            securityControlId: id,
                            associationStatus: "DISABLED",
                            updatedReason: waiver.reason,
                        },
                        { ...child, dependsOn: [subscription] },
                    );
                });
            });

        if (args.aggregateRegions && args.aggregateRegions.length > 0) {
            // Findings of the other regions, in the primary's hub.
            this.aggregator = new aws.securityhub.FindingAggregator(
                `${prefix}-finding-aggregator`,
                {
                    linkingMode: "SPECIFIED_REGIONS",
                    specifiedRegions: [...args.aggregateRegions],
                },
                afterHub,
            );
        }
        this.registerOutputs({ standardsArns: this.standardsArns });
    }
}
