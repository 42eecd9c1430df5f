/**
 * Private management plane checks (EC2 and SSM clients): the VPC endpoints are available with
 * private DNS in the stack's VPC; the Session Manager preferences are as configured; the
 * instances are managed by SSM and Online (SSM.1), report patch compliance (SSM.2) and the scan
 * association succeeds (SSM.3). Each check's `proves` names the IAM permissions it needs.
 */
import { paginateDescribeVpcEndpoints } from "@aws-sdk/client-ec2";
import {
    DescribeAssociationCommand,
    GetDocumentCommand,
    paginateDescribeInstanceInformation,
    paginateDescribeInstancePatchStates,
} from "@aws-sdk/client-ssm";
import { INSTANCE_AWS_SERVICES } from "../../lib/compute/instance-services";
import { SESSION_PREFERENCES_DOCUMENT } from "../../lib/management/vocabulary";
import { anyOf, Check, CheckContext, collect, fail, isStackKey, Outcome, pass, pending, verdict } from "./check";
import { stackInstances } from "./compute";

/**
 * Minutes a new instance may take before SSM knows it: the agent registers once the instance has
 * booted and reached Systems Manager, and the patch scan association runs once right after it is
 * created or the instance joins its targets ("When you create an association, by default, the
 * system immediately runs it and then runs it according to the schedule": Systems Manager User
 * Guide, "Working with associations"). AWS gives no bound for the boot-and-register part; 30
 * minutes is tap's allowance (unconfirmed). An instance older than this is judged, not waited for.
 */
export const SSM_SETTLING_MINUTES = 30;

/** Minutes from `launched` to `now`, or undefined when EC2 reported no launch time. */
const minutesSince = (launched: Date | undefined, now: Date) => (launched ? (now.getTime() - launched.getTime()) / 60_000 : undefined);

const ENDPOINTS = {
    present: (o: { has(k: string): boolean; strings(k: string): string[] }) =>
        o.has("vpcEndpointIds") && o.strings("vpcEndpointIds").length > 0,
    missing: "no VPC endpoints in this stack (tap:vpcEndpoints false: output vpcEndpointIds absent)",
};
const PATCHING = {
    present: (o: { has(k: string): boolean }) => o.has("patchGroup"),
    missing: "Patch Manager is off in this stack (tap:enablePatchManager false: output patchGroup absent)",
};
const COMPUTE = anyOf("autoScalingGroupName", "instanceId");

export const endpointsAvailable: Check = {
    id: "endpoints.available-private-dns",
    control: "EC2.57",
    proves: "Every VPC endpoint of the stack is available in the stack's VPC, interface endpoints with private DNS, and together they cover every service the instances call (ec2:DescribeVpcEndpoints).",
    requires: ["vpcId", ENDPOINTS],
    async run({ clients, outputs }) {
        const vpcId = outputs.string("vpcId");
        const ids = outputs.strings("vpcEndpointIds");
        // An empty id list would describe every endpoint of the account: the requirement keeps it non-empty.
        const VpcEndpoints = await collect(
            paginateDescribeVpcEndpoints({ client: clients.ec2 }, { VpcEndpointIds: ids }),
            (page) => page.VpcEndpoints,
        );
        const outcomes: Outcome[] = ids.map((id) => {
            const e = VpcEndpoints.find((v) => v.VpcEndpointId === id);
            if (!e) return fail(id, "endpoint not found");
            const problems: string[] = [];
            // AWS answers `available` (the AWS CLI example of describe-vpc-endpoints), the SDK's model says `Available`: read either.
            if (String(e.State).toLowerCase() !== "available") problems.push(`state ${e.State}`);
            if (e.VpcId !== vpcId) problems.push(`in ${e.VpcId}, not the stack's VPC ${vpcId}`);
            if (String(e.VpcEndpointType).toLowerCase() === "interface" && e.PrivateDnsEnabled !== true)
                problems.push("private DNS off: the service's name resolves to its public endpoint");
            return verdict(
                id,
                problems,
                `${e.ServiceName} (${e.VpcEndpointType}) available in ${vpcId}${e.PrivateDnsEnabled ? ", private DNS on" : ""}`,
            );
        });
        const services = new Set(
            VpcEndpoints.filter((e) => String(e.State).toLowerCase() === "available").map((e) => String(e.ServiceName).split(".").pop()),
        );
        const missing = Object.keys(INSTANCE_AWS_SERVICES).filter((s) => !services.has(s));
        outcomes.push(
            verdict(
                vpcId,
                missing.length ? [`no available endpoint for ${missing.join(", ")}: instances without NAT cannot reach them`] : [],
                `available endpoints for ${Object.keys(INSTANCE_AWS_SERVICES).join(", ")}`,
            ),
        );
        return outcomes;
    },
};

