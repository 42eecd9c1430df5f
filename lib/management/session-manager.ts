/**
 * Session Manager's fixed facts, apart from the component so that the config and the post-deploy
 * checks read them without loading Pulumi.
 */

/** The Session Manager preferences document: one per account and region, this name, type Session. */
export const SESSION_PREFERENCES_DOCUMENT = "SSM-SessionManagerRunShell";

/** Session Manager's bounds: idle timeout 1 to 60 minutes, maximum duration 1 to 1440. */
export const SESSION_IDLE_TIMEOUT_MAX = 60;
export const SESSION_MAX_DURATION_MAX = 1440;
