import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DetectionSettings } from "./settings";
import { AccessAnalysis } from "./access-analysis";
import { SecurityHub } from "./security-hub";
import { ThreatDetection } from "./threat-detection";
import { VulnerabilityScanning } from "./vulnerability-scanning";

export interface DetectionArgs {
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: DetectionSettings;
    /** The region built in (Security Hub standards ARNs are regional). */
    readonly region: string;
    /** The primary region: an adopted detector id (settings.guardDutyDetectorId) is the primary's; the other regions look theirs up. */
    readonly primary: boolean;
    /** The other regions whose Security Hub findings the primary aggregates. @default none */
    readonly aggregateRegions?: readonly string[];
    /**
     * The component these services were children of before Detection existed: the region's Monitoring
     * (`tap:monitoring:Monitoring`, until December 2026). Each service names it as its former parent in
     * `aliases`, so that stacks deployed before the split keep them. @default none: no former parent
     */
    readonly formerParent?: pulumi.Resource;
    readonly provider: aws.Provider;
}

/**
 * Continuous detection in one region (docs/detection.md): GuardDuty (GuardDuty.1), Security Hub
 * (CIS 4.16), IAM Access Analyzer (CIS 1.20) and, by switch, Amazon Inspector (Inspector.1). Their
 * findings reach the alert topic through Monitoring's EventBridge rules (lib/detection/detection-events.ts).
 */
export class Detection extends pulumi.ComponentResource {
    public readonly threatDetection: ThreatDetection;
    public readonly securityHub: SecurityHub;
    public readonly accessAnalysis: AccessAnalysis;
    public readonly vulnerabilityScanning?: VulnerabilityScanning;

    constructor(name: string, args: DetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:detection:Detection", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const common = { namePrefix: prefix, provider: args.provider };
        // Its children take the settings they read, under the same names (the settings group spread whole).
        const s = args.settings;
        // State: a URN is type, name and the chain of parent types. These four components were built
        // as Monitoring's children until Detection existed; the alias names that former parent, so the
        // engine matches each one's deployed URN instead of deleting and recreating GuardDuty, Security
        // Hub, Access Analyzer and Inspector (Pulumi, "Refactoring with aliases": re-parenting a resource
        // takes `{ parent: oldParent }`, https://www.pulumi.com/docs/iac/operations/stack-management/refactoring-with-aliases/).
        // The resources below each one inherit the alias (@pulumi/pulumi `allAliases`: "aliases inherited
        // from the parent"; tooling/plan/urns.ts, test/stack-files/urns.spec.ts). Their type tokens stay
        // `tap:monitoring:*` for the same reason: a token is part of every descendant's URN.
        // The former parent by its URN, which @pulumi/pulumi's `Alias.parent` takes as well (`parent?: Resource |
        // Input<URN>`, resource.d.ts): the same alias URN. Given the Resource itself, Pulumi makes an Output of
        // `{ parent: Resource }` and walks every object reachable from it for unknowns (the whole region's
        // component graph), once per aliased child: 30% of a prod plan's time on the mocks.
        const child: pulumi.ComponentResourceOptions = {
            parent: this,
            ...(args.formerParent && { aliases: [{ parent: args.formerParent.urn }] }),
        };
        this.threatDetection = new ThreatDetection(
            `${prefix}-threat-detection`,
            {
                ...common,
                ...s,
                // An adopted detector id belongs to the primary region; the other regions look theirs up.
                guardDutyDetectorId: args.primary ? s.guardDutyDetectorId : undefined,
            },
            child,
        );
        this.securityHub = new SecurityHub(
            `${prefix}-security-hub`,
            {
                ...common,
                ...s,
                region: args.region,
                aggregateRegions: args.aggregateRegions,
            },
            child,
        );
        this.accessAnalysis = new AccessAnalysis(`${prefix}-access-analysis`, { ...common, ...s }, child);
        this.vulnerabilityScanning = s.enableInspector
            ? new VulnerabilityScanning(`${prefix}-vulnerability-scanning`, common, child)
            : undefined;
        this.registerOutputs({
            guardDutyDetectorId: this.threatDetection.detectorId,
            securityHubStandards: this.securityHub.standardsArns,
        });
    }
}
