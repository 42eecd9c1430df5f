/**
 * Deploy readiness, one resource at a time: what a real `pulumi up` or `pulumi destroy` meets and
 * mocks and moto do not (docs/first-deploy.md). Each class is a table of AWS's and the provider's
 * documented behaviour, read by a pack rule here and by the plan's readiness rules
 * (tooling/plan/readiness/), which also look across resources and stack files.
 */
import { ofType, pointsAt } from "../relations";
import { resourcePolicy, StackPolicy, StackViolation, TapPolicy } from "../types";
import { allows, at, isUnknown, list, principals, statements, strings } from "../values";

const ROLE = "aws:iam/role:Role";
const DETECTOR_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const SSM_ASSOCIATION = "aws:ssm/association:Association";
const BUCKET = "aws:s3/bucket:Bucket";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

/** A documented behaviour and where AWS or the provider documents it. */
export interface Sourced {
    readonly source: string;
}

/**
 * The condition keys each service sends when it assumes a role (so a trust policy may test them).
 * A key outside this list makes AssumeRole fail: the trust never matches. Services not listed are not judged.
 */
export const SERVICE_TRUST_KEYS: Readonly<Record<string, Sourced & { readonly keys: readonly string[] }>> = {
    "cloudtrail.amazonaws.com": {
        keys: [],
        source: 'CloudTrail user guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring": "Confused deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role policy doesn\'t support the use of aws:SourceArn and aws:SourceAccount."',
    },
    "vpc-flow-logs.amazonaws.com": {
        keys: ["aws:SourceAccount", "aws:SourceArn"],
        source: 'Amazon VPC user guide, "IAM role for publishing flow logs to CloudWatch Logs" (trust policy with aws:SourceAccount and aws:SourceArn)',
    },
    "config.amazonaws.com": {
        keys: ["aws:SourceAccount"],
        source: 'AWS Config developer guide, "Permissions for the IAM role assigned to AWS Config" (trust policy with aws:SourceAccount)',
    },
    "ssm.amazonaws.com": {
        keys: ["aws:SourceAccount", "aws:SourceArn"],
        source: 'Systems Manager user guide, "Cross-service confused deputy prevention" (aws:SourceArn, aws:SourceAccount)',
    },
    "states.amazonaws.com": {
        keys: ["aws:SourceAccount", "aws:SourceArn"],
        source: 'Step Functions developer guide, "Cross-service confused deputy prevention" (the state machine role\'s trust with aws:SourceArn and aws:SourceAccount)',
    },
    "events.amazonaws.com": {
        keys: ["aws:SourceAccount", "aws:SourceArn"],
        source: 'EventBridge user guide, "Cross-service confused deputy prevention" (a target role\'s trust with aws:SourceArn, the rule, and aws:SourceAccount)',
    },
    "ec2.amazonaws.com": {
        keys: [],
        source: 'Amazon EC2 user guide, "IAM roles for Amazon EC2" (the instance role\'s trust policy has no condition)',
    },
};

/** A role's trust statements that condition a service on keys it does not send, in words. */
export function unsentTrustKeys(assumeRolePolicy: unknown): { service: string; key: string; source: string }[] {
    const all = statements(assumeRolePolicy);
    if (all === undefined || isUnknown(all)) return [];
    const found: { service: string; key: string; source: string }[] = [];
    for (const s of all.filter(allows)) {
        const condition = s.Condition;
        if (!condition || typeof condition !== "object") continue;
        const keys = Object.values(condition as Record<string, unknown>).flatMap((block) =>
            block && typeof block === "object" ? Object.keys(block) : [],
        );
        for (const service of principals(s)) {
            const sent = SERVICE_TRUST_KEYS[service];
            if (!sent) continue;
            for (const key of keys) {
                if (!sent.keys.some((k) => k.toLowerCase() === key.toLowerCase())) found.push({ service, key, source: sent.source });
            }
        }
    }
    return found;
}

/**
 * Inputs the provider stores in the fuller form AWS returns: declared partially, they differ from
 * state on every `up` (and, where the block forces a new resource, replace it each time).
 */
