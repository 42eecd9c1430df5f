/** AWS Budgets check (Budgets client): the stack's cost budget exists and alerts the alert topic. */
import {
    Budget,
    DescribeBudgetCommand,
    Expression,
    paginateDescribeNotificationsForBudget,
    paginateDescribeSubscribersForNotification,
} from "@aws-sdk/client-budgets";
import { Check, collect, verdict } from "./check";

/** The account the stack runs in, from the alert topic's ARN (`arn:aws:sns:<region>:<account>:<name>`). */
const accountOf = (topicArn: string) => topicArn.split(":")[4] ?? "";

/**
 * What a budget filters on, in words: its FilterExpression (Budgets' newer filter: And/Or/Not over
 * Dimensions, Tags and CostCategories, AWS Budgets API reference "Expression") and its legacy CostFilters.
 */
export function budgetFilters(budget: Budget | undefined): { readonly tagKeys: ReadonlySet<string>; readonly other: readonly string[] } {
    const tagKeys = new Set<string>();
    const other: string[] = [];
    const walk = (e: Expression | undefined): void => {
        if (e === undefined) return;
        [...(e.And ?? []), ...(e.Or ?? [])].forEach(walk);
        if (e.Not) other.push("a Not filter");
        if (e.Or?.length) other.push("an Or filter");
        if (e.Tags?.Key) tagKeys.add(e.Tags.Key);
        if (e.Dimensions?.Key) other.push(`${e.Dimensions.Key} ${(e.Dimensions.Values ?? []).join(",")}`);
        if (e.CostCategories?.Key) other.push(`cost category ${e.CostCategories.Key}`);
    };
    walk(budget?.FilterExpression);
    for (const [key, values] of Object.entries(budget?.CostFilters ?? {})) {
        // Legacy tag filters read `TagKeyValue: ["user:Project$tap", ...]`.
        if (key === "TagKeyValue") for (const v of values) tagKeys.add(v.replace(/^user:/, "").split("$")[0]);
        else other.push(`${key} ${values.join(",")}`);
    }
    return { tagKeys, other };
}

/** Problems of a budget's filter against tap:budgetScope: `account` counts everything, `stack-tags` the stack's Project and Environment. */
export function budgetScopeProblems(scope: string, budget: Budget | undefined): string[] {
    const { tagKeys, other } = budgetFilters(budget);
    if (scope === "account") {
        const filters = [...[...tagKeys].map((k) => `tag ${k}`), ...other];
        return filters.length > 0
            ? [`filters on ${filters.join("; ")}: it counts part of the account, not all of it (tap:budgetScope account)`]
            : [];
    }
    const missing = ["Project", "Environment"].filter((k) => !tagKeys.has(k));
    return missing.length > 0 ? [`does not filter on the stack's ${missing.join(" and ")} tag (tap:budgetScope stack-tags)`] : [];
}

export const budgetAlerts: Check = {
    id: "budgets.alerts",
    control: "design: cost budget alerts",
    proves: "The stack's monthly cost budget exists with the amount it exports, counts what tap:budgetScope says (the whole account, or the stack's Project and Environment tags), and alerts the stack's alert topic on actual and on forecast cost.",
    requires: ["budgetName", "monthlyBudgetUsd", "alarmTopicArn"],
    async run({ clients, outputs }) {
        const budgetName = outputs.string("budgetName");
        const topicArn = outputs.string("alarmTopicArn");
        const accountId = accountOf(topicArn);
        const { Budget: budget } = await clients.budgets.send(new DescribeBudgetCommand({ AccountId: accountId, BudgetName: budgetName }));
        const problems: string[] = [];
        const amount = Number(budget?.BudgetLimit?.Amount);
        // A number in `pulumi stack output --json`, a string in CloudFormation-style flat outputs.
        const expected = Number(outputs.raw.monthlyBudgetUsd);
        if (!Number.isFinite(expected))
            throw new Error(`output monthlyBudgetUsd must be a number, got ${JSON.stringify(outputs.raw.monthlyBudgetUsd)}`);
        if (budget?.BudgetType !== "COST" || budget.TimeUnit !== "MONTHLY")
            problems.push(`a ${budget?.TimeUnit} ${budget?.BudgetType} budget, not MONTHLY COST`);
        if (amount !== expected)
            problems.push(`limit ${budget?.BudgetLimit?.Amount} ${budget?.BudgetLimit?.Unit}, the stack says ${expected} USD`);
        // A stack deployed before tap:budgetScope exports none: its filter is not judged.
        if (outputs.has("budgetScope")) problems.push(...budgetScopeProblems(outputs.string("budgetScope"), budget));
        const notifications = await collect(
            paginateDescribeNotificationsForBudget({ client: clients.budgets }, { AccountId: accountId, BudgetName: budgetName }),
            (page) => page.Notifications,
        );
        for (const type of ["ACTUAL", "FORECASTED"] as const) {
            const mine = notifications.filter((n) => n.NotificationType === type);
            if (mine.length === 0) {
                problems.push(`no ${type} notification`);
                continue;
            }
            const reached = await Promise.all(
                mine.map(async (notification) => {
                    const subscribers = await collect(
                        paginateDescribeSubscribersForNotification(
                            { client: clients.budgets },
                            { AccountId: accountId, BudgetName: budgetName, Notification: notification },
                        ),
                        (page) => page.Subscribers,
                    );
                    return subscribers.some((s) => s.SubscriptionType === "SNS" && s.Address === topicArn);
                }),
            );
            if (!reached.some(Boolean)) problems.push(`the ${type} notification does not alert ${topicArn}`);
        }
        const thresholds = notifications.map((n) => `${n.NotificationType} > ${n.Threshold}%`).join(", ");
        return [verdict(budgetName, problems, `${amount} USD a month; alerts ${thresholds} to the alert topic`)];
    },
};

export const BUDGETS_CHECKS: readonly Check[] = [budgetAlerts];
