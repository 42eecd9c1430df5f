/** The alert state machine check (tooling/verify/alerts.ts) against Step Functions, EventBridge and IAM responses. */
import { DescribeRuleCommand, EventBridgeClient, ListRuleNamesByTargetCommand } from "@aws-sdk/client-eventbridge";
import { GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DescribeStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import { alertAcknowledgement } from "../../tooling/verify/alerts";
import { sdkResponse } from "./fixtures";
import { findings, mockedClients, outputs, REGION } from "./support";

const ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:tap-dev-use1-alert-ack";
const newMocks = () =>
    mockedClients({
        sfn: new SFNClient({ region: REGION }),
        events: new EventBridgeClient({ region: REGION }),
        iam: new IAMClient({ region: REGION }),
    });
/** The machine role's inline policy as GetRolePolicy returns it (URL-encoded), with the program's BatchUpdateFindings statement, `condition` replacing its Condition (null: none). */
const rolePolicy = (condition: object | null = { StringEquals: { "securityhub:ASFFSyntaxPath/Workflow.Status": "NOTIFIED" } }) => ({
    RoleName: "tap-dev-use1-alert-ack-role-1234567",
    PolicyName: "tap-dev-use1-alert-ack-policy-7654321",
    PolicyDocument: encodeURIComponent(
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "MarkFindingsNotifiedOnly",
                    Effect: "Allow",
                    Action: "securityhub:BatchUpdateFindings",
                    Resource: "arn:aws:securityhub:us-east-1:123456789012:hub/default",
                    ...(condition && { Condition: condition }),
                },
            ],
        }),
    ),
});
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
    mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
    mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["tap-dev-use1-alert-ack-policy-7654321"] });
    mocks.iam.on(GetRolePolicyCommand).resolves(rolePolicy());
});

describe("sns.alerts-acknowledged (StepFunctions.1; alerts only on news)", () => {
    it("passes the state machine the program plans and the rule that starts it", async () => {
        const found = await findings(alertAcknowledgement, mocks, withMachine());
        expect(found.map((f) => f.status)).toEqual(["pass", "pass", "pass"]);
        expect(mocks.sfn.commandCalls(DescribeStateMachineCommand)[0].args[0].input).toEqual({ stateMachineArn: ARN });
        // The role DescribeStateMachine names (test/verify/fixtures/sfn), read by its name.
        expect(mocks.iam.commandCalls(GetRolePolicyCommand)[0].args[0].input).toEqual({
            RoleName: "tap-dev-use1-alert-ack-role-1234567",
            PolicyName: "tap-dev-use1-alert-ack-policy-7654321",
        });
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
        expect((await findings(alertAcknowledgement, mocks, withMachine())).map((f) => f.status)).toEqual(["pass", "pass", "fail"]);
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
        const [, , rule] = await findings(alertAcknowledgement, mocks, withMachine());
        expect(rule).toMatchObject({ status: "fail", reason: expect.stringMatching(/state DISABLED.*does not match a new failing/) });
    });

    it("fails a role that may set findings without a Workflow.Status condition, or SUPPRESSED, or carries a managed policy", async () => {
        const role = async () => (await findings(alertAcknowledgement, mocks, withMachine()))[1];
        mocks.iam.on(GetRolePolicyCommand).resolves(rolePolicy(null));
        expect(await role()).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/without StringEquals on securityhub:ASFFSyntaxPath\/Workflow\.Status/),
        });
        mocks.iam
            .on(GetRolePolicyCommand)
            .resolves(rolePolicy({ StringEquals: { "securityhub:ASFFSyntaxPath/Workflow.Status": "SUPPRESSED" } }));
        expect(await role()).toMatchObject({ status: "fail", reason: expect.stringMatching(/SUPPRESSED/) });
        mocks.iam.on(GetRolePolicyCommand).resolves(rolePolicy());
        mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: "AWSSecurityHubFullAccess" }] });
        expect(await role()).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/managed policies attached.*AWSSecurityHubFullAccess/),
        });
    });

    it("is skipped where the region does not alert on Security Hub (no alertStateMachineArn)", async () => {
        expect((await findings(alertAcknowledgement, mocks, outputs({}, ["alertStateMachineArn"]))).map((f) => f.status)).toEqual([
            "skipped",
        ]);
    });
});
