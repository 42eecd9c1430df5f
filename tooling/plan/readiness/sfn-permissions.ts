/**
 * Readiness rule "sfn-permissions": what a state machine's two roles must be allowed for a real
 * `pulumi up` to create it and for its first execution to work, simulated against the roles' planned
 * policies and permissions boundary with the IAM evaluation library the deploy-role rule uses
 * (deploy-role.ts, `decide`). Mocks and moto accept any role; AWS does not:
 *
 * - **Logging, checked at create.** CreateStateMachine with logging refuses a role that cannot set up
 *   the log delivery: "The state machine IAM Role is not authorized to access the Log Destination"
 *   (AccessDeniedException; aws/aws-cdk#26432, aws-samples/serverless-patterns#102, go-to-k/cdkd#2791:
 *   "CreateStateMachine validate[s] at create time that its execution role can reach the configured log
 *   destination"). The actions, on "*", are the Step Functions developer guide's ("Using CloudWatch Logs to
 *   log execution history in Step Functions", IAM policy: logs:CreateLogDelivery, GetLogDelivery,
 *   UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies,
 *   DescribeLogGroups; "you need to specify * in the Resource field"). A permissions boundary counts too
 *   (aws/copilot-cli#4338: the same error under an application's boundary). The provider retries the create
 *   on AccessDeniedException until its 5-minute create timeout (terraform-provider-aws
 *   internal/service/sfn/state_machine.go, "This is done to deal with IAM eventual consistency"), so a role
 *   that lacks the grant fails the `up` five minutes later, not at once.
 *   UNCONFIRMED: which request context Step Functions' check supplies; the rule assumes a call in the
 *   machine's region (aws:RequestedRegion set), which the role's grant is conditioned on.
 * - **Each Task, at run time.** The role runs the definition's tasks: the SNS optimized integration
 *   (`arn:aws:states:::sns:publish`: sns:Publish on the topic, Step Functions developer guide, "IAM policies
 *   for calling Amazon SNS"), with kms:GenerateDataKey* and kms:Decrypt through SNS on an encrypted topic's key
 *   (SNS developer guide, "Encryption at rest", key management), and AWS SDK integrations
 *   (`arn:aws:states:::aws-sdk:<service>:<action>`: the service's IAM action, developer guide, "Integrating
 *   services with the AWS SDK"). Security Hub's BatchUpdateFindings is asked with its request's fields as
 *   `securityhub:ASFFSyntaxPath/<field>` (Security Hub user guide, "BatchUpdateFindings for customers"), so a
 *   grant narrowed to `Workflow.Status` NOTIFIED is judged on what the task sets.
 * - **The rule's target.** EventBridge starts the machine with the target's role: states:StartExecution on the
 *   machine (EventBridge user guide, "Step Functions state machine target", delivery role), a role
 *   events.amazonaws.com may assume. And the execution's input is what the target sends: a definition that reads
 *   the event (`$.detail...`) needs the event whole, no `input`, `inputPath` or `inputTransformer`
 *   (EventBridge API Reference, Target: "If none of these is specified, the entire event is passed").
 *
 * A task this rule cannot map to IAM actions is a finding too: say what it calls, here.
 */
import { parseDefinition, SFN_TARGET_ROLE_SOURCE, stateMachineTargetProblems, taskStates } from "../../../policy/rules/readiness";
import { principals, statements } from "../../../policy/values";
import type { Plan, PlannedResource } from "../../mock-runtime/harness";
import { VENDED_LOG_ACTIONS } from "./deploy-actions";
import { decide, DeployDocuments, parseInput, roleDocuments } from "./deploy-role";
import { managedResources, regionOf } from "./plan-view";
import type { ReadinessFinding, ReadinessRule } from "./types";

export const SFN_PERMISSIONS = "sfn-permissions";

const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ROLE = "aws:iam/role:Role";
const TOPIC = "aws:sns/topic:Topic";
const KEY = "aws:kms/key:Key";

const LOGGING_SOURCE =
    'Step Functions developer guide, "Using CloudWatch Logs to log execution history in Step Functions" (the role\'s IAM policy, Resource "*"); aws/aws-cdk#26432 ("The state machine IAM Role is not authorized to access the Log Destination")';
const TASK_SOURCE =
    'Step Functions developer guide, "Integrating services with the AWS SDK" and "IAM policies for calling Amazon SNS"; SNS developer guide, "Encryption at rest"; Security Hub user guide, "BatchUpdateFindings for customers" (securityhub:ASFFSyntaxPath/<field>)';