/** The minutes an output holds (a number, as Pulumi prints it). */
function minutesOutput(context: CheckContext, key: string): number | undefined {
    const value = context.outputs.raw[key];
    return typeof value === "number" ? value : undefined;
}

export const sessionPreferencesAsConfigured: Check = {
    id: "ssm.session-preferences",
    control: "aws-constraints (Session Manager)",
    proves: "The region's SSM-SessionManagerRunShell document logs sessions to the stack's encrypted log group and bucket, encrypts session data with the stack key, keeps Run As off, and has the configured idle timeout and maximum duration (ssm:GetDocument).",
    requires: ["sessionLogGroupName", "managementLogsBucketName", anyOf("kmsKeyArn", "kmsKeyId")],
    async run(context) {
        const { clients, outputs } = context;
        const doc = await clients.ssm.send(new GetDocumentCommand({ Name: SESSION_PREFERENCES_DOCUMENT, DocumentFormat: "JSON" }));
        let inputs: Record<string, unknown> = {};
        try {
            inputs = (JSON.parse(doc.Content ?? "{}") as { inputs?: Record<string, unknown> }).inputs ?? {};
        } catch {
            return [fail(SESSION_PREFERENCES_DOCUMENT, "the document's content is not JSON")];
        }
        const problems: string[] = [];
        const expect = (key: string, want: unknown, why: string) => {
            if (inputs[key] !== want) problems.push(`${key} is ${JSON.stringify(inputs[key])}, not ${JSON.stringify(want)}: ${why}`);
        };
        if (doc.DocumentType !== "Session") problems.push(`DocumentType ${doc.DocumentType}, not Session`);
        expect("cloudWatchLogGroupName", outputs.string("sessionLogGroupName"), "sessions are not logged to the stack's group");
        expect("cloudWatchEncryptionEnabled", true, "logs may stream unencrypted");
        expect("s3BucketName", outputs.string("managementLogsBucketName"), "transcripts do not go to the stack's bucket");
        expect("s3EncryptionEnabled", true, "transcripts may land unencrypted");
        expect("runAsEnabled", false, "sessions may run as an OS user chosen by tag");
        if (!isStackKey(outputs, typeof inputs.kmsKeyId === "string" ? inputs.kmsKeyId : undefined))
            problems.push(`kmsKeyId is ${JSON.stringify(inputs.kmsKeyId)}, not the stack key`);
        for (const [key, output] of [
            ["idleSessionTimeout", "sessionIdleTimeoutMinutes"],
            ["maxSessionDuration", "sessionMaxDurationMinutes"],
        ] as const) {
            const want = minutesOutput(context, output);
            if (want !== undefined && String(inputs[key]) !== String(want))
                problems.push(`${key} is ${JSON.stringify(inputs[key])} minutes, not the configured ${want}`);
        }
        const adopted = outputs.has("sessionPreferencesManaged") && !outputs.boolean("sessionPreferencesManaged");
        const whose = adopted
            ? "adopted document (tap:createSessionPreferences false; fix it in the account)"
            : "document managed by the stack";
        return [
            verdict(
                SESSION_PREFERENCES_DOCUMENT,
                problems.map((p) => `${whose}: ${p}`),
                `${whose}: logs to ${inputs.cloudWatchLogGroupName} and s3://${inputs.s3BucketName}/${inputs.s3KeyPrefix ?? ""}, encrypted with the stack key, idle ${inputs.idleSessionTimeout} min, max ${inputs.maxSessionDuration} min, Run As off`,
            ),
        ];
    },
};

