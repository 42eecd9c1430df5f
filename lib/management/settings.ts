/** The settings of the private management plane (SessionPreferences, PatchManagement), beside their Args. */
import { always, byProfile, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { bool, intIn, maintenanceWindowSchedule, oneOf } from "../config/schemas";
import { SHARED_SETTINGS } from "../config/shared";
import { PATCH_SEVERITIES, PatchSeverity, SESSION_IDLE_TIMEOUT_MAX, SESSION_MAX_DURATION_MAX } from "./vocabulary";

export const SESSION_PREFERENCES_SETTINGS = settingsGroup("SessionPreferences", {
    ...uses(SHARED_SETTINGS, "logRetentionDays", "auditLogExpirationDays", "forceDestroyBuckets"),
    createSessionPreferences: key({
        // Off by default: the document is one per account and region, already exists wherever someone saved
        // Session Manager preferences or ran Quick Setup (DocumentAlreadyExists), and a second stack of the
        // account creating it too would have its destroy delete the other's (docs/first-deploy.md).
        schema: bool,
        default: always(false),
        doc: "Create each region's Session Manager preferences document (SSM-SessionManagerRunShell) pointing at the stack's log group, bucket and key. Off: the account's existing preferences are left as they are (one document per account and region; set it in one stack of the account only, see docs/first-deploy.md).",
    }),
    sessionIdleTimeoutMinutes: key({
        schema: intIn(1, SESSION_IDLE_TIMEOUT_MAX),
        default: byProfile(20, 15),
        doc: "Minutes without input after which Session Manager ends a session.",
    }),
    sessionMaxDurationMinutes: key({
        schema: intIn(1, SESSION_MAX_DURATION_MAX),
        default: byProfile(240, 60),
        doc: "Minutes after which Session Manager ends a session, idle or not.",
    }),
});
export type SessionPreferencesSettings = SettingsOf<typeof SESSION_PREFERENCES_SETTINGS>;

export const PATCH_MANAGEMENT_SETTINGS = settingsGroup("PatchManagement", {
    ...uses(SHARED_SETTINGS, "logRetentionDays"),
    patchApprovalDelayDays: key({
        schema: intIn(0, 100),
        default: byProfile(0, 7),
        doc: "Days after release before the patch baseline approves an update.",
    }),
    patchMinimumSeverity: key({
        schema: oneOf(PATCH_SEVERITIES),
        default: byProfile<PatchSeverity>("Low", "Medium"),
        doc: "The least severe AL2023 security advisory the baseline approves (more severe ones too).",
    }),
    patchWindowSchedule: key({
        schema: maintenanceWindowSchedule,
        default: byProfile("cron(0 3 ? * * *)", "cron(0 3 ? * SUN *)"),
        doc: "When the patch install window opens (UTC).",
    }),
    patchWindowDurationHours: key({
        schema: intIn(2, 24),
        default: always(3),
        doc: "Hours the patch install window stays open (no new task in the last hour).",
    }),
});
export type PatchManagementSettings = SettingsOf<typeof PATCH_MANAGEMENT_SETTINGS>;
