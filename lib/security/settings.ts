/** The settings of the security components (SecurityBaseline, GlobalBaseline), beside their Args. */
import { always, byProfile, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { bool, intIn, matching } from "../config/schemas";
import { SHARED_SETTINGS } from "../config/shared";

export const SECURITY_BASELINE_SETTINGS = settingsGroup("SecurityBaseline", {
    ...uses(SHARED_SETTINGS, "enableAccountHardening", "forceDestroyBuckets", "protectStatefulResources", "retainAuditLogs"),
    kmsKeyDeletionWindowDays: key({
        schema: intIn(7, 30),
        default: byProfile(7, 30),
        doc: "Days KMS waits before deleting a region's key once the stack is destroyed.",
    }),
    kmsBreakGlassRoleName: key({
        // IAM role names: 1 to 64 of letters, digits and +=,.@_- (IAM API reference, CreateRole).
        schema: matching(/^[\w+=,.@-]{1,64}$/, "must be an IAM role name: 1 to 64 of letters, digits and + = , . @ _ -"),
        doc: "The IAM role (of the account, not created by the stack) still allowed to schedule a protected key's deletion or disable it; none when unset.",
    }),
});
export type SecurityBaselineSettings = SettingsOf<typeof SECURITY_BASELINE_SETTINGS>;

export const GLOBAL_BASELINE_SETTINGS = settingsGroup("GlobalBaseline", {
    ...uses(SHARED_SETTINGS, "enableAccountHardening"),
    createConfigServiceLinkedRole: key({
        schema: bool,
        default: always(true),
        doc: "Create AWS Config's service-linked role AWSServiceRoleForConfig, which the recorders use (Config.1; retained when the stack is deleted); false adopts the account's, where it already exists (creating it again fails: \"has been taken in this account\").",
    }),
});
export type GlobalBaselineSettings = SettingsOf<typeof GLOBAL_BASELINE_SETTINGS>;
