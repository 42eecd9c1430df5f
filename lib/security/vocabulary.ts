/**
 * What the security components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** S3 Object Lock retention modes: GOVERNANCE can be bypassed with s3:BypassGovernanceRetention; COMPLIANCE by nobody, root included. */
export const OBJECT_LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];
