/**
 * The tap-security policy pack as data: every policy, in the order the compliance table and
 * the README list them. `policy/serve-pack.ts` serves this table through CrossGuard; the offline
 * plan and the tests evaluate it directly.
 */
import { ACCESS_POLICIES } from "./rules/access";
import { AWS_CONFIG_POLICIES } from "./rules/aws-config";
import { BUDGET_POLICIES } from "./rules/budget";
import { CLOUDTRAIL_POLICIES } from "./rules/cloudtrail";
import { COMPUTE_POLICIES } from "./rules/compute";
import { DATABASE_POLICIES } from "./rules/database";
import { DELEGATION_POLICIES } from "./rules/delegation";
import { DETECTION_POLICIES } from "./rules/detection";
import { IAM_POLICIES } from "./rules/iam";
import { KMS_POLICIES } from "./rules/kms";
import { LOGGING_POLICIES } from "./rules/logging";
import { NETWORK_POLICIES } from "./rules/network";
import { PROTECTION_POLICIES } from "./rules/protection";
import { PRIVATE_MANAGEMENT_POLICIES } from "./rules/private-management";
import { READINESS_POLICIES } from "./rules/readiness";
import { RESOURCE_POLICIES } from "./rules/resource-policies";
import { S3_POLICIES } from "./rules/s3";
import { RESILIENCE_POLICIES } from "./rules/resilience";
import { SEED_DATA_POLICIES } from "./rules/seed-data";
import { SELF_FINDING_POLICIES } from "./rules/self-findings";
import { EXPECTED_RESULT_POLICY_NAME, securityHubExpectedPolicies } from "./rules/security-hub-expected";
import { WEB_POLICIES } from "./rules/web";
import { TapPolicy } from "./types";

export { POLICY_PACK_NAME } from "./types";

export const TAP_POLICIES: readonly TapPolicy[] = [
    ...CLOUDTRAIL_POLICIES,
    ...AWS_CONFIG_POLICIES,
    ...NETWORK_POLICIES,
    ...COMPUTE_POLICIES,
    ...KMS_POLICIES,
    ...S3_POLICIES,
    ...IAM_POLICIES,
    ...RESOURCE_POLICIES,
    ...LOGGING_POLICIES,
    ...DATABASE_POLICIES,
    ...WEB_POLICIES,
    ...PROTECTION_POLICIES,
    ...BUDGET_POLICIES,
    ...DETECTION_POLICIES,
    ...PRIVATE_MANAGEMENT_POLICIES,
    ...ACCESS_POLICIES,
    ...DELEGATION_POLICIES,
    ...RESILIENCE_POLICIES,
    ...SEED_DATA_POLICIES,
    ...READINESS_POLICIES,
    ...SELF_FINDING_POLICIES,
    // Weighs the results of every other rule of this list (handed over, not imported: no import loop).
    ...securityHubExpectedPolicies(() => TAP_POLICIES.filter((p) => p.name !== EXPECTED_RESULT_POLICY_NAME)),
];
