/**
 * Issue 25's follow-ups: what AWS and the provider ask of the Step Functions state machine, its log delivery,
 * the EventBridge target that starts it and the Security Hub grant it uses (tooling/plan/readiness/sfn-permissions.ts,
 * deploy-actions.ts; pack rules eventbridge-sfn-target-role and securityhub-finding-updates-narrowed). Each on a
 * small hand-built plan shaped like the program's (lib/monitoring/finding-acknowledgement.ts), put right and broken.
 */
import fc from "fast-check";
import { evaluate, PolicySubject } from "../../policy/api";
import {
    expressDefinitionProblems,
    READINESS_POLICIES,
    retryWaitSeconds,
    stateMachineTargetProblems,
    taskStates,
} from "../../policy/rules/readiness";
import { findingUpdateProblems, SELF_FINDING_POLICIES } from "../../policy/rules/self-findings";
import type { Plan, PlannedResource } from "../../tooling/mock-runtime/harness";
import { checkReadiness } from "../../tooling/plan/readiness";
import { CREATE_ACTIONS, SFN_LIFECYCLE_ACTIONS } from "../../tooling/plan/readiness/deploy-actions";
import { decide, deployRoleFindings, knownAction } from "../../tooling/plan/readiness/deploy-role";
import { deployBoundary, deployPolicy, DeployScope } from "../../lib/access/policies";
import { VENDED_LOG_ACTIONS } from "../../tooling/plan/readiness/deploy-actions";
import { sfnPermissionFindings } from "../../tooling/plan/readiness/sfn-permissions";