/** The stack's instances (id and launch time), or the failure saying why there are none. */
async function instanceIds(
    context: CheckContext,
): Promise<{ ids: string[]; launched: ReadonlyMap<string, Date | undefined>; now: Date } | { none: Outcome }> {
    const found = await stackInstances(context);
    if ("nothing" in found) return { none: fail(found.subject, found.nothing) };
    return {
        ids: found.instances.map((i) => i.id),
        launched: new Map(found.instances.map((i) => [i.id, i.ec2?.LaunchTime])),
        now: context.now ?? new Date(),
    };
}

/** Not known to SSM yet: pending while the instance is younger than SSM_SETTLING_MINUTES, else a failure. */
function notYetOrFailed(id: string, launched: Date | undefined, now: Date, what: string, failure: string): Outcome {
    const age = minutesSince(launched, now);
    return age !== undefined && age < SSM_SETTLING_MINUTES
        ? pending(id, `${what} (launched ${Math.floor(age)} min ago)`, SSM_SETTLING_MINUTES)
        : fail(id, failure);
}

export const instancesManaged: Check = {
    id: "ssm.instances-managed",
    control: "SSM.1",
    settles: { what: "a new instance's SSM Agent registering", minutes: SSM_SETTLING_MINUTES },
    proves: "Every instance of the stack is a managed node that SSM reports Online (autoscaling:DescribeAutoScalingGroups, ec2:DescribeInstances, ssm:DescribeInstanceInformation).",
    requires: [COMPUTE],
    async run(context) {
        const found = await instanceIds(context);
        if ("none" in found) return [found.none];
        const InstanceInformationList = await collect(
            paginateDescribeInstanceInformation({ client: context.clients.ssm }, { Filters: [{ Key: "InstanceIds", Values: found.ids }] }),
            (page) => page.InstanceInformationList,
        );
        return found.ids.map((id) => {
            const info = InstanceInformationList.find((i) => i.InstanceId === id);
            if (!info)
                return notYetOrFailed(
                    id,
                    found.launched.get(id),
                    found.now,
                    "SSM Agent has not registered yet",
                    "not a managed node: SSM Agent never registered (no route to SSM? no instance profile?)",
                );
            return info.PingStatus === "Online"
                ? pass(id, `Online, agent ${info.AgentVersion}, ${info.PlatformName} ${info.PlatformVersion}`)
                : fail(id, `PingStatus ${info.PingStatus} since ${info.LastPingDateTime?.toISOString() ?? "unknown"}`);
        });
    },
};

/**
 * Patch Manager's compliance, as Security Hub's SSM.2 reads it: a node is NON_COMPLIANT while any
 * approved patch is missing or failed, and while installed patches wait for a reboot: "The number
 * of managed nodes with patches installed by Patch Manager that haven't been rebooted after the
 * patch installation. The status of these managed nodes is NON_COMPLIANT."
 * (DescribePatchGroupState, InstancesWithInstalledPendingRebootPatches, AWS Systems Manager API
 * Reference: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribePatchGroupState.html).
 * With RebootOption NoReboot, "Patches installed with this option are assigned a status of
 * InstalledPendingReboot" (InstancePatchState.RebootOption), so a NoReboot install leaves the node
 * non-compliant until it reboots or is replaced.
 */
export function patchStateProblems(state: {
    MissingCount?: number;
    FailedCount?: number;
    InstalledPendingRebootCount?: number;
    SecurityNonCompliantCount?: number;
    RebootOption?: string;
}): string[] {
    const missing = state.MissingCount ?? 0,
        failed = state.FailedCount ?? 0,
        pendingReboot = state.InstalledPendingRebootCount ?? 0;
    if (missing + failed + pendingReboot === 0) return [];
    const parts = [
        `${missing} missing`,
        `${failed} failed`,
        `${pendingReboot} installed pending reboot${pendingReboot > 0 && state.RebootOption === "NoReboot" ? " (RebootOption NoReboot)" : ""}`,
    ];
    return [`NON_COMPLIANT: ${parts.join(", ")} (${state.SecurityNonCompliantCount ?? 0} security)`];
}