export const ECHOED_WHOLE: readonly (Sourced & {
    readonly type: string;
    readonly describe: string;
    readonly missing: (props: Readonly<Record<string, unknown>>) => string[];
})[] = [
    {
        type: DETECTOR_FEATURE,
        describe: "GuardDuty RUNTIME_MONITORING's additional configurations",
        missing: (p) => {
            if (p.name !== "RUNTIME_MONITORING") return [];
            const declared = list(p.additionalConfigurations).map((c) => at(c, "name"));
            if (declared.some(isUnknown)) return [];
            return ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"].filter((n) => !declared.includes(n));
        },
        source: 'GuardDuty API Reference, DetectorAdditionalConfiguration (GetDetector returns EKS_ADDON_MANAGEMENT, ECS_FARGATE_AGENT_MANAGEMENT and EC2_AGENT_MANAGEMENT for RUNTIME_MONITORING); aws-constraints, "What mocks and moto cannot show"',
    },
];

/** Where Patch Manager documents what NoReboot leaves behind. */
export const NO_REBOOT_SOURCE =
    'Systems Manager API Reference, InstancePatchState.RebootOption (NoReboot: "Patches installed with this option are assigned a status of InstalledPendingReboot") and DescribePatchGroupState (nodes with InstalledPendingReboot patches are NON_COMPLIANT); Security Hub SSM.2';

/** The RebootOption an Install passes to AWS-RunPatchBaseline: a window task's Run Command parameters, or an association's. */
function installRebootOption(props: Readonly<Record<string, unknown>>, type: string): unknown {
    if (type === WINDOW_TASK) {
        if (props.taskArn !== "AWS-RunPatchBaseline") return undefined;
        const parameters = list(at(props.taskInvocationParameters, "runCommandParameters", "parameters"));
        const value = (name: string) =>
            strings(
                at(
                    parameters.find((x) => at(x, "name") === name),
                    "values",
                ),
            )[0];
        return value("Operation") === "Install" ? value("RebootOption") : undefined;
    }
    if (props.name !== "AWS-RunPatchBaseline") return undefined;
    const parameters = props.parameters as Record<string, unknown> | undefined;
    return parameters?.Operation === "Install" ? parameters.RebootOption : undefined;
}

/** Whether an Install leaves patches InstalledPendingReboot. */
export function installsWithoutReboot(props: Readonly<Record<string, unknown>>, type: string): boolean {
    return installRebootOption(props, type) === "NoReboot";
}

/** Where the provider documents force-destroy's reading of Object Lock. */
export const FORCE_DESTROY_OBJECT_LOCK_SOURCE =
    "terraform-provider-aws internal/service/s3/bucket.go, resourceBucketDelete: force_destroy empties the bucket with BypassGovernanceRetention only when the bucket's own object_lock_enabled is true";
export const COMPLIANCE_MODE_SOURCE =
    'S3 user guide, "Object Lock retention modes": in compliance mode "a protected object version can\'t be overwritten or deleted by any user, including the root user"';

/** What a destroy of this bucket meets, given its Object Lock configuration: a sentence per blocker. */
export function objectLockDestroyBlockers(
    bucket: Readonly<Record<string, unknown>>,
    lock: Readonly<Record<string, unknown>>,
): { message: string; source: string }[] {
    const mode = at(lock.rule, "defaultRetention", "mode");
    if (mode === "COMPLIANCE") {
        return [
            {
                message:
                    "its objects are locked in COMPLIANCE mode: nobody can delete them before their retention ends, so a destroy of the bucket fails until then; retain the bucket (retainOnDelete) or use GOVERNANCE",
                source: COMPLIANCE_MODE_SOURCE,
            },
        ];
    }
    if (bucket.forceDestroy === true && bucket.objectLockEnabled !== true && !isUnknown(bucket.objectLockEnabled)) {
        return [
            {
                message:
                    "forceDestroy is set and Object Lock is switched on by a separate BucketObjectLockConfiguration, but the bucket's own objectLockEnabled is not true: the provider then deletes without bypassing governance retention and the destroy fails on the locked objects; set objectLockEnabled: true on the bucket",
                source: FORCE_DESTROY_OBJECT_LOCK_SOURCE,
            },
        ];
    }
    return [];
}

