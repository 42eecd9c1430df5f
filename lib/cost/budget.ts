import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CostBudgetSettings } from "./settings";

export interface CostBudgetArgs {
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: CostBudgetSettings;
    /** The stack's tags the budget filters on with budgetScope `stack-tags` (each must be activated as a cost allocation tag). */
    readonly tags: { readonly Project: string; readonly Environment: string };
    /** The alert topic; its policy must admit budgets.amazonaws.com and its key let Budgets use it. */
    readonly alertTopicArn: pulumi.Input<string>;
    readonly provider: aws.Provider;
}

/**
 * The stack's monthly cost budget (AWS Budgets): the account's cost (or, with budgetScope
 * `stack-tags`, that of resources tagged with the stack's Project and Environment), with an alert to the topic when the actual cost passes one threshold
 * and the forecast another. Budgets is global: one budget per stack, from the primary region.
 */
export class CostBudget extends pulumi.ComponentResource {
    public readonly budget: aws.budgets.Budget;

    constructor(name: string, args: CostBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
        const { monthlyBudgetUsd } = args.settings;
        if (monthlyBudgetUsd === undefined)
            throw new Error(`CostBudget ${name}: settings.monthlyBudgetUsd is unset: a budget needs its amount (tap:monthlyBudgetUsd)`);
        super("tap:monitoring:CostBudget", name, {}, { ...opts, providers: { aws: args.provider } });
        const alert = (notificationType: "ACTUAL" | "FORECASTED", threshold: number) => ({
            notificationType,
            comparisonOperator: "GREATER_THAN",
            threshold,
            thresholdType: "PERCENTAGE",
            subscriberSnsTopicArns: [args.alertTopicArn],
        });
        this.budget = new aws.budgets.Budget(
            `${args.namePrefix}-budget`,
            {
                name: `${args.namePrefix}-monthly`,
                budgetType: "COST",
                timeUnit: "MONTHLY",
                limitAmount: monthlyBudgetUsd.toFixed(2),
                limitUnit: "USD",
                // `account` (the default): no filter, so the budget counts from the first day; a tag filter counts
                // nothing until the tags are activated as cost allocation tags, which the stack cannot do on its
                // first `up` (aws.costexplorer.CostAllocationTag fails for a key billing has not seen yet,
                // terraform-provider-aws#29068, and is refused in a member account, 2i2c-org/infrastructure#4932).
                // `stack-tags`: both tags, the stack's resources, not every resource of the project or environment.
                ...(args.settings.budgetScope === "stack-tags" && {
                    filterExpression: {
                        ands: [
                            { tags: { key: "Project", values: [args.tags.Project], matchOptions: ["EQUALS"] } },
                            { tags: { key: "Environment", values: [args.tags.Environment], matchOptions: ["EQUALS"] } },
                        ],
                    },
                }),
                notifications: [
                    alert("ACTUAL", args.settings.budgetActualAlertPercent),
                    alert("FORECASTED", args.settings.budgetForecastAlertPercent),
                ],
            },
            { parent: this, provider: args.provider },
        );
        this.registerOutputs({ budgetName: this.budget.name });
    }
}
