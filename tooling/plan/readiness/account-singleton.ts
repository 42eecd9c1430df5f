/**
 * Account and region singletons across stack files: AWS allows one of each per account (and region);
 * a second stack of the same account creating it fails its first `up`, or, where creating is
 * idempotent, the first stack's destroy takes the other's away.
 */
import type { PlannedResource } from "../../mock-runtime/harness";
import { destroyDeletes, managedResources, regionOf } from "./plan-view";
import { ReadinessFinding, ReadinessInput, ReadinessRule, StackFilePlan } from "./types";

export interface Singleton {
    readonly type: string;
    /** Which resources of the type are the singleton (e.g. only the ACCOUNT analyzer). */
    readonly is?: (r: PlannedResource) => boolean;
    readonly what: string;
    /** `region`: one per account and region; `account`: one per account. */
    readonly scope: "region" | "account";
    /** What tells two of the type apart within the scope (an OIDC provider's URL, a service-linked role's service). @default none */
    readonly key?: (r: PlannedResource) => string;
    /** What the second stack meets: its create fails, or only the first's destroy hurts the other (idempotent create). */
    readonly collision: "create-fails" | "destroy-removes";
    /** The config key that adopts or skips it. */
    readonly adoptKey: string;
    readonly source: string;
}

export const SINGLETONS: readonly Singleton[] = [
    {
        type: "aws:guardduty/detector:Detector",
        what: "the GuardDuty detector",
        scope: "region",
        collision: "create-fails",
        adoptKey: "tap:createGuardDutyDetector false (tap:guardDutyDetectorId)",
        source: 'GuardDuty user guide: one detector per account per Region (BadRequestException "The request is rejected because a detector already exists for the current account"; terraform-provider-aws#11780)',
    },
    {
        type: "aws:cfg/recorder:Recorder",
        what: "the AWS Config recorder",
        scope: "region",
        collision: "create-fails",
        adoptKey: "tap:createConfigRecorder false (tap:configRecorderName)",
        source: "AWS Config developer guide: one configuration recorder per account per Region (MaxNumberOfConfigurationRecordersExceededException; terraform-provider-aws#2183)",
    },
    {
        type: "aws:cfg/deliveryChannel:DeliveryChannel",
        what: "the AWS Config delivery channel",
        scope: "region",
        collision: "create-fails",
        adoptKey: "tap:createConfigRecorder false",
        source: "AWS Config developer guide: one delivery channel per account per Region (MaxNumberOfDeliveryChannelsExceededException)",
    },
    {
        type: "aws:securityhub/account:Account",
        what: "Security Hub",
        scope: "region",
        collision: "create-fails",
        adoptKey: "tap:createSecurityHub false",
        source: 'Security Hub API Reference, EnableSecurityHub (ResourceConflictException "Account is already subscribed to Security Hub"; terraform-provider-aws#31875)',
    },
    {
        type: "aws:securityhub/findingAggregator:FindingAggregator",
        what: "the Security Hub finding aggregator",
        scope: "account",
        collision: "create-fails",
        adoptKey: "tap:createSecurityHub false",
        source: 'Security Hub user guide, "Cross-Region aggregation": one aggregation Region per account',
    },
    {
        type: "aws:accessanalyzer/analyzer:Analyzer",
        is: (r) => (r.inputs.type ?? "ACCOUNT") === "ACCOUNT",
        what: "the IAM Access Analyzer account analyzer",
        scope: "region",
        collision: "create-fails",
        adoptKey: "tap:createAccessAnalyzer false",
        source: "IAM Access Analyzer quotas: one analyzer with the account as zone of trust per Region (not adjustable); aws-constraints",
    },
    {
        type: "aws:ssm/document:Document",
        is: (r) => r.inputs.name === "SSM-SessionManagerRunShell",
        what: "the Session Manager preferences document SSM-SessionManagerRunShell",
        scope: "region",
        collision: "create-fails",
        adoptKey: "tap:createSessionPreferences false",
        source: 'Session Manager user guide, "Create a Session Manager preferences document": one SSM-SessionManagerRunShell per account and Region (DocumentAlreadyExists)',
    },
    {
        type: "aws:inspector2/enabler:Enabler",
        what: "Amazon Inspector's scanning",
        scope: "region",
        collision: "destroy-removes",
        adoptKey: "tap:enableInspector false",
        source: "Inspector API Reference, Enable/Disable: scanning is per account and Region; deleting the enabler disables it for the account",
    },
    {
        type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
        what: "EBS encryption by default",
        scope: "region",
        collision: "destroy-removes",
        adoptKey: "tap:enableAccountHardening false",
        source: "EC2 API Reference, EnableEbsEncryptionByDefault / DisableEbsEncryptionByDefault: one setting per account and Region",
    },
    {
        type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
        what: "the IAM account password policy",
        scope: "account",
        collision: "destroy-removes",
        adoptKey: "tap:enableAccountHardening false",
        source: "IAM API Reference, UpdateAccountPasswordPolicy / DeleteAccountPasswordPolicy: one policy per account",
    },
    {
        type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        what: "an IAM OIDC provider of the same URL",
        scope: "account",
        key: (r) => String(r.inputs.url),
        collision: "create-fails",
        adoptKey: "tap:githubOidcProviderArn",
        source: "IAM API Reference, CreateOpenIDConnectProvider (EntityAlreadyExists: one provider per URL per account)",
    },
    // A service-linked role without a custom suffix has a fixed name (a custom suffix makes each stack's its own).
    {
        type: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
        is: (r) => r.inputs.customSuffix === undefined,
        what: "a service-linked role of the same service",
        scope: "account",
        key: (r) => String(r.inputs.awsServiceName),
        collision: "create-fails",
        adoptKey: "tap:createConfigServiceLinkedRole false (AWS Config's)",
        source: 'IAM user guide, "Using service-linked roles": one role of a fixed name per service and account ("Service role name AWSServiceRoleForConfig has been taken in this account")',
    },
];

