/** Shared by the unit tests: plan the TapStack on mocks for a given raw config. */
import * as aws from "@pulumi/aws";
import { parseTapConfig } from "../lib/config";
import { namePrefix } from "../lib/naming";
import { VpcNetwork } from "../lib/network/vpc-network";
import { Plan, runOnMocks } from "../tooling/mock-runtime/harness";
import { TapMocks } from "../tooling/mock-runtime/mocks";
import { tapProgram } from "../lib/program";
import { REFERENCE_PLANS } from "../tooling/plan/urn-inventory";
import { PROJECT_DIR, readStackFiles } from "../tooling/plan/stack-files";
import { settingsFor } from "../lib/config/declare";
import { VPC_NETWORK_SETTINGS } from "../lib/network/settings";

export { byRef, managed, names, nonEmpty, ofType, one, policyDocument, TIER_OUTPUTS } from "./plan-queries";
export type { Plan, PlannedResource } from "../tooling/mock-runtime/harness";

const plans = new Map<string, Promise<Plan>>();

/**
 * One plan with every non-default setting the specs need that do not interfere with each other:
 * each spec asserts the settings it cares about, and one plan serves them all.
 */
export const VARIANT_CONFIG: Readonly<Record<string, string>> = {
    "aws:region": "eu-west-1",
    "tap:owner": "secops",
    "tap:enableAccountHardening": "false",
    "tap:forceDestroyBuckets": "false",
    "tap:asgMinSize": "2", "tap:asgDesiredCapacity": "3", "tap:asgMaxSize": "5",
    "tap:rootVolumeSizeGiB": "64",
    "tap:instanceType": "t3.small",
    "tap:createGuardDutyDetector": "false",
    "tap:natGatewayStrategy": "none",
    "tap:vpcEndpoints": "true",
    "tap:cloudTrailMultiRegion": "false",
    "tap:cloudTrailCoveredBy": "org-trail",
    "tap:cloudTrailDataEventBuckets": '["tap-dev-data"]',
    "tap:alarmEmail": "secops@example.com",
    "tap:createConfigRecorder": "false",
    "tap:configRecorderName": "default",
    "tap:createSessionPreferences": "false",
    "tap:sessionIdleTimeoutMinutes": "5",
};

/** The GuardDuty detector the `DATA_AND_CDN` plan adopts by id. */
export const ADOPTED_DETECTOR_ID = "0123456789abcdef0123456789abcdef";

/**
 * Plans the stack the way bin/tap.ts builds it, with `raw` as its Pulumi config. The program is
 * deterministic, so a config is planned once and its plan shared (tests only read plans); pass
 * `mocks` to watch the registrations of a fresh run.
 */
export function planTap(raw: Record<string, string> = {}, stack = "dev", mocks?: TapMocks): Promise<Plan> {
    const run = () => runOnMocks(() => tapProgram(raw, stack), { stack, config: raw, mocks });
    if (mocks) return run();
    const key = JSON.stringify([stack, Object.entries(raw).sort()]);
    if (!plans.has(key)) plans.set(key, run());
    return plans.get(key)!;
}