const trustKeysSent = resourcePolicy({
    name: "iam-service-trust-keys-sent",
    controls: "aws-constraints (service role trust); CloudTrail.5 (the trail's CloudWatch Logs role)",
    description:
        "A role trusting an AWS service conditions it only on keys that service sends when it assumes the role (a table from the services' guides): a trust on any other key never matches and the service cannot assume the role.",
    enforcementLevel: "mandatory",
    resourceTypes: [ROLE],
    check: (p) =>
        unsentTrustKeys(p.assumeRolePolicy).map(
            ({ service, key, source }) =>
                `trusts ${service} only under ${key}, which ${service} does not send when it assumes the role: AssumeRole fails (${source})`,
        ),
});

const echoedWhole = resourcePolicy({
    name: "provider-echoed-inputs-declared-whole",
    controls: "aws-constraints (perpetual diffs); GuardDuty Runtime Monitoring",
    description:
        "Inputs the provider stores in the fuller form AWS returns are declared whole (GuardDuty RUNTIME_MONITORING: every additional configuration), so a second `up` shows no changes instead of replacing the resource each time.",
    enforcementLevel: "mandatory",
    resourceTypes: [...new Set(ECHOED_WHOLE.map((e) => e.type))],
    check: (p, type) =>
        ECHOED_WHOLE.filter((e) => e.type === type).flatMap((e) => {
            const missing = e.missing(p);
            return missing.length > 0
                ? [`${e.describe} leave out ${missing.join(", ")}, which AWS returns: the diff never clears (${e.source})`]
                : [];
        }),
});

const patchInstallReboots = resourcePolicy({
    name: "ssm-patch-install-reboots",
    controls: "SSM.2",
    description:
        "No AWS-RunPatchBaseline Install (maintenance window task or association) passes RebootOption NoReboot: installed patches would stay InstalledPendingReboot, which Patch Manager reports as non-compliant; reboot (RebootIfNeeded) or patch by replacement.",
    enforcementLevel: "mandatory",
    resourceTypes: [WINDOW_TASK, SSM_ASSOCIATION],
    check: (p, type) =>
        installsWithoutReboot(p, type)
            ? [
                  `installs with RebootOption NoReboot: the patches stay InstalledPendingReboot and the instance NON_COMPLIANT until a reboot nobody schedules (${NO_REBOOT_SOURCE})`,
              ]
            : [],
});

const objectLockDestroyable: StackPolicy = {
    name: "s3-object-lock-destroyable",
    controls: "aws-constraints (destroy reads state); NIST AU-9",
    description:
        "A bucket whose Object Lock a separate BucketObjectLockConfiguration switches on, and which a destroy deletes, can be emptied by it: GOVERNANCE retention with the bucket's own objectLockEnabled true when forceDestroy is set, never COMPLIANCE retention unless the bucket is retained.",
    enforcementLevel: "mandatory",
    resourceTypes: [OBJECT_LOCK],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        for (const lock of ofType(resources, OBJECT_LOCK)) {
            for (const bucket of ofType(resources, BUCKET).filter((b) => pointsAt(lock, "bucket", b) === "yes")) {
                // A protected bucket is never deleted by a destroy (Pulumi refuses), a retained one is left in the account.
                if (bucket.protect) continue;
                for (const b of objectLockDestroyBlockers(bucket.props, lock.props))
                    violations.push({ urn: bucket.urn, message: `${b.message} (${b.source})` });
            }
        }
        return violations;
    },
};

/** Where AWS documents that a tag counts in Budgets only once activated. */
export const COST_ALLOCATION_TAG_SOURCE =
    'AWS Billing user guide, "Activating user-defined cost allocation tags" (activated in the management account, after the tag appears in billing data, up to 24 hours later); terraform-provider-aws#29068 (aws_ce_cost_allocation_tag fails for a key billing has not seen)';

