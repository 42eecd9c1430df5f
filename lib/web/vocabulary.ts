/**
 * What the web components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/**
 * A Route 53 hosted zone id as the provider takes it (no `/hostedzone/` prefix): `Z` and upper-case
 * letters and digits. Route 53's API reference gives the id a maximum length of 32 (HostedZone.Id);
 * the ids AWS hands out are 13 to 21 characters (Z1D633PJN98FT9 in its examples, 21 for zones
 * created since 2019): 10 is a floor that refuses a truncated id such as `Z123` (an observed shape,
 * not a documented minimum).
 */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{9,31}$/;
