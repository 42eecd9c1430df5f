/** The settings of CostBudget, beside its Args. */
import { always, key, settingsGroup, SettingsOf } from "../config/declare";
import { intIn, oneOf } from "../config/schemas";
import { BUDGET_SCOPES, BUDGET_USD_MAX, BudgetScope } from "./vocabulary";

export const COST_BUDGET_SETTINGS = settingsGroup("CostBudget", {
    monthlyBudgetUsd: key({
        schema: intIn(1, BUDGET_USD_MAX),
        accepts: `whole US dollars, 1 to ${BUDGET_USD_MAX}`,
        doc: "An AWS Budgets cost budget of this many USD a month over the account (or the stack's tags: tap:budgetScope), alerting the primary region's topic; none when unset. The offline plan warns when its cost estimate exceeds it.",
    }),
    budgetScope: key({
        schema: oneOf(BUDGET_SCOPES),
        default: always<BudgetScope>("account"),
        doc: "What tap:monthlyBudgetUsd counts: `account`, the account's whole cost, from the first day (one stack per account, docs/first-deploy.md); `stack-tags`, resources tagged with the stack's Project and Environment, which counts nothing until both are activated as cost allocation tags in the billing account (up to a day after they first appear).",
    }),
    budgetActualAlertPercent: key({
        schema: intIn(1, 1000),
        default: always(80),
        doc: "Alert when the month's actual cost passes this percentage of tap:monthlyBudgetUsd.",
    }),
    budgetForecastAlertPercent: key({
        schema: intIn(1, 1000),
        default: always(100),
        doc: "Alert when the month's forecast cost passes this percentage of tap:monthlyBudgetUsd.",
    }),
});
export type CostBudgetSettings = SettingsOf<typeof COST_BUDGET_SETTINGS>;
