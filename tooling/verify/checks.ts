/** The catalogue: every check, by service area, in report order (`npm run verify`, the integration tests, docs/checks.md). */
/** The catalogue: every check, by service area, in report order (`npm run verify`, the integration tests, the README table). */
import { ACCESS_CHECKS } from "./access";
import { Check, isRegionalCheck } from "./check";
import { BUDGETS_CHECKS } from "./budgets";
import { CLOUDTRAIL_CHECKS } from "./cloudtrail";
import { COMPUTE_CHECKS } from "./compute";
import { CONFIG_CHECKS } from "./config";
import { DETECTION_CHECKS } from "./detection";
import { ELB_CHECKS } from "./elb";
import { GUARDDUTY_CHECKS } from "./guardduty";
import { KMS_CHECKS } from "./kms";
import { NETWORK_CHECKS } from "./network";
import { ENDPOINT_CHECKS, SSM_CHECKS } from "./private-management";
import { RDS_CHECKS } from "./rds";
import { S3_CHECKS } from "./s3";
import { WAF_CHECKS } from "./waf";
import { BACKUP_CHECKS } from "./backup";
import { permissionsBoundaries } from "./boundaries";
import { asgNotifications, enhancedMonitoring, iamAuthentication } from "./fleet";
import { cloudTrailObjectLock } from "./object-lock";
import { appDataBucket, appDataEvents, planCoversAppData, SNS_CHECKS } from "./seed-data";

/** Every check, by service area, in report order. */
export const CHECK_AREAS = {
    network: NETWORK_CHECKS,
    compute: [...COMPUTE_CHECKS, asgNotifications],
    kms: KMS_CHECKS,
    s3: [...S3_CHECKS, cloudTrailObjectLock, appDataBucket],
    cloudtrail: [...CLOUDTRAIL_CHECKS, appDataEvents],
    guardduty: GUARDDUTY_CHECKS,
    config: CONFIG_CHECKS,
    elb: ELB_CHECKS,
    waf: WAF_CHECKS,
    rds: [...RDS_CHECKS, enhancedMonitoring, iamAuthentication],
    budgets: BUDGETS_CHECKS,
    detection: DETECTION_CHECKS,
    endpoints: ENDPOINT_CHECKS,
    ssm: SSM_CHECKS,
    access: [...ACCESS_CHECKS, permissionsBoundaries],
    backup: [...BACKUP_CHECKS, planCoversAppData],
    sns: SNS_CHECKS,
} as const satisfies Readonly<Record<string, readonly Check[]>>;

export const ALL_CHECKS: readonly Check[] = Object.values(CHECK_AREAS).flat();

/** The checks every region of the stack runs on its own outputs (`regions.<code>`). */
export const REGIONAL_CHECKS: readonly Check[] = ALL_CHECKS.filter(isRegionalCheck);
