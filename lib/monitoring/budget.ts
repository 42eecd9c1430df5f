import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CostBudgetArgs {
    readonly namePrefix: string;
    /** USD a month. */
    readonly monthlyBudgetUsd: number;
    /** Alert on actual cost above this percentage of the budget. @default 80 */
    readonly budgetActualAlertPercent: number;
    /** Alert on forecast cost above this percentage of the budget. @default 100 */
    readonly budgetForecastAlertPercent: number;
    /** The stack's tags the budget filters on (each must be activated as a cost allocation tag). */
    readonly tags: { readonly Project: string; readonly Environment: string };
    /** The alert topic; its policy must admit budgets.amazonaws.com and its key let Budgets use it. */
    readonly alertTopicArn: pulumi.Input<string>;
    readonly provider: aws.Provider;
}

/**
 * The stack's monthly cost budget (AWS Budgets): the cost of resources tagged with the stack's
 * Project and Environment, with an alert to the topic when the actual cost passes one threshold
 * and the forecast another. Budgets is global: one budget per stack, from the primary region.
 */
export class CostBudget extends pulumi.ComponentResource {
    public readonly budget: aws.budgets.Budget;

    constructor(name: string, args: CostBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:CostBudget", name, {}, { ...opts, providers: { aws: args.provider } });
        const alert = (notificationType: "ACTUAL" | "FORECASTED", threshold: number) => ({
            notificationType,
            comparisonOperator: "GREATER_THAN",
            threshold,
            thresholdType: "PERCENTAGE",
            subscriberSnsTopicArns: [args.alertTopicArn],
        });
        this.budget = new aws.budgets.Budget(`${args.namePrefix}-budget`, {
            name: `${args.namePrefix}-monthly`,
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: args.monthlyBudgetUsd.toFixed(2),
            limitUnit: "USD",
            // Both tags: the stack's resources, not every resource of the project or of the environment.
            filterExpression: {
                ands: [
                    { tags: { key: "Project", values: [args.tags.Project], matchOptions: ["EQUALS"] } },
                    { tags: { key: "Environment", values: [args.tags.Environment], matchOptions: ["EQUALS"] } },
                ],
            },
            notifications: [alert("ACTUAL", args.budgetActualAlertPercent), alert("FORECASTED", args.budgetForecastAlertPercent)],
        }, { parent: this, provider: args.provider });
        this.registerOutputs({ budgetName: this.budget.name });
    }
}
