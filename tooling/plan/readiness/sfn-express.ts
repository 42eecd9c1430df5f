/** What an EXPRESS state machine cannot run (the table and its sources: policy/rules/readiness.ts, SFN_EXPRESS_SOURCE). */
import { expressDefinitionProblems, SFN_EXPRESS_SOURCE } from "../../../policy/rules/readiness";
import { managedResources } from "./plan-view";
import { ReadinessRule } from "./types";

export const sfnExpress: ReadinessRule = ({ stack }) =>
    managedResources(stack.plan)
        .filter((r) => r.type === "aws:sfn/stateMachine:StateMachine")
        .flatMap((machine) =>
            expressDefinitionProblems(machine.inputs).map((problem) => ({
                rule: "sfn-express",
                resource: machine.urn,
                message: `${machine.name}: ${problem}. Use Request Response tasks and shorter retries, or a STANDARD state machine (a replacement: the type forces a new one)`,
                source: SFN_EXPRESS_SOURCE,
            })),
        );
