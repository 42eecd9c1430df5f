/** The stack's cost budget (tap:monthlyBudgetUsd, set by Pulumi.prod.yaml): AWS Budgets over the stack's tags, alerting the alert topic. Unset: stack/monitoring.spec.ts. */
import { budgetTagKeys } from "../../policy/rules/readiness";
import * as aws from "@pulumi/aws";
import { parseTapConfig, TapConfigError } from "../../lib/config";
import { evaluatePolicies } from "../../policy/api";
import { CostBudget } from "../../lib/cost/budget";
import { estimateCost } from "../../tooling/plan/cost";
import { runOnMocks } from "../../tooling/mock-runtime/harness";
import { byRef, one, ofType, Plan, planStackFile, policyDocument, stackFileConfig } from "../support";
import { defaultSettings } from "../../lib/config/declare";
import { COST_BUDGET_SETTINGS } from "../../lib/cost/settings";

const BUDGET = "aws:budgets/budget:Budget";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const budgetStatement = (plan: Plan, type: string, key: string, provider = "aws-us-east-1") =>
    ofType(plan, type)
        .filter((r) => r.provider === provider)
        .flatMap((r) => policyDocument(r.inputs[key]).Statement)
        .filter((s) => JSON.stringify(s.Principal).includes("budgets.amazonaws.com"));

describe("cost budget (tap:monthlyBudgetUsd)", () => {
    let prod: Plan;
    beforeAll(async () => {
        prod = await planStackFile("prod");
    });

    it("budgets the prod stack file's amount a month over its own account's cost, counted from the first day (no tag filter: tap:budgetScope account)", () => {
        expect(stackFileConfig("prod")["tap:monthlyBudgetUsd"]).toBe("500");
        const budget = one(prod, BUDGET);
        expect(budget.inputs).toMatchObject({ budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "500.00", limitUnit: "USD" });
        expect([budget.inputs.filterExpression, budget.inputs.costFilters]).toEqual([undefined, undefined]);
        // The scope is exported for budgets.alerts, which holds the deployed budget's filter to it.
        expect(prod.outputs.budgetScope).toBe("account");
    });

    it("tap:budgetScope stack-tags filters on both the stack's Project and Environment, and the pack reminds that they need activating", async () => {
        const tagged = await planStackFile("prod", { "tap:budgetScope": "stack-tags" });
        const budget = one(tagged, BUDGET);
        expect(budget.inputs.filterExpression).toEqual({
            ands: [
                { tags: { key: "Project", values: ["tap"], matchOptions: ["EQUALS"] } },
                { tags: { key: "Environment", values: ["prod"], matchOptions: ["EQUALS"] } },
            ],
        });
        expect(budgetTagKeys(budget.inputs)).toEqual(["Project", "Environment"]);
        expect(budgetTagKeys(one(prod, BUDGET).inputs)).toEqual([]);
    });

    it("alerts the primary region's alert topic on actual cost above 80% and forecast cost above 100% (the defaults)", () => {
        const notifications = one(prod, BUDGET).inputs.notifications as Array<Record<string, unknown>>;
        expect(notifications.map((n) => [n.notificationType, n.threshold, n.thresholdType, n.comparisonOperator])).toEqual([
            ["ACTUAL", 80, "PERCENTAGE", "GREATER_THAN"],
            ["FORECASTED", 100, "PERCENTAGE", "GREATER_THAN"],
        ]);
        for (const n of notifications) {
            expect(n.subscriberSnsTopicArns).toHaveLength(1);
            expect(byRef(prod, (n.subscriberSnsTopicArns as string[])[0]).name).toBe("tap-prod-use1-alerts");
        }
    });

    it("the topic admits budgets.amazonaws.com for this account only, and the topic's key lets Budgets use it", () => {
        const [topic] = budgetStatement(prod, TOPIC_POLICY, "policy");
        expect(topic).toMatchObject({
            Effect: "Allow",
            Action: "sns:Publish",
            Condition: {
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": "arn:aws:budgets::123456789012:*" },
            },
        });
        const [key] = budgetStatement(prod, "aws:kms/key:Key", "policy");
        expect(key).toMatchObject({
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
    });

    it("tap-security's budget-alerts-reach-topic examines the budget and passes it (both alerts, a topic that admits Budgets)", () => {
        const result = evaluatePolicies(prod).results.find((r) => r.policy === "budget-alerts-reach-topic")!;
        expect(result.examined).toBe(1);
        expect(result.violations).toEqual([]);
    });

    it("over two regions: one budget, in the primary; the other region's topic and key admit no Budgets", async () => {
        const two = await planStackFile("prod", { "tap:regions": '["us-east-1","us-west-2"]' });
        expect(ofType(two, BUDGET).map((b) => b.provider)).toEqual(["aws-us-east-1"]);
        expect(budgetStatement(two, TOPIC_POLICY, "policy", "aws-us-west-2")).toEqual([]);
        expect(budgetStatement(two, "aws:kms/key:Key", "policy", "aws-us-west-2")).toEqual([]);
    });

    it("the offline plan compares its estimate with the budget, and the shipped prod file's fixed cost fits its own budget (no warning on the example)", () => {
        const estimate = estimateCost(prod);
        expect(estimate.budget).toEqual({ monthlyUsd: 500, exceeded: false });
        expect(estimate.monthlyUsd).toBeGreaterThan(100);
    });

    it("the thresholds are the component's: 50% actual, 120% forecast", async () => {
        const plan = await runOnMocks(
            () => {
                const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
                new CostBudget("b", {
                    namePrefix: "tap-x-use1",
                    settings: {
                        ...defaultSettings(COST_BUDGET_SETTINGS, "dev"),
                        monthlyBudgetUsd: 12,
                        budgetActualAlertPercent: 50,
                        budgetForecastAlertPercent: 120,
                    },
                    tags: { Project: "tap", Environment: "x" },
                    alertTopicArn: "arn:aws:sns:us-east-1:123456789012:t",
                    provider,
                });
                return {};
            },
            { stack: "dev" },
        );
        const budget = one(plan, BUDGET);
        expect(budget.inputs.limitAmount).toBe("12.00");
        expect((budget.inputs.notifications as Array<{ threshold: number }>).map((n) => n.threshold)).toEqual([50, 120]);
    });

    it.each([["0"], ["-5"], ["12.5"], ["lots"], ["1000001"]])(
        "tap:monthlyBudgetUsd %s is refused, naming the key and what is allowed",
        (value) => {
            expect(() => parseTapConfig({ "tap:monthlyBudgetUsd": value }, "dev")).toThrow(TapConfigError);
            expect(() => parseTapConfig({ "tap:monthlyBudgetUsd": value }, "dev")).toThrow(
                /tap:monthlyBudgetUsd.*whole number from 1 to 1000000/,
            );
        },
    );
});
