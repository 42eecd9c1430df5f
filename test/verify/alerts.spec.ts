/** The alert state machine check (tooling/verify/alerts.ts) against Step Functions and EventBridge responses. */
import { DescribeRuleCommand, EventBridgeClient, ListRuleNamesByTargetCommand } from "@aws-sdk/client-eventbridge";
import { DescribeStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import { alertAcknowledgement } from "../../tooling/verify/alerts";
import { sdkResponse } from "./fixtures";
import { findings, mockedClients, outputs, REGION } from "./support";

const ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:tap-dev-use1-alert-ack";
const newMocks = () => mockedClients({ sfn: new SFNClient({ region: REGION }), events: new EventBridgeClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
const withMachine = () => outputs({ alertStateMachineArn: ARN });
interface Described {
    definition: string;
    loggingConfiguration: { level: string };
}
interface Definition {
    States: { MarkNotified: { Parameters: { Workflow: { Status: string } } } };
}
/** The state machine as described (test/verify/fixtures/sfn), `edit` applied to its body and to its parsed definition. */
const machine = (edit: (b: Described, definition: Definition) => void = () => undefined) =>
    sdkResponse("sfn/DescribeStateMachine.api-syntax", (body) => {
        const b = body as Described;
        const definition = JSON.parse(b.definition) as Definition;
        edit(b, definition);
        b.definition = JSON.stringify(definition);
    });

beforeEach(async () => {
    mocks = newMocks();
    mocks.sfn.on(DescribeStateMachineCommand).resolves(await machine());
    mocks.events.on(ListRuleNamesByTargetCommand).resolves(await sdkResponse("events/ListRuleNamesByTarget.api-syntax"));
    mocks.events.on(DescribeRuleCommand).resolves(await sdkResponse("events/DescribeRule.api-syntax"));
});

describe("sns.alerts-acknowledged (StepFunctions.1; alerts only on news)", () => {
    it("passes the state machine the program plans and the rule that starts it", async () => {
        const found = await findings(alertAcknowledgement, mocks, withMachine());
        expect(found.map((f) => f.status)).toEqual(["pass", "pass"]);
        expect(mocks.sfn.commandCalls(DescribeStateMachineCommand)[0].args[0].input).toEqual({ stateMachineArn: ARN });
        expect(mocks.events.commandCalls(ListRuleNamesByTargetCommand)[0].args[0].input).toMatchObject({ TargetArn: ARN });
    });

    it("fails logging OFF (StepFunctions.1) and a definition that leaves the finding NEW", async () => {
        mocks.sfn.on(DescribeStateMachineCommand).resolves(
            await machine((b, d) => {
                b.loggingConfiguration.level = "OFF";
                d.States.MarkNotified.Parameters.Workflow.Status = "NEW";
            }),
        );
        const [state] = await findings(alertAcknowledgement, mocks, withMachine());
        expect(state).toMatchObject({ status: "fail", reason: expect.stringMatching(/logging level OFF.*Workflow NOTIFIED/) });
    });

    it("fails when no rule starts it, and a disabled rule or one that misses new failing findings", async () => {
        mocks.events.on(ListRuleNamesByTargetCommand).resolves({ RuleNames: [] });
        expect((await findings(alertAcknowledgement, mocks, withMachine())).map((f) => f.status)).toEqual(["pass", "fail"]);
        mocks.events.on(ListRuleNamesByTargetCommand).resolves(await sdkResponse("events/ListRuleNamesByTarget.api-syntax"));
        mocks.events.on(DescribeRuleCommand).resolves(
            await sdkResponse("events/DescribeRule.api-syntax", (body) => {
                const b = body as { State: string; EventPattern: string };
                b.State = "DISABLED";
                b.EventPattern = JSON.stringify({
                    source: ["aws.securityhub"],
                    detail: { findings: { Workflow: { Status: ["NOTIFIED"] } } },
                });
            }),
        );
        const [, rule] = await findings(alertAcknowledgement, mocks, withMachine());
        expect(rule).toMatchObject({ status: "fail", reason: expect.stringMatching(/state DISABLED.*does not match a new failing/) });
    });

    it("is skipped where the region does not alert on Security Hub (no alertStateMachineArn)", async () => {
        expect((await findings(alertAcknowledgement, mocks, outputs({}, ["alertStateMachineArn"]))).map((f) => f.status)).toEqual([
            "skipped",
        ]);
    });
});
