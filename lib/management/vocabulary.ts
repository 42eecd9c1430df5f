/**
 * What the management components accept, and Session Manager's fixed facts, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** AL2023 advisory severities, most severe first: a baseline approves security updates of the chosen one and above. */
export const PATCH_SEVERITIES = ["Critical", "Important", "Medium", "Low"] as const;
export type PatchSeverity = (typeof PATCH_SEVERITIES)[number];

/**
 * The severities approved: `minimum` and every more severe one.
 * `approvedSeverities("Important")` → `["Critical", "Important"]`.
 */
export function approvedSeverities(minimum: PatchSeverity): PatchSeverity[] {
    return PATCH_SEVERITIES.slice(0, PATCH_SEVERITIES.indexOf(minimum) + 1);
}

/** The Session Manager preferences document: one per account and region, this name, type Session. */
export const SESSION_PREFERENCES_DOCUMENT = "SSM-SessionManagerRunShell";

/** Session Manager's bounds: idle timeout 1 to 60 minutes, maximum duration 1 to 1440. */
export const SESSION_IDLE_TIMEOUT_MAX = 60;
export const SESSION_MAX_DURATION_MAX = 1440;