export const patchCompliance: Check = {
    id: "ssm.patch-compliance",
    control: "SSM.2",
    settles: { what: "a new instance's first patch scan", minutes: SSM_SETTLING_MINUTES },
    proves: "Every instance of the stack reports patch state for the stack's patch group and baseline, COMPLIANT as Patch Manager counts it: no missing or failed approved update and none installed pending a reboot (ssm:DescribeInstancePatchStates); that the daily scan keeps it current is ssm.association-compliance.",
    requires: [PATCHING, COMPUTE],
    async run(context) {
        const found = await instanceIds(context);
        if ("none" in found) return [found.none];
        const { outputs } = context;
        const InstancePatchStates = await collect(
            paginateDescribeInstancePatchStates({ client: context.clients.ssm }, { InstanceIds: found.ids }),
            (page) => page.InstancePatchStates,
        );
        return found.ids.map((id) => {
            const state = InstancePatchStates.find((s) => s.InstanceId === id);
            if (!state)
                return notYetOrFailed(
                    id,
                    found.launched.get(id),
                    found.now,
                    "not scanned yet (the scan association runs when the instance joins)",
                    "no patch state: the instance was never scanned (SSM.2 cannot be evaluated)",
                );
            const problems: string[] = [];
            if (state.PatchGroup !== outputs.string("patchGroup"))
                problems.push(`patch group ${state.PatchGroup}, not ${outputs.string("patchGroup")}`);
            if (outputs.has("patchBaselineId") && state.BaselineId !== outputs.string("patchBaselineId"))
                problems.push(`baseline ${state.BaselineId}, not the stack's ${outputs.string("patchBaselineId")}`);
            if (!state.OperationEndTime) problems.push(`the last ${state.Operation ?? "operation"} never finished`);
            problems.push(...patchStateProblems(state));
            return verdict(
                id,
                problems,
                `COMPLIANT with ${state.BaselineId}: ${state.InstalledCount ?? 0} installed, none missing, failed or pending reboot, last ${state.Operation} ${state.OperationEndTime?.toISOString()}`,
            );
        });
    },
};

export const scanAssociationCompliant: Check = {
    id: "ssm.association-compliance",
    control: "SSM.3",
    settles: { what: "the association's first run (Pending)", minutes: SSM_SETTLING_MINUTES },
    proves: "The stack's daily AWS-RunPatchBaseline Scan association exists and its last runs succeeded (ssm:DescribeAssociation).",
    requires: [PATCHING, "patchScanAssociationId"],
    async run({ clients, outputs }) {
        const id = outputs.string("patchScanAssociationId");
        const { AssociationDescription: a } = await clients.ssm.send(new DescribeAssociationCommand({ AssociationId: id }));
        if (!a) return [fail(id, "association not found")];
        const problems: string[] = [];
        if (a.Name !== "AWS-RunPatchBaseline") problems.push(`runs ${a.Name}, not AWS-RunPatchBaseline`);
        if (!(a.Parameters?.Operation ?? []).includes("Scan"))
            problems.push(`Operation ${JSON.stringify(a.Parameters?.Operation)}, not Scan`);
        if (!a.ScheduleExpression) problems.push("no schedule: compliance data goes stale");
        const status = a.Overview?.Status;
        // Right after creation the association's first run is under way: Overview.Status Pending.
        if (problems.length === 0 && status === "Pending")
            return [
                pending(
                    id,
                    `first run ${status}${a.Overview?.DetailedStatus ? ` (${a.Overview.DetailedStatus})` : ""}`,
                    SSM_SETTLING_MINUTES,
                ),
            ];
        if (status !== "Success")
            problems.push(
                `last status ${status ?? "none"}${a.Overview?.DetailedStatus ? ` (${a.Overview.DetailedStatus})` : ""}${a.Overview?.AssociationStatusAggregatedCount ? `, per instance ${JSON.stringify(a.Overview.AssociationStatusAggregatedCount)}` : ""}`,
            );
        return [verdict(id, problems, `AWS-RunPatchBaseline Scan ${a.ScheduleExpression}, last status Success`)];
    },
};

export const ENDPOINT_CHECKS: readonly Check[] = [endpointsAvailable];
export const SSM_CHECKS: readonly Check[] = [sessionPreferencesAsConfigured, instancesManaged, patchCompliance, scanAssociationCompliant];