/** The user tag keys a budget filters on (filterExpression, at any depth, or the legacy costFilters TagKeyValue). */
export function budgetTagKeys(props: Readonly<Record<string, unknown>>): string[] {
    const keys: string[] = [];
    const walk = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== "object") return;
        const tags = (node as Record<string, unknown>).tags;
        const key = at(tags, "key");
        if (typeof key === "string") keys.push(key);
        Object.values(node as Record<string, unknown>).forEach(walk);
    };
    walk(props.filterExpression);
    for (const f of list(props.costFilters)) {
        if (at(f, "name") === "TagKeyValue") keys.push(...strings(at(f, "values")).map((v) => v.split("$")[0].replace(/^user:/, "")));
    }
    return [...new Set(keys)];
}

const budgetCountsFromDayOne = resourcePolicy({
    name: "budget-counts-from-first-day",
    controls: "aws-constraints (Budgets and cost allocation tags)",
    description:
        "A cost budget that filters on tags counts nothing until those tags are activated as cost allocation tags, which the stack cannot do on its first `up`: it is flagged so the activation is not forgotten (tap:budgetScope account counts the account from the first day).",
    enforcementLevel: "advisory",
    advisoryReason: "the tags may already be activated in the billing account, which the plan cannot see",
    resourceTypes: ["aws:budgets/budget:Budget"],
    check: (p) => {
        const keys = budgetTagKeys(p);
        return keys.length === 0
            ? []
            : [
                  `filters on the tags ${keys.join(", ")}: until each is activated as a cost allocation tag the budget tracks $0 and never alerts (${COST_ALLOCATION_TAG_SOURCE})`,
              ];
    },
});

/**
 * Step Functions logging as the service accepts it at CreateStateMachine, in the provider's issues:
 * the destination is a log group ARN with the `:*` qualifier ("InvalidLoggingConfiguration: Invalid
 * Logging Configuration: Log Group ARN must be provided with '*' qualifier", terraform-provider-aws#17682,
 * #18614), and the log group is named under /aws/vendedlogs/states/, or the vended-logs resource policy
 * of the account fills up and the create fails ("The CloudWatch Logs Resource Policy size was exceeded.
 * We suggest prefixing your CloudWatch log group name with /aws/vendedlogs/states/", aws/aws-cdk#28900,
 * HHS/simpler-grants-gov#1615: "periodically (eg. not every time)").
 */
export const SFN_LOG_DESTINATION_SOURCE =
    "terraform-provider-aws#17682 and #18614 (Log Group ARN must be provided with '*' qualifier); aws/aws-cdk#28900 and Step Functions developer guide, \"Best practices: Logging to CloudWatch Logs\" (prefix the log group name with /aws/vendedlogs/states/ or the CloudWatch Logs resource policy size is exceeded)";

/** What CreateStateMachine refuses, now or once the account's vended-logs policy is full, in a state machine's loggingConfiguration. */
export function stateMachineLogDestinationProblems(props: Readonly<Record<string, unknown>>): string[] {
    const logging = props.loggingConfiguration;
    const level = at(logging, "level");
    const destination = at(logging, "logDestination");
    if (isUnknown(logging) || isUnknown(destination) || level === undefined || level === "OFF" || typeof destination !== "string")
        return [];
    const problems: string[] = [];
    if (!destination.endsWith(":*"))
        problems.push(
            `loggingConfiguration.logDestination is ${destination}: Step Functions wants the log group's ARN with the ':*' qualifier (InvalidLoggingConfiguration)`,
        );
    const name = /:log-group:([^:]+)/.exec(destination)?.[1];
    if (name !== undefined && !name.startsWith("/aws/vendedlogs/states/"))
        problems.push(
            `logs to ${name}, outside /aws/vendedlogs/states/: each such group grows the account's CloudWatch Logs resource policy until CreateStateMachine fails with "Resource Policy size was exceeded"`,
        );
    return problems;
}

