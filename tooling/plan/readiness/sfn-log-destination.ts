/** Step Functions logging CreateStateMachine refuses (the table and its sources: policy/rules/readiness.ts, SFN_LOG_DESTINATION_SOURCE). */
import { SFN_LOG_DESTINATION_SOURCE, stateMachineLogDestinationProblems } from "../../../policy/rules/readiness";
import { managedResources } from "./plan-view";
import { ReadinessRule } from "./types";

export const sfnLogDestinations: ReadinessRule = ({ stack }) =>
    managedResources(stack.plan)
        .filter((r) => r.type === "aws:sfn/stateMachine:StateMachine")
        .flatMap((machine) =>
            stateMachineLogDestinationProblems(machine.inputs).map((problem) => ({
                rule: "sfn-log-destination",
                resource: machine.urn,
                message: `${machine.name}: ${problem}. The create fails; give the log group's ARN with ':*' and name the group /aws/vendedlogs/states/<name>`,
                source: SFN_LOG_DESTINATION_SOURCE,
            })),
        );
