/** The settings of the workload stack's composers (TapStack, RegionalStack): which tiers it builds, and where. */
import { always, byProfile, ComposedKeys, key, settingsGroup, SettingsOf, uses, ValuesOf } from "./config/declare";
import { bool, regionCidrMap, vpcCidr } from "./config/schemas";
import { SHARED_SETTINGS, STACK_SETTINGS } from "./config/shared";
import { ACCESS_SETTINGS } from "./access/settings";
import { COMPUTE_SETTINGS } from "./compute/settings";
import { APP_DATA_BUCKET_SETTINGS, BACKUP_SETTINGS, DATABASE_SETTINGS } from "./data/settings";
import { PATCH_MANAGEMENT_SETTINGS, SESSION_PREFERENCES_SETTINGS } from "./management/settings";
import { COST_BUDGET_SETTINGS } from "./cost/settings";
import { MONITORING_SETTINGS } from "./monitoring/settings";
import { DETECTION_SETTINGS } from "./detection/settings";
import { VPC_NETWORK_SETTINGS } from "./network/settings";
import { GLOBAL_BASELINE_SETTINGS, SECURITY_BASELINE_SETTINGS } from "./security/settings";
import { DOMAIN_ALIAS_SETTINGS, DOMAIN_SETTINGS, STATIC_SITE_SETTINGS, WEB_TIER_SETTINGS } from "./web/settings";

export const TAP_STACK_SETTINGS = settingsGroup("TapStack", {
    // `protect` on every stateful resource below the stack (a transformation, lib/protection.ts).
    ...uses(SHARED_SETTINGS, "protectStatefulResources"),
    vpcCidr: key({
        schema: vpcCidr,
        default: always("10.0.0.0/16"),
        doc: "The primary region's VPC CIDR; 16 subnets of prefix + 4 are cut from it.",
    }),
    regionCidrs: key({
        schema: regionCidrMap,
        default: always({}),
        doc: 'VPC CIDRs of the other regions (`{"us-west-2": "10.1.0.0/16"}`); unset regions take the next free block of the primary\'s size.',
    }),
    enableAccess: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "The operators' group (MFA enforced, Session Manager on this stack's instances), the support role (CIS 1.17) and the auditor role `npm run verify` assumes (docs/access.md).",
    }),
});
export type TapStackSettings = SettingsOf<typeof TAP_STACK_SETTINGS>;

export const REGIONAL_STACK_SETTINGS = settingsGroup("RegionalStack", {
    enableWebTier: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "The load balancer, its WAF web ACL and access logs (primary region).",
    }),
    enableDatabase: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "The PostgreSQL database (primary region).",
    }),
    dataTierInEveryRegion: key({
        schema: bool,
        default: always(false),
        doc: "The data tier (the database with tap:enableDatabase, the app data bucket with tap:enableAppDataBucket) in every region of tap:regions, each with its region's key, alarms and backup (seed 004), instead of the primary region only.",
    }),
    enableAppDataBucket: key({
        schema: bool,
        default: always(true),
        doc: "The application's data bucket (seed 002): SSE-KMS with the stack key, uploads under another encryption or key denied, reads and writes by the app role only, in the backup plan, its object-level events in the trail (CIS 3.8/3.9).",
    }),
    enableCdn: key({
        schema: bool,
        default: always(false),
        doc: "The static site behind CloudFront (needs cdnCertificateArn and cdnAliases).",
    }),
    vpcEndpoints: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "An S3 gateway endpoint and interface endpoints (ssm, ssmmessages, ec2messages, logs, monitoring, kms) in each VPC: SSM and logs without a NAT gateway. Each interface endpoint is billed per AZ-hour.",
    }),
    enablePatchManager: key({
        schema: bool,
        default: always(true),
        doc: "Patch Manager patches the app instances (baseline, daily scan, install window) instead of dnf-automatic on each instance.",
    }),
    enableBackup: key({
        schema: bool,
        default: always(true),
        doc: "AWS Backup: a vault per region (stack key), a plan and the database's selection, a copy into the next region's vault.",
    }),
});
export type RegionalStackSettings = SettingsOf<typeof REGIONAL_STACK_SETTINGS>;

/**
 * The workload role: the components TapStack composes, each by its settings group (the stack-wide
 * keys, STACK_SETTINGS, are in every role). A component added to the stack adds its group here.
 */
export const WORKLOAD_COMPONENTS = [
    TAP_STACK_SETTINGS,
    REGIONAL_STACK_SETTINGS,
    GLOBAL_BASELINE_SETTINGS,
    SECURITY_BASELINE_SETTINGS,
    VPC_NETWORK_SETTINGS,
    COMPUTE_SETTINGS,
    MONITORING_SETTINGS,
    DETECTION_SETTINGS,
    COST_BUDGET_SETTINGS,
    SESSION_PREFERENCES_SETTINGS,
    PATCH_MANAGEMENT_SETTINGS,
    WEB_TIER_SETTINGS,
    DOMAIN_SETTINGS,
    DOMAIN_ALIAS_SETTINGS,
    DATABASE_SETTINGS,
    STATIC_SITE_SETTINGS,
    BACKUP_SETTINGS,
    APP_DATA_BUCKET_SETTINGS,
    ACCESS_SETTINGS,
] as const;

/** What the workload stack's composers read: every setting of the role, flat, under its key name. */
export type WorkloadSettings = ValuesOf<ComposedKeys<readonly [typeof STACK_SETTINGS, ...typeof WORKLOAD_COMPONENTS]>>;