const sfnLogDestination = resourcePolicy({
    name: "sfn-log-destination-accepted",
    controls: "aws-constraints (Step Functions logging); StepFunctions.1",
    description:
        "A state machine that logs names its log group by ARN with the ':*' qualifier, and a group under /aws/vendedlogs/states/, as CreateStateMachine requires (else InvalidLoggingConfiguration, at once or once the account's vended-logs resource policy is full).",
    enforcementLevel: "mandatory",
    resourceTypes: ["aws:sfn/stateMachine:StateMachine"],
    check: (p) => stateMachineLogDestinationProblems(p).map((problem) => `${problem} (${SFN_LOG_DESTINATION_SOURCE})`),
});

/**
 * An EventBridge target that starts a Step Functions state machine names the role EventBridge starts it
 * with: "For EC2 instances, Kinesis data streams, and Step Functions state machines, EventBridge uses IAM
 * roles that you specify in the RoleARN parameter in PutTargets" (EventBridge user guide, "Amazon
 * EventBridge targets", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html). Without
 * one PutTargets is refused: "ValidationException: RoleArn is required for target
 * arn:aws:states:...:stateMachine:..." (terraform-provider-aws#19913, which corrected the provider's docs
 * after hitting it; localstack/localstack#8224: the provider's create fails against AWS, not against the emulator).
 */
export const SFN_TARGET_ROLE_SOURCE =
    'EventBridge user guide, "Amazon EventBridge targets" (Step Functions state machines: "EventBridge uses IAM roles that you specify in the RoleARN parameter in PutTargets"); terraform-provider-aws#19913 ("ValidationException: RoleArn is required for target arn:aws:states:...")';

/** A state machine's ARN (unqualified, a version or an alias), as an EventBridge target names it. */
export const STATE_MACHINE_ARN = /^arn:[\w-]+:states:[\w-]+:\d{12}:stateMachine:[\w-]+(:[\w-]+)?$/;

/** What PutTargets refuses in a target that starts a state machine. */
export function stateMachineTargetProblems(props: Readonly<Record<string, unknown>>): string[] {
    const arn = props.arn;
    if (typeof arn !== "string" || !STATE_MACHINE_ARN.test(arn)) return [];
    if (isUnknown(props.roleArn) || (typeof props.roleArn === "string" && props.roleArn !== "")) return [];
    return [`starts state machine ${arn} without roleArn: PutTargets refuses it (RoleArn is required for a Step Functions target)`];
}

const sfnTargetRole = resourcePolicy({
    name: "eventbridge-sfn-target-role",
    controls: "aws-constraints (EventBridge targets)",
    description:
        "An EventBridge target that starts a Step Functions state machine names the role EventBridge assumes to start it (roleArn), as PutTargets requires (else ValidationException: RoleArn is required).",
    enforcementLevel: "mandatory",
    resourceTypes: ["aws:cloudwatch/eventTarget:EventTarget"],
    check: (p) => stateMachineTargetProblems(p).map((problem) => `${problem} (${SFN_TARGET_ROLE_SOURCE})`),
});

/** A state machine's `definition` input as JSON, or undefined where it is not a string of JSON. */
export function parseDefinition(definition: unknown): unknown {
    if (typeof definition !== "string") return undefined;
    try {
        return JSON.parse(definition) as unknown;
    } catch {
        return undefined;
    }
}

/** Every Task state of a definition (Amazon States Language), nested Parallel branches and Map processors included. */
export function taskStates(
    definition: unknown,
): { name: string; resource: string; parameters: Record<string, unknown>; retry: unknown[] }[] {
    const out: { name: string; resource: string; parameters: Record<string, unknown>; retry: unknown[] }[] = [];
    const walk = (machine: unknown): void => {
        const states = machine && typeof machine === "object" ? (machine as { States?: unknown }).States : undefined;
        if (!states || typeof states !== "object") return;
        for (const [name, s] of Object.entries(states as Record<string, Record<string, unknown>>)) {
            if (!s || typeof s !== "object") continue;
            if (s.Type === "Task")
                out.push({
                    name,
                    resource: String(s.Resource),
                    parameters: (s.Parameters ?? s.Arguments ?? {}) as Record<string, unknown>,
                    retry: Array.isArray(s.Retry) ? s.Retry : [],
                });
            if (Array.isArray(s.Branches)) s.Branches.forEach(walk);
            walk(s.ItemProcessor);
            walk(s.Iterator);
        }
    };
    walk(definition);
    return out;
}

