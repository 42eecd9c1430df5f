/**
 * What the web components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** A Route 53 hosted zone id (`Z` and up to 32 upper-case letters and digits). */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,32}$/;