/** The account/region-wide settings and AWS Config's service-linked role, retained in every profile (tearing one stack down must not switch them off). */
export const ACCOUNT_WIDE = ["aws:ebs/encryptionByDefault:EncryptionByDefault", "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "aws:iam/serviceLinkedRole:ServiceLinkedRole"];

/** Plans one after another: the mock runtime is one per process, two plans at once would mix. */
export async function inTurn(plans: Array<() => Promise<Plan>>): Promise<Plan[]> {
    const done: Plan[] = [];
    for (const plan of plans) done.push(await plan());
    return done;
}

/** One of the URN inventory's reference plans (the stack files as they are: `prod.txt` is Pulumi.prod.yaml), shared with every spec. */
export function referencePlan(file: (typeof REFERENCE_PLANS)[number]["file"]): Promise<Plan> {
    const ref = REFERENCE_PLANS.find((r) => r.file === file);
    if (!ref) throw new Error(`no reference plan ${file}`);
    return planStackFile(ref.stack, ref.overrides);
}

/** The config of a committed stack file (Pulumi.<stack>.yaml), as the CLI hands it to the program. */
export function stackFileConfig(stack: string): Record<string, string> {
    return readStackFiles(PROJECT_DIR, stack).config;
}

/** Plans a committed stack file as it is (shared like every planTap plan; `overrides` on top). */
export function planStackFile(stack: string, overrides: Readonly<Record<string, string>> = {}): Promise<Plan> {
    return planTap({ ...stackFileConfig(stack), ...overrides }, stack);
}

/** Plans just a VpcNetwork (with its provider) for the network variants: a tenth of a whole stack. */
export function planNetwork(raw: Record<string, string>, stack = "dev"): Promise<Plan> {
    return runOnMocks(() => {
        const c = parseTapConfig(raw, stack);
        const provider = new aws.Provider(`aws-${c.region}`, { region: c.region as aws.Region });
        const prefix = namePrefix(c.environmentSuffix, c.region);
        const network = new VpcNetwork(`${prefix}-network`, {
            namePrefix: prefix,
            vpcCidr: c.vpcCidr,
            settings: settingsFor(VPC_NETWORK_SETTINGS, c),
            flowLogRole: new aws.iam.Role(`${prefix}-flow-logs-role`, { assumeRolePolicy: "{}" }, { provider }),
            provider,
        });
        return { natGatewayIds: network.natGatewayIds };
    }, { stack, config: raw });
}

/** An ACM certificate in us-east-1: the HTTPS listener's (of a us-east-1 stack) and CloudFront's. */
export const TEST_CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

/** The CDN switched on, with what it requires (a us-east-1 certificate and the names it covers). */
export const CDN_CONFIG: Readonly<Record<string, string>> = {
    "tap:enableCdn": "true",
    "tap:cdnCertificateArn": TEST_CERTIFICATE_ARN,
    "tap:cdnAliases": '["static.example.com"]',
};

/** The web tier with a certificate, two allowed CIDRs, app port 8080 and every guard on. */
export const WEB_TIER_CONFIG: Readonly<Record<string, string>> = {
    "tap:enableWebTier": "true",
    "tap:certificateArn": TEST_CERTIFICATE_ARN,
    "tap:allowedIngressCidrs": '["203.0.113.0/24","198.51.100.0/24"]',
    "tap:appPort": "8080",
    "tap:protectFromScaleIn": "true",
    "tap:wafRateLimit": "500",
    "tap:deletionProtection": "true",
};

/** The hosted zone the stack's own domain lives in (tap:hostedZoneId). */
export const HOSTED_ZONE_ID = "Z0123456789ABCDEFGHIJ";

/**
 * A single instance (tap:computeMode instance) behind the web tier, whose TLS comes from the
 * stack's own domain (a DNS-validated certificate, no tap:certificateArn): the target group wiring
 * of an instance, and the certificate's, in one plan.
 */
export const INSTANCE_CONFIG: Readonly<Record<string, string>> = {
    "tap:computeMode": "instance",
    "tap:enableWebTier": "true",
    "tap:domainName": "app.example.com",
    "tap:hostedZoneId": HOSTED_ZONE_ID,
};

/** The database without the web tier, and the CDN, in eu-west-1 (CloudFront's pieces must still land in us-east-1). */
export const DATA_AND_CDN: Readonly<Record<string, string>> = {
    "aws:region": "eu-west-1",
    "tap:enableDatabase": "true",
    ...CDN_CONFIG,
    "tap:createGuardDutyDetector": "false",
    "tap:guardDutyDetectorId": ADOPTED_DETECTOR_ID,
    "tap:enablePatchManager": "false",
};

/** Access with keyless CI from one repository's GitHub environment (issue 19). */
export const ACCESS_CONFIG: Readonly<Record<string, string>> = {
    "tap:enableAccess": "true",
    "tap:githubRepository": "acme/tap",
    "tap:githubEnvironment": "production",
};

/** Every optional tier and Access on: what the whole-stack invariants (every bucket, log group, policy) must hold for. */
export const ALL_TIERS: Readonly<Record<string, string>> = {
    ...WEB_TIER_CONFIG,
    "tap:enableDatabase": "true",
    ...CDN_CONFIG,
    ...ACCESS_CONFIG,
};

/** The whole program: every tier and Access (global, over both regions' instances and keys), over two regions. */
export const TWO_REGIONS: Readonly<Record<string, string>> = { ...ALL_TIERS, "tap:regions": '["us-east-1","us-west-2"]' };
