/** budgets.alerts against DescribeBudget / DescribeNotificationsForBudget / DescribeSubscribersForNotification answers built on the AWS CLI examples (test/verify/fixtures/budgets). */
import {
    Budget,
    BudgetsClient,
    DescribeBudgetCommand,
    DescribeNotificationsForBudgetCommand,
    DescribeSubscribersForNotificationCommand,
    Notification,
} from "@aws-sdk/client-budgets";
import { budgetAlerts } from "../../tooling/verify/budgets";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, outputs, REGION, TIER_OUTPUTS } from "./support";

const BUDGET_OUTPUTS = { budgetName: TIER_OUTPUTS.budgetName, monthlyBudgetUsd: TIER_OUTPUTS.monthlyBudgetUsd };
const withBudget = (overrides: Record<string, unknown> = {}) => outputs({ ...BUDGET_OUTPUTS, ...overrides });
const documented = {} as { budget: Budget; notification: Notification; subscriber: { SubscriptionType?: string; Address?: string } };
beforeAll(async () => {
    documented.budget = (await sdkResponse<{ Budget: Budget }>("budgets/DescribeBudget.cli-example")).Budget;
    documented.notification = (
        await sdkResponse<{ Notifications: Notification[] }>("budgets/DescribeNotificationsForBudget.cli-example")
    ).Notifications[0];
    documented.subscriber = (
        await sdkResponse<{ Subscribers: { SubscriptionType?: string; Address?: string }[] }>(
            "budgets/DescribeSubscribersForNotification.cli-example",
        )
    ).Subscribers[0];
});
/** The documented notification (ACTUAL > 80) as one of the stack's. */
const notification = (NotificationType: "ACTUAL" | "FORECASTED", Threshold: number): Notification => ({
    ...documented.notification,
    NotificationType,
    Threshold,
    ThresholdType: "PERCENTAGE",
});

const newMocks = () => mockedClients({ budgets: new BudgetsClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
    mocks.budgets
        .on(DescribeBudgetCommand)
        .resolves({ Budget: { ...documented.budget, BudgetName: "tap-dev-use1-monthly", BudgetLimit: { Amount: "75.0", Unit: "USD" } } });
    mocks.budgets
        .on(DescribeNotificationsForBudgetCommand)
        .resolves({ Notifications: [notification("ACTUAL", 80), notification("FORECASTED", 100)] });
    mocks.budgets
        .on(DescribeSubscribersForNotificationCommand)
        .resolves({ Subscribers: [{ ...documented.subscriber, SubscriptionType: "SNS", Address: DEV_OUTPUTS.alarmTopicArn }] });
});

describe("budgets.alerts (design: cost budget alerts)", () => {
    it("passes the stack's budget of the exported amount alerting the alert topic on actual and forecast cost; asks in the topic's account", async () => {
        const [finding] = await findings(budgetAlerts, mocks, withBudget());
        expect(finding).toEqual(
            expect.objectContaining({
                resource: "tap-dev-use1-monthly",
                status: "pass",
                reason: "75 USD a month; alerts ACTUAL > 80%, FORECASTED > 100% to the alert topic",
            }),
        );
        expect(mocks.budgets.commandCalls(DescribeBudgetCommand)[0].args[0].input).toEqual({
            AccountId: ACCOUNT,
            BudgetName: "tap-dev-use1-monthly",
        });
    });

    it("fails a budget whose amount drifted from the stack's, or that lost its forecast alert", async () => {
        mocks.budgets.on(DescribeBudgetCommand).resolves({
            Budget: {
                BudgetName: "tap-dev-use1-monthly",
                BudgetType: "COST",
                TimeUnit: "MONTHLY",
                BudgetLimit: { Amount: "500.0", Unit: "USD" },
            },
        });
        mocks.budgets.on(DescribeNotificationsForBudgetCommand).resolves({ Notifications: [notification("ACTUAL", 80)] });
        const [finding] = await findings(budgetAlerts, mocks, withBudget());
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(/limit 500\.0 USD, the stack says 75 USD/);
        expect(finding.reason).toMatch(/no FORECASTED notification/);
    });

    it("fails when the alerts go to another topic (or only to email)", async () => {
        mocks.budgets
            .on(DescribeSubscribersForNotificationCommand)
            .resolves({ Subscribers: [{ SubscriptionType: "EMAIL", Address: "someone@example.com" }] });
        const [finding] = await findings(budgetAlerts, mocks, withBudget());
        expect(finding.reason).toMatch(/the ACTUAL notification does not alert arn:aws:sns/);
    });

    it("is skipped for a stack without a budget", async () => {
        const [finding] = await findings(budgetAlerts, mocks, outputs());
        expect([finding.status, finding.reason]).toEqual(["skipped", "skipped: output budgetName not in this stack"]);
        expect(mocks.budgets.commandCalls(DescribeBudgetCommand)).toEqual([]);
    });
});

describe("budgets.alerts holds the budget's filter to tap:budgetScope", () => {
    const withScope = (scope: string, budget: Partial<Budget>) => {
        mocks.budgets.on(DescribeBudgetCommand).resolves({
            Budget: {
                ...documented.budget,
                BudgetName: "tap-dev-use1-monthly",
                BudgetLimit: { Amount: "75.0", Unit: "USD" },
                ...budget,
            },
        });
        return findings(budgetAlerts, mocks, withBudget({ budgetScope: scope }));
    };
    const tag = (Key: string, value: string) => ({ Tags: { Key, Values: [value], MatchOptions: ["EQUALS" as const] } });

    it("account: the documented budget, filtered to one AZ, counts part of the account and fails; without a filter it passes", async () => {
        const [filtered] = await withScope("account", {});
        expect([filtered.status, filtered.reason]).toEqual([
            "fail",
            "filters on AZ us-east-1: it counts part of the account, not all of it (tap:budgetScope account)",
        ]);
        const [whole] = await withScope("account", { CostFilters: undefined });
        expect(whole.status).toBe("pass");
        const [tagged] = await withScope("account", {
            CostFilters: undefined,
            FilterExpression: { And: [tag("Project", "tap"), tag("Environment", "dev")] },
        });
        expect(tagged.reason).toMatch(/filters on tag Project; tag Environment/);
    });

    it("stack-tags: both the Project and the Environment tag, as a FilterExpression or legacy TagKeyValue filters; one missing fails, naming it", async () => {
        expect(
            (
                await withScope("stack-tags", {
                    CostFilters: undefined,
                    FilterExpression: { And: [tag("Project", "tap"), tag("Environment", "dev")] },
                })
            )[0].status,
        ).toBe("pass");
        expect(
            (await withScope("stack-tags", { CostFilters: { TagKeyValue: ["user:Project$tap", "user:Environment$dev"] } }))[0].status,
        ).toBe("pass");
        const [partial] = await withScope("stack-tags", { CostFilters: undefined, FilterExpression: tag("Project", "tap") });
        expect([partial.status, partial.reason]).toEqual([
            "fail",
            "does not filter on the stack's Environment tag (tap:budgetScope stack-tags)",
        ]);
    });
});