const ACCOUNT = "123456789012";
const MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:tap-dev-use1-alert-ack`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:tap-dev-use1-alerts`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const HUB = `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function res(type: string, name: string, inputs: Record<string, unknown>, state: Record<string, unknown> = {}): PlannedResource {
    return {
        urn: `urn:pulumi:dev::tap::${type}::${name}`,
        type,
        name,
        custom: true,
        provider: "aws-us-east-1",
        dependsOn: [],
        retainOnDelete: false,
        protect: false,
        inputs,
        state: { ...inputs, ...state },
        id: name,
    };
}
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const trust = (service: string) => doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });
const role = (name: string, service: string, boundary?: string) =>
    res(
        "aws:iam/role:Role",
        name,
        { assumeRolePolicy: trust(service), ...(boundary && { permissionsBoundary: boundary }) },
        { arn: roleArn(name), name },
    );
const rolePolicy = (name: string, roleName: string, ...statements: object[]) =>
    res("aws:iam/rolePolicy:RolePolicy", name, { role: roleName, policy: doc(...statements) });

/** The program's grants (lib/monitoring/finding-acknowledgement.ts), statement by statement. */
const GRANTS = {
    publish: { Sid: "PublishToTheAlertTopic", Effect: "Allow", Action: "sns:Publish", Resource: TOPIC_ARN },
    encrypt: {
        Sid: "EncryptForTheTopic",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: KEY_ARN,
        Condition: { StringEquals: { "kms:ViaService": "sns.us-east-1.amazonaws.com" } },
    },
    notify: {
        Sid: "MarkFindingsNotifiedOnly",
        Effect: "Allow",
        Action: "securityhub:BatchUpdateFindings",
        Resource: HUB,
        Condition: { StringEquals: { "securityhub:ASFFSyntaxPath/Workflow.Status": "NOTIFIED" } },
    },
    logs: {
        Sid: "VendedLogDelivery",
        Effect: "Allow",
        Action: [...VENDED_LOG_ACTIONS],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    },
};
type Grant = keyof typeof GRANTS;

/** The acknowledging definition's tasks (publish, then mark NOTIFIED with a note). */
const definition = (workflowStatus = "NOTIFIED", extra: Record<string, unknown> = {}) =>
    JSON.stringify({
        StartAt: "PublishToAlertTopic",
        States: {
            PublishToAlertTopic: {
                Type: "Task",
                Resource: "arn:aws:states:::sns:publish",
                Parameters: { TopicArn: TOPIC_ARN, "Message.$": "States.JsonToString($)" },
                Next: "MarkNotified",
            },
            MarkNotified: {
                Type: "Task",
                Resource: "arn:aws:states:::aws-sdk:securityhub:batchUpdateFindings",
                Parameters: {
                    FindingIdentifiers: [{ "Id.$": "$.detail.findings[0].Id", "ProductArn.$": "$.detail.findings[0].ProductArn" }],
                    Workflow: { Status: workflowStatus },
                    Note: { Text: "sent", UpdatedBy: "tap-alert-ack" },
                },
                Next: "Done",
            },
            Done: { Type: "Succeed" },
            ...extra,
        },
    });

interface Shape {
    grants?: Grant[];
    level?: string;
    workflowStatus?: string;
    extraStates?: Record<string, unknown>;
    boundary?: object[];
    eventsGrant?: object[];
    eventsTrust?: string;
    target?: Record<string, unknown>;
}

/** A plan shaped like the program's alert state machine; `shape` changes one thing at a time. */
function plan(shape: Shape = {}): Plan {
    const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/tap-dev-use1-workload-boundary`;
    const machineRole = role("tap-dev-use1-alert-ack-role", "states.amazonaws.com", shape.boundary && boundaryArn);
    const eventsRole = role("tap-dev-use1-alert-ack-events-role", shape.eventsTrust ?? "events.amazonaws.com");
    const resources: PlannedResource[] = [
        res("pulumi:providers:aws", "aws-us-east-1", { region: "us-east-1" }),
        res(
            "aws:kms/key:Key",
            "key",
            {
                policy: doc({
                    Sid: "Root",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                    Action: "kms:*",
                    Resource: "*",
                }),
            },
            { arn: KEY_ARN },
        ),
        res("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: KEY_ARN }, { arn: TOPIC_ARN }),
        machineRole,
        rolePolicy(
            "ack-policy",
            "tap-dev-use1-alert-ack-role",
            ...(shape.grants ?? (Object.keys(GRANTS) as Grant[])).map((g) => GRANTS[g]),
        ),
        ...(shape.boundary
            ? [res("aws:iam/policy:Policy", "workload-boundary", { policy: doc(...shape.boundary) }, { arn: boundaryArn })]
            : []),
        res(
            "aws:sfn/stateMachine:StateMachine",
            "tap-dev-use1-alert-ack",
            {
                name: "tap-dev-use1-alert-ack",
                type: "EXPRESS",
                roleArn: machineRole.state.arn,
                definition: definition(shape.workflowStatus, shape.extraStates),
                loggingConfiguration: {
                    level: shape.level ?? "ALL",
                    includeExecutionData: false,
                    logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/tap-dev-use1-alert-ack:*",
                },
            },
            { arn: MACHINE_ARN },
        ),
        eventsRole,
        rolePolicy(
            "ack-events-policy",
            "tap-dev-use1-alert-ack-events-role",
            ...(shape.eventsGrant ?? [
                { Sid: "StartTheAlertStateMachine", Effect: "Allow", Action: "states:StartExecution", Resource: MACHINE_ARN },
            ]),
        ),
        res("aws:cloudwatch/eventTarget:EventTarget", "securityhub-high-to-alerts", {
            rule: "tap-dev-use1-securityhub-high",
            arn: MACHINE_ARN,
            roleArn: eventsRole.state.arn,
            ...shape.target,
        }),
    ];
    return { project: "tap", stack: "dev", resources, outputs: {} };
}
const messages = (p: Plan) => sfnPermissionFindings(p).map((f) => f.message);