const TARGET_SOURCE =
    'EventBridge user guide, "Step Functions state machine target" (the role needs states:StartExecution on the state machine) and API Reference, Target ("If none of these is specified, the entire event is passed")';

/** One IAM request the role makes, for the simulation. */
interface RoleRequest {
    readonly action: string;
    readonly resource: string;
    readonly context: Readonly<Record<string, string | string[]>>;
    readonly resourcePolicy?: unknown;
    readonly why: string;
}

/** The static string leaves of a task's Parameters as ASFF syntax paths (`Workflow.Status`), dynamic (`.$`) keys left out. */
function asffFields(parameters: Record<string, unknown>, prefix = ""): [string, string][] {
    return Object.entries(parameters).flatMap(([key, value]): [string, string][] => {
        if (key.endsWith(".$") || key === "FindingIdentifiers") return [];
        const path = prefix ? `${prefix}.${key}` : key;
        if (typeof value === "string") return [[path, value]];
        if (value && typeof value === "object" && !Array.isArray(value)) return asffFields(value as Record<string, unknown>, path);
        return [];
    });
}

const capitalised = (action: string) => action.charAt(0).toUpperCase() + action.slice(1);

/** The IAM requests one Task makes, or undefined when the rule does not know the integration. */
function taskRequests(
    plan: Plan,
    task: { name: string; resource: string; parameters: Record<string, unknown> },
    where: { partition: string; region: string; account: string },
): RoleRequest[] | undefined {
    const region = { "aws:RequestedRegion": where.region };
    if (/^arn:[\w-]+:states:::sns:publish$/.test(task.resource)) {
        const topicArn = task.parameters.TopicArn;
        if (typeof topicArn !== "string") return []; // a topic chosen at run time: not judged
        const requests: RoleRequest[] = [
            { action: "sns:Publish", resource: topicArn, context: region, why: `task ${task.name} publishes to ${topicArn}` },
        ];
        const topic = plan.resources.find((t) => t.type === TOPIC && t.state.arn === topicArn);
        const keyArn = topic?.inputs.kmsMasterKeyId;
        const key = plan.resources.find((k) => k.type === KEY && (k.state.arn === keyArn || k.id === keyArn));
        if (key && typeof key.state.arn === "string") {
            const keyPolicy = parseInput(key.inputs.policy);
            for (const action of ["kms:GenerateDataKey", "kms:Decrypt"])
                requests.push({
                    action,
                    resource: key.state.arn,
                    context: { ...region, "kms:ViaService": `sns.${where.region}.amazonaws.com`, "kms:CallerAccount": where.account },
                    resourcePolicy: keyPolicy,
                    why: `task ${task.name} publishes to a topic encrypted with ${key.name}`,
                });
        }
        return requests;
    }
    const sdk = /^arn:[\w-]+:states:::aws-sdk:([\w-]+):(\w+)$/.exec(task.resource);
    if (!sdk) return undefined;
    const [, service, call] = sdk;
    const action = `${service}:${capitalised(call)}`;
    if (action === "securityhub:BatchUpdateFindings") {
        const context: Record<string, string> = { ...region };
        for (const [path, value] of asffFields(task.parameters)) context[`securityhub:ASFFSyntaxPath/${path}`] = value;
        return [
            {
                action,
                resource: `arn:${where.partition}:securityhub:${where.region}:${where.account}:hub/default`,
                context,
                why: `task ${task.name} updates findings (${asffFields(task.parameters)
                    .map(([p, v]) => `${p}=${v}`)
                    .join(", ")})`,
            },
        ];
    }
    return [{ action, resource: "*", context: region, why: `task ${task.name} calls ${service} ${call}` }];
}

const arnParts = (arn: unknown) => {
    const m = /^arn:([\w-]+):[\w-]+:([\w-]*):(\d{12}):/.exec(String(arn));
    return m ? { partition: m[1], region: m[2], account: m[3] } : undefined;
};

/** The role a resource names by ARN, among the plan's roles. */
const plannedRole = (plan: Plan, arn: unknown) =>
    typeof arn === "string" ? plan.resources.find((r) => r.type === ROLE && r.state.arn === arn) : undefined;

/** Whether a role's trust policy lets `service` assume it (an Allow naming the service principal). */
function trusts(role: PlannedResource, service: string): boolean | undefined {
    const all = statements(role.inputs.assumeRolePolicy);
    if (all === undefined || !Array.isArray(all)) return undefined;
    return all.some((s) => (s.Effect ?? "Allow") === "Allow" && principals(s).includes(service));
}

