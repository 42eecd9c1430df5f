/**
 * The alert state machine (Step Functions and EventBridge clients): Security Hub's alert rule starts
 * it, and it publishes each finding and marks it NOTIFIED (lib/monitoring/finding-acknowledgement.ts),
 * logging its executions (StepFunctions.1); its role may mark findings NOTIFIED and nothing else (the pack's
 * securityhub-finding-updates-narrowed, read from the deployed role). Permissions: states:DescribeStateMachine,
 * events:ListRuleNamesByTarget, events:DescribeRule, iam:ListAttachedRolePolicies, iam:ListRolePolicies, iam:GetRolePolicy.
 */
import { DescribeRuleCommand, ListRuleNamesByTargetCommand } from "@aws-sdk/client-eventbridge";
import { GetRolePolicyCommand } from "@aws-sdk/client-iam";
import { DescribeStateMachineCommand } from "@aws-sdk/client-sfn";
import { STATE_MACHINE_LOG_LEVELS } from "../../policy/rules/logging";
import { acknowledgementGaps, findingUpdateProblems, NEW_FAILING_CONTROL } from "../../policy/rules/self-findings";
import { matches } from "../events/event-pattern";
import { attachedPolicyNames, decoded, inlinePolicyNames, roleName } from "./access";
import { Check, CheckContext, Outcome, verdict } from "./check";

/**
 * The state machine's role as deployed: no managed policy (the program attaches none, and this check reads
 * inline policies only), and every Allow of BatchUpdateFindings held to the workflow statuses it names, never
 * SUPPRESSED (findingUpdateProblems, the pack rule's own reading).
 */
async function roleOutcome(context: CheckContext, arn: string): Promise<Outcome> {
    const name = roleName(arn);
    const [attached, inline] = await Promise.all([attachedPolicyNames(context, name), inlinePolicyNames(context, name)]);
    const problems = attached.length > 0 ? [`managed policies attached, which this check does not read: ${attached.join(", ")}`] : [];
    for (const policyName of inline) {
        const { PolicyDocument } = await context.clients.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
        problems.push(...findingUpdateProblems(decoded(PolicyDocument)).map((p) => `${policyName}: ${p}`));
    }
    return verdict(
        arn,
        problems,
        `no managed policy; BatchUpdateFindings held to the statuses it names in ${inline.length} inline policies`,
    );
}

export const alertAcknowledgement: Check = {
    id: "sns.alerts-acknowledged",
    control: "StepFunctions.1; design: alerts only on news (issue 25)",
    proves: "The alert state machine is ACTIVE and EXPRESS, logs at ALL or ERROR to a log group (StepFunctions.1), publishes each finding before marking it NOTIFIED, its role may set findings only to the workflow statuses it names (never SUPPRESSED), and an enabled rule that matches new failing Security Hub control findings starts it.",
    requires: ["alertStateMachineArn"],
    async run(context) {
        const { clients, outputs } = context;
        if (!clients.sfn || !clients.events)
            throw new Error("the Step Functions and EventBridge clients are missing (createClients makes them)");
        const arn = outputs.string("alertStateMachineArn");
        const machine = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
        const problems: string[] = [];
        if (machine.status !== "ACTIVE") problems.push(`status ${machine.status}`);
        if (machine.type !== "EXPRESS") problems.push(`type ${machine.type}, not EXPRESS`);
        const level = machine.loggingConfiguration?.level;
        if (!(STATE_MACHINE_LOG_LEVELS as readonly (string | undefined)[]).includes(level))
            problems.push(`logging level ${level ?? "unset"}: StepFunctions.1 wants ${STATE_MACHINE_LOG_LEVELS.join(" or ")}`);
        if (!machine.loggingConfiguration?.destinations?.some((d) => d.cloudWatchLogsLogGroup?.logGroupArn))
            problems.push("no log group receives its executions (StepFunctions.1)");
        let definition: unknown;
        try {
            definition = JSON.parse(machine.definition ?? "");
        } catch {
            problems.push("its definition is not JSON");
        }
        if (definition !== undefined) problems.push(...acknowledgementGaps(definition));
        const outcomes: Outcome[] = [verdict(arn, problems, `ACTIVE, EXPRESS, logging ${level}, publishes then marks NOTIFIED`)];
        if (machine.roleArn) outcomes.push(await roleOutcome(context, machine.roleArn));
        else outcomes.push(verdict(arn, ["DescribeStateMachine names no role"], ""));
        const ruleNames: string[] = [];
        // EventBridge API reference, ListRuleNamesByTarget: pages by NextToken (the SDK has no paginator for it).
        let next: string | undefined;
        do {
            const page = await clients.events.send(new ListRuleNamesByTargetCommand({ TargetArn: arn, NextToken: next }));
            ruleNames.push(...(page.RuleNames ?? []));
            next = page.NextToken;
        } while (next);
        if (ruleNames.length === 0)
            return [...outcomes, verdict(arn, ["no EventBridge rule starts it: Security Hub findings reach no one"], "")];
        for (const name of ruleNames) {
            const rule = await clients.events.send(new DescribeRuleCommand({ Name: name }));
            const ruleProblems: string[] = [];
            if (rule.State !== "ENABLED") ruleProblems.push(`state ${rule.State}`);
            let pattern: unknown;
            try {
                pattern = JSON.parse(rule.EventPattern ?? "");
            } catch {
                ruleProblems.push("no event pattern");
            }
            if (pattern !== undefined && !matches(pattern, NEW_FAILING_CONTROL))
                ruleProblems.push("its pattern does not match a new failing HIGH Security Hub control finding");
            outcomes.push(
                verdict(
                    rule.Arn ?? name,
                    ruleProblems,
                    "enabled, matches new failing Security Hub control findings, starts the state machine",
                ),
            );
        }
        return outcomes;
    },
};