describe("sfn-permissions: the state machine's role may do what the create and the definition ask", () => {
    it("passes the program's shape: every vended-log action, each task and the target's StartExecution are allowed", () => {
        expect(messages(plan())).toEqual([]);
        expect(checkReadiness({ stack: { stackFile: "Pulumi.dev.yaml", plan: plan() }, others: [] })).toEqual([]);
    });

    it("flags a role that cannot set up the log delivery (CreateStateMachine refuses it), one finding per action, unless logging is OFF", () => {
        const without = messages(plan({ grants: ["publish", "encrypt", "notify"] }));
        expect(without).toHaveLength(VENDED_LOG_ACTIONS.length);
        for (const [i, action] of VENDED_LOG_ACTIONS.entries()) {
            expect(without[i]).toContain(`not allowed ${action} on *`);
            expect(without[i]).toMatch(/not authorized to access the Log Destination/);
        }
        expect(messages(plan({ grants: ["publish", "encrypt", "notify"], level: "OFF" }))).toEqual([]);
    });

    it("counts the permissions boundary: a boundary without logs refuses what the role's policy grants", () => {
        const boundary = [{ Effect: "Allow", Action: ["sns:*", "kms:*", "securityhub:*"], Resource: "*" }];
        expect(messages(plan({ boundary }))).toEqual(VENDED_LOG_ACTIONS.map((a) => expect.stringContaining(`not allowed ${a}`)));
        expect(messages(plan({ boundary: [...boundary, { Effect: "Allow", Action: "logs:*", Resource: "*" }] }))).toEqual([]);
    });

    it("judges BatchUpdateFindings on the fields the task sets: NOTIFIED passes the narrowed grant, RESOLVED and a missing grant do not", () => {
        expect(messages(plan({ workflowStatus: "RESOLVED" }))).toEqual([
            expect.stringMatching(
                /not allowed securityhub:BatchUpdateFindings on arn:aws:securityhub:us-east-1:123456789012:hub\/default \(task MarkNotified updates findings \(Workflow\.Status=RESOLVED/,
            ),
        ]);
        expect(messages(plan({ grants: ["publish", "encrypt", "logs"] }))).toEqual([
            expect.stringContaining("securityhub:BatchUpdateFindings"),
        ]);
    });

    it("asks sns:Publish on the topic and, the topic being encrypted, kms:GenerateDataKey and kms:Decrypt through SNS", () => {
        expect(messages(plan({ grants: ["notify", "logs"] }))).toEqual([
            expect.stringContaining(`not allowed sns:Publish on ${TOPIC_ARN}`),
            expect.stringContaining(`not allowed kms:GenerateDataKey on ${KEY_ARN}`),
            expect.stringContaining(`not allowed kms:Decrypt on ${KEY_ARN}`),
        ]);
    });

    it("names a task it cannot map to IAM actions, so a new integration is modelled before it ships", () => {
        const lambda = {
            Invoke: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" }, End: true },
        };
        expect(messages(plan({ extraStates: lambda }))).toEqual([
            expect.stringMatching(/task Invoke calls arn:aws:states:::lambda:invoke, which .* does not map/),
        ]);
    });

    it("finds tasks inside Parallel branches and Map processors", () => {
        const nested = {
            StartAt: "P",
            States: {
                P: {
                    Type: "Parallel",
                    Branches: [{ StartAt: "A", States: { A: { Type: "Task", Resource: "r:a", End: true } } }],
                    Next: "M",
                },
                M: { Type: "Map", ItemProcessor: { StartAt: "B", States: { B: { Type: "Task", Resource: "r:b", End: true } } }, End: true },
            },
        };
        expect(taskStates(nested).map((t) => t.name)).toEqual(["A", "B"]);
    });
});

describe("sfn-permissions and eventbridge-sfn-target-role: the rule's target that starts the machine", () => {
    it("flags a target without roleArn (PutTargets: RoleArn is required), in the readiness rule and the pack", () => {
        const p = plan({ target: { roleArn: undefined } });
        expect(messages(p)).toEqual([expect.stringMatching(/without roleArn: PutTargets refuses it/)]);
        const subjects = p.resources.map((r): PolicySubject => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            inputs: r.inputs,
            id: r.id,
            protect: r.protect,
        }));
        const flagged = evaluate(subjects, READINESS_POLICIES)
            .results.filter((r) => r.violations.length > 0)
            .map((r) => r.policy);
        expect(flagged).toEqual(["eventbridge-sfn-target-role"]);
        expect(stateMachineTargetProblems({ arn: TOPIC_ARN })).toEqual([]); // an SNS target needs no role
        expect(stateMachineTargetProblems({ arn: `${MACHINE_ARN}:prod` })).toHaveLength(1); // an alias is a state machine too
    });

    it("flags a target role EventBridge cannot assume, or that may not start this machine", () => {
        expect(messages(plan({ eventsTrust: "states.amazonaws.com" }))).toEqual([
            expect.stringMatching(/does not trust events\.amazonaws\.com/),
        ]);
        expect(
            messages(plan({ eventsGrant: [{ Effect: "Allow", Action: "states:StartExecution", Resource: `${MACHINE_ARN}-other` }] })),
        ).toEqual([expect.stringContaining(`not allowed states:StartExecution on ${MACHINE_ARN}`)]);
    });

    it("flags a target that reshapes the event for a definition that reads $.detail", () => {
        expect(messages(plan({ target: { inputPath: "$.detail" } }))).toEqual([
            expect.stringMatching(/sets inputPath, but .* reads the event/),
        ]);
        expect(messages(plan({ target: { inputTransformer: { inputTemplate: "{}" } } }))).toHaveLength(1);
    });
});

