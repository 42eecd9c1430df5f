/** The settings of continuous detection (GuardDuty, Security Hub, Inspector, Access Analyzer), declared once. */
import { always, byProfile, key, settingsGroup, SettingsOf } from "../config/declare";
import { bool, matching } from "../config/schemas";
import { controlWaivers } from "../config/waivers";

export const DETECTION_SETTINGS = settingsGroup("Detection", {
    createGuardDutyDetector: key({
        schema: bool,
        default: always(true),
        doc: "Create each region's GuardDuty detector, or adopt the existing one (one per account and region).",
    }),
    guardDutyDetectorId: key({
        schema: matching(/^[0-9a-f]{32}$/, "must be a GuardDuty detector id (32 lowercase hex characters)"),
        doc: "The primary region's detector to adopt (with createGuardDutyDetector false); looked up when unset.",
    }),
    createSecurityHub: key({
        schema: bool,
        default: always(true),
        doc: "Enable each region's Security Hub (consolidated control findings, no default standards), or adopt the hub already on (one per account and region).",
    }),
    enableSecurityHubNist: key({
        schema: bool,
        default: always(false),
        doc: "Subscribe NIST SP 800-53 r5 besides CIS AWS Foundations v3.0.0 and FSBP v1.0.0 (always).",
    }),
    securityHubControlWaivers: key({
        schema: controlWaivers,
        default: always({}),
        accepts: 'a JSON object from control id to {"reason": "...", "standards": ["cis" | "fsbp" | "nist", ...]}',
        doc: "Security Hub controls disabled, each in the standards it names, each with its written reason (shown by `npm run plan` and `npm run verify`).",
    }),
    createAccessAnalyzer: key({
        schema: bool,
        default: always(true),
        doc: "Create each region's IAM Access Analyzer account analyzer (CIS 1.20), or adopt the existing one (AWS allows one per account and region).",
    }),
    enableInspector: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "Amazon Inspector EC2 and ECR scanning for the account, each region (Inspector.1, Inspector.2).",
    }),
    guardDutyRuntimeMonitoring: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "GuardDuty Runtime Monitoring with EC2 agent management (GuardDuty.11, GuardDuty.13).",
    }),
    guardDutyS3Protection: key({
        schema: bool,
        default: always(true),
        doc: "GuardDuty S3 Protection (GuardDuty.10).",
    }),
    guardDutyMalwareProtection: key({
        schema: bool,
        default: always(true),
        doc: "GuardDuty Malware Protection for EC2 (EBS volumes; GuardDuty.8).",
    }),
    guardDutyRdsProtection: key({
        schema: bool,
        default: always(true),
        doc: "GuardDuty RDS Protection: login events (GuardDuty.9).",
    }),
    manageAdoptedGuardDutyFeatures: key({
        schema: bool,
        default: always(false),
        doc: "Set the GuardDuty features above on an adopted detector too (createGuardDutyDetector false); by default they are left as they are.",
    }),
});
export type DetectionSettings = SettingsOf<typeof DETECTION_SETTINGS>;