/**
 * What an EXPRESS state machine cannot run: "Express Workflows only support Request Response integrations" - no
 * Run a Job (`.sync`) or Wait for Callback (`.waitForTaskToken`) (Step Functions developer guide, "Integrating
 * optimized services with Step Functions"; the provider passes the type to ValidateStateMachineDefinition at preview,
 * terraform-provider-aws internal/service/sfn/state_machine.go), and an execution ends at five minutes (developer
 * guide, "Choosing workflow type in Step Functions": Express, maximum duration 5 minutes), so retries that wait longer
 * than that in total never finish: the execution times out instead of retrying.
 */
export const SFN_EXPRESS_SOURCE =
    'Step Functions developer guide, "Integrating optimized services with Step Functions" ("Express Workflows only support Request Response integrations") and "Choosing workflow type in Step Functions" (Express: up to five minutes)';
export const EXPRESS_MAX_SECONDS = 300;

/** The longest a Retrier waits in total, in seconds (ASL defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2). */
export function retryWaitSeconds(retrier: unknown): number {
    const n = (key: string, fallback: number) => {
        const v = at(retrier, key);
        return typeof v === "number" ? v : fallback;
    };
    const interval = n("IntervalSeconds", 1);
    const attempts = n("MaxAttempts", 3);
    const backoff = n("BackoffRate", 2);
    const cap = n("MaxDelaySeconds", Infinity);
    let total = 0;
    for (let k = 0; k < attempts; k++) total += Math.min(interval * backoff ** k, cap);
    return total;
}

/** What CreateStateMachine (or the five-minute limit) refuses in an EXPRESS state machine's definition. */
export function expressDefinitionProblems(props: Readonly<Record<string, unknown>>): string[] {
    if (props.type !== "EXPRESS") return [];
    const tasks = taskStates(parseDefinition(props.definition));
    const problems = tasks
        .filter((t) => /\.(sync(:\d+)?|waitForTaskToken)$/.test(t.resource))
        .map(
            (t) =>
                `task ${t.name} uses ${t.resource}: an EXPRESS state machine supports Request Response integrations only, so CreateStateMachine (and the preview's validation) refuses it`,
        );
    const waits = tasks.reduce((sum, t) => sum + t.retry.reduce((s: number, r) => s + retryWaitSeconds(r), 0), 0);
    if (waits > EXPRESS_MAX_SECONDS)
        problems.push(
            `its retries can wait ${Math.round(waits)} s in all, beyond the ${EXPRESS_MAX_SECONDS} s an EXPRESS execution may run: the execution times out before its last retry`,
        );
    return problems;
}

const sfnExpress = resourcePolicy({
    name: "sfn-express-request-response",
    controls: "aws-constraints (Step Functions workflow types)",
    description:
        "An EXPRESS state machine calls services with Request Response only (no .sync, no .waitForTaskToken), as CreateStateMachine requires, and its retries fit in the five minutes an Express execution may run.",
    enforcementLevel: "mandatory",
    resourceTypes: ["aws:sfn/stateMachine:StateMachine"],
    check: (p) => expressDefinitionProblems(p).map((problem) => `${problem} (${SFN_EXPRESS_SOURCE})`),
});

export const READINESS_POLICIES: readonly TapPolicy[] = [
    trustKeysSent,
    echoedWhole,
    patchInstallReboots,
    objectLockDestroyable,
    budgetCountsFromDayOne,
    sfnLogDestination,
    sfnTargetRole,
    sfnExpress,
];
