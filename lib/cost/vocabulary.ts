/**
 * What the cost budget (CostBudget) accepts, kept apart from it so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** The largest monthly budget the config accepts (a guard against a stray digit, not an AWS limit). */
export const BUDGET_USD_MAX = 1_000_000;

/**
 * What a cost budget counts. `account`: every cost of the account, counted from the first day (tap's
 * recommended layout gives each stack its own account, docs/first-deploy.md). `stack-tags`: resources
 * tagged with the stack's Project and Environment, which AWS Budgets counts only once both keys are
 * activated as cost allocation tags in the billing (management) account, possible only after they appear
 * in billing data, up to 24 hours after the first tagged resource (AWS Billing user guide, "Activating
 * user-defined cost allocation tags"); until then the budget tracks $0 and never alerts.
 */
export const BUDGET_SCOPES = ["account", "stack-tags"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];