describe("securityhub-finding-updates-narrowed: who may change a finding's workflow", () => {
    const allow = (condition?: object, action: unknown = "securityhub:BatchUpdateFindings") =>
        doc({ Sid: "S", Effect: "Allow", Action: action, Resource: HUB, ...(condition && { Condition: condition }) });
    const KEY = "securityhub:ASFFSyntaxPath/Workflow.Status";

    it("passes an Allow narrowed to NOTIFIED with StringEquals or ForAnyValue:StringEquals, and Denies of any kind", () => {
        expect(findingUpdateProblems(allow({ StringEquals: { [KEY]: "NOTIFIED" } }))).toEqual([]);
        expect(findingUpdateProblems(allow({ "ForAnyValue:StringEquals": { [KEY]: ["NOTIFIED", "RESOLVED"] } }))).toEqual([]);
        expect(findingUpdateProblems(doc({ Effect: "Deny", Action: "securityhub:BatchUpdateFindings", Resource: "*" }))).toEqual([]);
        expect(findingUpdateProblems(allow(undefined, "sns:Publish"))).toEqual([]);
    });

    it("flags an unconditioned Allow (securityhub:* and * too), ForAllValues (true without the key) and SUPPRESSED", () => {
        expect(findingUpdateProblems(allow())).toEqual([
            expect.stringMatching(/without StringEquals on securityhub:ASFFSyntaxPath\/Workflow\.Status/),
        ]);
        expect(findingUpdateProblems(allow(undefined, "securityhub:*"))).toHaveLength(1);
        expect(findingUpdateProblems(allow(undefined, "*"))).toHaveLength(1);
        expect(findingUpdateProblems(allow({ "ForAllValues:StringEquals": { [KEY]: ["NOTIFIED"] } }))).toHaveLength(1);
        expect(findingUpdateProblems(allow({ StringEquals: { [KEY]: "SUPPRESSED" } }))).toEqual([expect.stringMatching(/SUPPRESSED/)]);
    });

    it("flags exactly the grants whose statuses are empty or include SUPPRESSED (property)", () => {
        const statuses = fc.subarray(["NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"]);
        fc.assert(
            fc.property(statuses, (values) => {
                const problems = findingUpdateProblems(allow({ StringEquals: { [KEY]: values } }));
                expect(problems.length > 0).toBe(values.length === 0 || values.includes("SUPPRESSED"));
            }),
        );
    });

    it("is in the pack for service roles: the program's grant passes, a loose one fails; CI's role and boundaries are not judged", () => {
        const stateMachineRole = role("ack-role", "states.amazonaws.com");
        const ciRole = res(
            "aws:iam/role:Role",
            "deploy",
            { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "github" }, Action: "sts:AssumeRoleWithWebIdentity" }) },
            { arn: roleArn("deploy"), name: "deploy" },
        );
        const grant = rolePolicy("ack-policy", "ack-role", GRANTS.notify);
        const loose = rolePolicy("loose-policy", "ack-role", { ...GRANTS.notify, Condition: undefined });
        const ci = rolePolicy("deploy-policy", "deploy", { Effect: "Allow", Action: "securityhub:*", Resource: "*" });
        const attachedArn = `arn:aws:iam::${ACCOUNT}:policy/loose-managed`;
        const managed = res(
            "aws:iam/policy:Policy",
            "loose-managed",
            { policy: doc({ Effect: "Allow", Action: "securityhub:*", Resource: "*" }) },
            { arn: attachedArn },
        );
        const attachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ack-attach", {
            role: "ack-role",
            policyArn: attachedArn,
        });
        const report = evaluate(
            [stateMachineRole, ciRole, grant, loose, ci, managed, attachment].map((r): PolicySubject => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                inputs: r.state,
                id: r.id,
                protect: r.protect,
            })),
            SELF_FINDING_POLICIES,
        );
        expect(
            report.results
                .find((r) => r.policy === "securityhub-finding-updates-narrowed")!
                .violations.map((v) => v.resource)
                .sort(),
        ).toEqual([loose.name, managed.name].sort());
    });
});

