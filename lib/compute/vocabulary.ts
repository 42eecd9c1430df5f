/**
 * What the compute components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** How the app instances run: an Auto Scaling group, or one instance from the same launch template. */
export const COMPUTE_MODES = ["asg", "instance"] as const;
export type ComputeMode = (typeof COMPUTE_MODES)[number];

/** The AL2023 AMI's root snapshot is 8 GiB: a smaller root volume fails to launch (seed 000, failure 7). */
export const ROOT_VOLUME_MIN_GIB = 8;