/** Two stack files share an account when both name the same one, or either leaves it unstated (the worst case). */
export function sameAccount(a: StackFilePlan, b: StackFilePlan): boolean {
    return a.account === undefined || b.account === undefined || a.account === b.account;
}

interface Claim {
    readonly singleton: Singleton;
    readonly where: string;
    readonly resource: PlannedResource;
}

/** The singletons a stack file's plan manages, each with the region (or `account`) it holds it in. */
export function claims(stack: StackFilePlan): Claim[] {
    const region = regionOf(stack.plan);
    const found: Claim[] = [];
    for (const r of managedResources(stack.plan)) {
        const singleton = SINGLETONS.find((s) => s.type === r.type && (s.is?.(r) ?? true));
        if (!singleton) continue;
        const where = `${singleton.scope === "account" ? "account-wide" : (region(r) ?? "its region")}${singleton.key ? `, ${singleton.key(r)}` : ""}`;
        found.push({ singleton, where, resource: r });
    }
    return found;
}

export const accountSingletons: ReadinessRule = (input: ReadinessInput): ReadinessFinding[] => {
    const findings: ReadinessFinding[] = [];
    const mine = claims(input.stack);
    for (const other of input.others.filter((o) => sameAccount(input.stack, o))) {
        const theirs = claims(other);
        for (const claim of mine) {
            const clash = theirs.find((t) => t.singleton === claim.singleton && t.where === claim.where);
            if (!clash) continue;
            // An idempotent create that both stacks retain on destroy: neither takes it from the other.
            if (claim.singleton.collision === "destroy-removes" && !destroyDeletes(claim.resource) && !destroyDeletes(clash.resource))
                continue;
            const account =
                input.stack.account === undefined || other.account === undefined
                    ? `the same account (tap:awsAccount is ${input.stack.account === undefined ? "unset here" : `unset in ${other.stackFile}`})`
                    : `account ${input.stack.account}`;
            const effect =
                claim.singleton.collision === "create-fails"
                    ? "whichever stack deploys second fails to create it"
                    : "either stack's destroy switches it off for the other";
            findings.push({
                rule: "account-singleton",
                resource: input.stack.stackFile,
                message:
                    `${input.stack.stackFile} and ${other.stackFile} both manage ${claim.singleton.what} of ${account} (${claim.where}): ${effect}. ` +
                    `Deploy them to separate accounts (tap:awsAccount), or have one of them adopt it (${claim.singleton.adoptKey}); docs/first-deploy.md`,
                source: claim.singleton.source,
            });
        }
    }
    return findings;
};