describe("sfn-express and sfn-express-request-response: what an EXPRESS state machine cannot run", () => {
    const machine = (type: string, extra: Record<string, unknown> = {}) =>
        res("aws:sfn/stateMachine:StateMachine", "ack", { type, definition: definition("NOTIFIED", extra) });
    const rule = (m: PlannedResource) =>
        checkReadiness({
            stack: { stackFile: "Pulumi.dev.yaml", plan: { project: "tap", stack: "dev", resources: [m], outputs: {} } },
            others: [],
        });

    it("passes the program's definition (two Request Response tasks, 14 s of retries each)", () => {
        expect(expressDefinitionProblems(machine("EXPRESS").inputs)).toEqual([]);
        expect(retryWaitSeconds({ ErrorEquals: ["States.ALL"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 })).toBe(14);
    });

    it("flags .sync and .waitForTaskToken in EXPRESS (not in STANDARD), in the readiness rule and the pack", () => {
        const wait = { Wait: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", End: true } };
        const job = { Job: { Type: "Task", Resource: "arn:aws:states:::ecs:runTask.sync", End: true } };
        expect(expressDefinitionProblems(machine("EXPRESS", { ...wait, ...job }).inputs)).toEqual([
            expect.stringMatching(
                /task Wait uses .*waitForTaskToken: an EXPRESS state machine supports Request Response integrations only/,
            ),
            expect.stringMatching(/task Job uses .*runTask\.sync/),
        ]);
        expect(expressDefinitionProblems(machine("STANDARD", wait).inputs)).toEqual([]);
        expect(rule(machine("EXPRESS", wait)).map((f) => f.rule)).toEqual(["sfn-express"]);
        const subject = (r: PlannedResource): PolicySubject => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            inputs: r.inputs,
            id: r.id,
            protect: r.protect,
        });
        const flagged = evaluate([subject(machine("EXPRESS", wait))], READINESS_POLICIES).results.filter((r) => r.violations.length > 0);
        expect(flagged.map((r) => r.policy)).toEqual(["sfn-express-request-response"]);
    });

    it("flags retries that wait beyond the five minutes an Express execution may run", () => {
        const slow = {
            Slow: {
                Type: "Task",
                Resource: "arn:aws:states:::sns:publish",
                Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 30, MaxAttempts: 4, BackoffRate: 2 }],
                End: true,
            },
        };
        expect(retryWaitSeconds(slow.Slow.Retry[0])).toBe(450);
        expect(expressDefinitionProblems(machine("EXPRESS", slow).inputs)).toEqual([
            expect.stringMatching(/can wait 450 s in all, beyond the 300 s/),
        ]);
        expect(retryWaitSeconds({ IntervalSeconds: 30, MaxAttempts: 4, BackoffRate: 2, MaxDelaySeconds: 40 })).toBe(30 + 40 + 40 + 40);
    });

    it("sums a retrier's waits as ASL defines them (property: never more than attempts x cap, never less than attempts x interval when the backoff is 1 or more)", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 60 }),
                fc.integer({ min: 0, max: 10 }),
                fc.double({ min: 1, max: 3, noNaN: true }),
                fc.integer({ min: 1, max: 600 }),
                (interval, attempts, backoff, cap) => {
                    const total = retryWaitSeconds({
                        IntervalSeconds: interval,
                        MaxAttempts: attempts,
                        BackoffRate: backoff,
                        MaxDelaySeconds: cap,
                    });
                    expect(total).toBeLessThanOrEqual(attempts * cap + 1e-9);
                    expect(total).toBeGreaterThanOrEqual(attempts * Math.min(interval, cap) - 1e-9);
                },
            ),
        );
    });
});