export function sfnPermissionFindings(plan: Plan): ReadinessFinding[] {
    const findings: ReadinessFinding[] = [];
    const resources = managedResources(plan);
    const region = regionOf(plan);
    const machines = resources.filter((r) => r.type === STATE_MACHINE);
    /** `role` (its documents `docs`) must be allowed `req`; else a finding on `r` saying what fails. */
    const demand = (
        r: PlannedResource,
        role: PlannedResource,
        docs: DeployDocuments,
        req: RoleRequest,
        source: string,
        consequence: string,
    ) => {
        const decision = decide(docs, req);
        if (decision !== "Allowed")
            findings.push({
                rule: SFN_PERMISSIONS,
                resource: r.urn,
                source,
                message: `${r.name}: ${role.name} is ${decision === "ExplicitlyDenied" ? "explicitly denied" : "not allowed"} ${req.action} on ${req.resource} (${req.why}): ${consequence}`,
            });
    };
    for (const machine of machines) {
        const role = plannedRole(plan, machine.inputs.roleArn);
        const where = arnParts(machine.state.arn);
        if (!role || !where) continue; // a role made elsewhere, or an ARN not known offline: not judged
        const docs = roleDocuments(plan, role);
        const machineRegion = region(machine) ?? where.region;
        const level = (machine.inputs.loggingConfiguration as { level?: unknown } | undefined)?.level;
        if (typeof level === "string" && level !== "OFF") {
            for (const action of VENDED_LOG_ACTIONS) {
                const req: RoleRequest = {
                    action,
                    resource: "*",
                    context: { "aws:RequestedRegion": machineRegion },
                    why: `logging ${level}`,
                };
                demand(
                    machine,
                    role,
                    docs,
                    req,
                    LOGGING_SOURCE,
                    "CreateStateMachine fails (The state machine IAM Role is not authorized to access the Log Destination) after the provider's 5-minute retry",
                );
            }
        }
        for (const task of taskStates(parseDefinition(machine.inputs.definition))) {
            const requests = taskRequests(plan, task, { ...where, region: machineRegion });
            if (requests === undefined) {
                findings.push({
                    rule: SFN_PERMISSIONS,
                    resource: machine.urn,
                    source: TASK_SOURCE,
                    message: `${machine.name}: task ${task.name} calls ${task.resource}, which tooling/plan/readiness/sfn-permissions.ts does not map to IAM actions: say what it needs there`,
                });
                continue;
            }
            for (const req of requests) {
                demand(machine, role, docs, req, TASK_SOURCE, "every execution fails at this task (States.TaskFailed, AccessDenied)");
            }
        }
    }
    for (const target of resources.filter((r) => r.type === EVENT_TARGET)) {
        for (const problem of stateMachineTargetProblems(target.inputs))
            findings.push({
                rule: SFN_PERMISSIONS,
                resource: target.urn,
                source: SFN_TARGET_ROLE_SOURCE,
                message: `${target.name}: ${problem}`,
            });
        const machine = machines.find((m) => m.state.arn === target.inputs.arn);
        if (!machine) continue;
        const role = plannedRole(plan, target.inputs.roleArn);
        if (role) {
            if (trusts(role, "events.amazonaws.com") === false)
                findings.push({
                    rule: SFN_PERMISSIONS,
                    resource: target.urn,
                    source: TARGET_SOURCE,
                    message: `${target.name}: its role ${role.name} does not trust events.amazonaws.com: EventBridge cannot assume it, and no execution starts (FailedInvocations)`,
                });
            const req: RoleRequest = {
                action: "states:StartExecution",
                resource: String(machine.state.arn),
                context: { "aws:RequestedRegion": region(machine) ?? arnParts(machine.state.arn)?.region ?? "us-east-1" },
                why: `the rule's target starts ${machine.name}`,
            };
            demand(
                target,
                role,
                roleDocuments(plan, role),
                req,
                TARGET_SOURCE,
                "EventBridge cannot start the machine: every matched event is dropped after its retries",
            );
        }
        const reshaped = ["input", "inputPath", "inputTransformer"].filter((k) => target.inputs[k] !== undefined);
        if (reshaped.length > 0 && typeof machine.inputs.definition === "string" && machine.inputs.definition.includes("$.detail"))
            findings.push({
                rule: SFN_PERMISSIONS,
                resource: target.urn,
                source: TARGET_SOURCE,
                message: `${target.name}: sets ${reshaped.join(", ")}, but ${machine.name}'s definition reads the event ($.detail...): its paths find nothing and every execution fails (States.Runtime). Pass the event whole`,
            });
    }
    return findings;
}

export const sfnPermissions: ReadinessRule = ({ stack }) => sfnPermissionFindings(stack.plan);
