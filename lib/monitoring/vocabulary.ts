/**
 * What the monitoring components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** The largest monthly budget the config accepts (a guard against a stray digit, not an AWS limit). */
export const BUDGET_USD_MAX = 1_000_000;