describe("deploy-role-coverage: a preview of a state machine asks states:ValidateStateMachineDefinition", () => {
    it("maps it for the state machine, and a deploy role refused it is a finding", () => {
        expect(CREATE_ACTIONS["aws:sfn/stateMachine:StateMachine"]).toContain("states:ValidateStateMachineDefinition");
        const github = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
        const deploy = (deny: boolean): Plan => ({
            project: "tap",
            stack: "dev",
            outputs: {},
            resources: [
                res("pulumi:providers:aws", "aws-us-east-1", { region: "us-east-1" }),
                res(
                    "aws:iam/role:Role",
                    "deploy",
                    {
                        assumeRolePolicy: doc({
                            Effect: "Allow",
                            Principal: { Federated: github },
                            Action: "sts:AssumeRoleWithWebIdentity",
                        }),
                    },
                    { arn: roleArn("deploy"), name: "deploy" },
                ),
                rolePolicy(
                    "deploy-policy",
                    "deploy",
                    { Effect: "Allow", Action: "*", Resource: "*" },
                    ...(deny ? [{ Effect: "Deny", Action: "states:ValidateStateMachineDefinition", Resource: "*" }] : []),
                ),
                res(
                    "aws:sfn/stateMachine:StateMachine",
                    "machine",
                    { name: "machine", roleArn: roleArn("x"), definition: "{}" },
                    { arn: MACHINE_ARN },
                ),
            ],
        });
        expect(deployRoleFindings(deploy(false))).toEqual([]);
        expect(deployRoleFindings(deploy(true)).map((f) => f.message)).toEqual([
            expect.stringMatching(/explicitly denied states:ValidateStateMachineDefinition/),
        ]);
    });
    it("tap's deploy role (permissions and boundary) may update and destroy the state machine and its log delivery, in the stack's regions only", () => {
        const scope: DeployScope = {
            partition: "aws",
            account: ACCOUNT,
            environmentSuffix: "dev",
            regions: ["us-east-1"],
            namePrefixes: ["tap-dev-use1"],
            deployRoleName: "tap-dev-use1-deploy",
            deployPolicyNames: ["tap-dev-use1-deploy"],
            workloadBoundaryName: "tap-dev-use1-workload-boundary",
            supportRoleName: "tap-dev-use1-support",
            auditorRoleName: "tap-dev-use1-auditor",
            auditTrailBucketName: `tap-dev-use1-cloudtrail-${ACCOUNT}`,
            hostedZoneIds: [],
        };
        const docs = {
            role: role("tap-dev-use1-deploy", "states.amazonaws.com"),
            account: ACCOUNT,
            identity: [deployPolicy(scope)],
            boundary: deployBoundary(scope),
            bootstrap: new Set<string>(),
        };
        expect(SFN_LIFECYCLE_ACTIONS.filter((a) => !knownAction(a))).toEqual([]);
        const asked = (region: string) =>
            SFN_LIFECYCLE_ACTIONS.map((action) => [
                action,
                decide(docs, {
                    action,
                    resource: action.startsWith("logs:") ? "*" : MACHINE_ARN,
                    context: { "aws:RequestedRegion": region },
                }),
            ]);
        expect(asked("us-east-1").filter(([, d]) => d !== "Allowed")).toEqual([]);
        expect(asked("eu-central-1").filter(([, d]) => d === "Allowed")).toEqual([]);
    });
});
