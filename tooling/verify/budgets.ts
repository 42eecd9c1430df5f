/** AWS Budgets check (Budgets client): the stack's cost budget exists and alerts the alert topic. */
import { DescribeBudgetCommand, paginateDescribeNotificationsForBudget, paginateDescribeSubscribersForNotification } from "@aws-sdk/client-budgets";
import { Check, collect, verdict } from "./check";

/** The account the stack runs in, from the alert topic's ARN (`arn:aws:sns:<region>:<account>:<name>`). */
const accountOf = (topicArn: string) => topicArn.split(":")[4] ?? "";

export const budgetAlerts: Check = {
    id: "budgets.alerts",
    control: "design: cost budget alerts",
    proves: "The stack's monthly cost budget exists with the amount it exports and alerts the stack's alert topic on actual and on forecast cost.",
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
        if (!Number.isFinite(expected)) throw new Error(`output monthlyBudgetUsd must be a number, got ${JSON.stringify(outputs.raw.monthlyBudgetUsd)}`);
        if (budget?.BudgetType !== "COST" || budget.TimeUnit !== "MONTHLY") problems.push(`a ${budget?.TimeUnit} ${budget?.BudgetType} budget, not MONTHLY COST`);
        if (amount !== expected) problems.push(`limit ${budget?.BudgetLimit?.Amount} ${budget?.BudgetLimit?.Unit}, the stack says ${expected} USD`);
        const notifications = await collect(paginateDescribeNotificationsForBudget({ client: clients.budgets }, { AccountId: accountId, BudgetName: budgetName }), (page) => page.Notifications);
        for (const type of ["ACTUAL", "FORECASTED"] as const) {
            const mine = notifications.filter((n) => n.NotificationType === type);
            if (mine.length === 0) {
                problems.push(`no ${type} notification`);
                continue;
            }
            const reached = await Promise.all(mine.map(async (notification) => {
                const subscribers = await collect(paginateDescribeSubscribersForNotification({ client: clients.budgets }, { AccountId: accountId, BudgetName: budgetName, Notification: notification }), (page) => page.Subscribers);
                return subscribers.some((s) => s.SubscriptionType === "SNS" && s.Address === topicArn);
            }));
            if (!reached.some(Boolean)) problems.push(`the ${type} notification does not alert ${topicArn}`);
        }
        const thresholds = notifications.map((n) => `${n.NotificationType} > ${n.Threshold}%`).join(", ");
        return [verdict(budgetName, problems, `${amount} USD a month; alerts ${thresholds} to the alert topic`)];
    },
};

export const BUDGETS_CHECKS: readonly Check[] = [budgetAlerts];
