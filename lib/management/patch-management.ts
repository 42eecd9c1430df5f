import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeLogGroupStatement } from "../monitoring/log-group-grant";
import { SecureBucket } from "../security/secure-bucket";
import { approvedSeverities } from "./vocabulary";
import { PatchManagementSettings } from "./settings";

/**
 * The instance tag Patch Manager matches. `PatchGroup`, not `Patch Group`: with instance metadata
 * tags on (the launch template's), EC2 refuses tag keys with spaces, and Patch Manager reads both
 * (Systems Manager user guide, "Patch groups").
 */
export const PATCH_GROUP_TAG = "PatchGroup";
/** Minutes before the window ends after which no new task starts. */
export const PATCH_WINDOW_CUTOFF_HOURS = 1;
/** Prefixes of patch command output in the management-logs bucket. */
export const PATCH_OUTPUT_PREFIXES = { scan: "patch-scan/", install: "patch-install/" } as const;

/**
 * How the app instances take their updates, and why an Auto Scaling group's are never patched in place.
 * - `install-and-reboot` (a single instance): AWS-RunPatchBaseline Install with RebootIfNeeded. Patch
 *   Manager reboots when an update needs it, so nothing stays InstalledPendingReboot.
 * - `replace` (an Auto Scaling group): the window starts an instance refresh instead. In place, a group
 *   cannot reboot (a rebooting instance fails its health check and the group replaces it mid-patch), and
 *   with `RebootOption=NoReboot` "Patches installed with this option are assigned a status of
 *   InstalledPendingReboot. These patches might not be in effect until a reboot is performed" (Systems
 *   Manager API Reference, InstancePatchState.RebootOption), and a node with InstalledPendingReboot
 *   patches is NON_COMPLIANT (DescribePatchGroupState, InstancesWithInstalledPendingRebootPatches):
 *   Security Hub SSM.2 fails on every instance after every install, and kernel fixes never load.
 *   Waiting for recycling does not help either: `maxInstanceLifetime` does not replace instances
 *   protected from scale in (Auto Scaling user guide, "Replace Auto Scaling instances based on maximum
 *   instance lifetime": scale-in protection "temporarily prevent[s] individual instances from being
 *   terminated"), which prod's are (tap:protectFromScaleIn, seed 001 #9). An instance refresh with
 *   `ScaleInProtectedInstances: Refresh` replaces protected instances too (Auto Scaling API Reference,
 *   RefreshPreferences), launching before terminating; each new instance boots the newest AL2023 AMI
 *   (resolved at launch) and applies every security update at boot, before it serves, so the daily scan
 *   reports it compliant with nothing pending.
 */
export type PatchMethod = "install-and-reboot" | "replace";

export function patchMethod(computeMode: "asg" | "instance"): PatchMethod {
    return computeMode === "instance" ? "install-and-reboot" : "replace";
}

/** The reboot option of an in-place install: always RebootIfNeeded (an install that does not reboot leaves SSM.2 failing). */
export function rebootOption(): "RebootIfNeeded" {
    return "RebootIfNeeded";
}

/**
 * The preferences of the weekly instance refresh (Auto Scaling API Reference, StartInstanceRefresh and
 * RefreshPreferences): launch before terminate at full capacity, protected instances replaced too,
 * every instance replaced even when it already matches the launch template.
 */
export const PATCH_REFRESH_PREFERENCES = {
    MinHealthyPercentage: 100,
    MaxHealthyPercentage: 200,
    ScaleInProtectedInstances: "Refresh",
    SkipMatching: false,
} as const;

/** The Automation runbook the window runs for an Auto Scaling group: one StartInstanceRefresh call. */
export function instanceRefreshRunbook(description: string): Record<string, unknown> {
    return {
        schemaVersion: "0.3",
        description,
        assumeRole: "{{ AutomationAssumeRole }}",
        parameters: {
            AutoScalingGroupName: { type: "String", description: "The group whose instances are replaced" },
            AutomationAssumeRole: { type: "String", description: "The role the runbook runs as" },
        },
        mainSteps: [
            {
                name: "StartInstanceRefresh",
                action: "aws:executeAwsApi",
                inputs: {
                    Service: "autoscaling",
                    Api: "StartInstanceRefresh",
                    AutoScalingGroupName: "{{ AutoScalingGroupName }}",
                    Strategy: "Rolling",
                    Preferences: PATCH_REFRESH_PREFERENCES,
                },
                outputs: [{ Name: "InstanceRefreshId", Selector: "$.InstanceRefreshId", Type: "String" }],
            },
        ],
    };
}

export interface PatchManagementArgs {
    /** Prefix of every name, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: PatchManagementSettings;
    /** Decides how the instances are patched (see `patchMethod`). */
    readonly computeMode: "asg" | "instance";
    /** Mode "asg": the group the window refreshes, the launch template it launches from, and the (global) role the runbook runs as. */
    readonly autoScalingGroup?: {
        readonly name: pulumi.Input<string>;
        readonly arn: pulumi.Input<string>;
        readonly launchTemplateArn: pulumi.Input<string>;
        readonly refreshRole: aws.iam.Role;
    };
    /** Receives scan and install output (the SessionPreferences management-logs bucket). */
    readonly outputBucket: SecureBucket;
    /** The stack key: encrypts the patch log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The instances' role (global): this region grants it the output prefixes and log group. */
    readonly instanceRole: aws.iam.Role;
    readonly provider: aws.Provider;
}

/**
 * Patch Manager for the app instances of one region (SSM.2, SSM.3): an AL2023 baseline (security
 * updates of the chosen severity and above, and bug fixes, after the approval delay) registered
 * for the instances' patch group; a daily AWS-RunPatchBaseline Scan association that reports
 * compliance; a maintenance window that patches: a single instance by Install with RebootIfNeeded
 * (output in the management-logs bucket and an encrypted log group), an Auto Scaling group by an
 * instance refresh (see `patchMethod`).
 */
export class PatchManagement extends pulumi.ComponentResource {
    /** The `PatchGroup` tag value the instances carry. */
    public readonly patchGroup: string;
    public readonly baseline: aws.ssm.PatchBaseline;
    public readonly scanAssociation: aws.ssm.Association;
    public readonly window: aws.ssm.MaintenanceWindow;
    public readonly installTask: aws.ssm.MaintenanceWindowTask;
    public readonly logGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: PatchManagementArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!(
            Number.isInteger(args.settings.patchWindowDurationHours) &&
            args.settings.patchWindowDurationHours > PATCH_WINDOW_CUTOFF_HOURS &&
            args.settings.patchWindowDurationHours <= 24
        )) {
            throw new Error(
                `PatchManagement ${name}: patchWindowDurationHours must be a whole number from ${PATCH_WINDOW_CUTOFF_HOURS + 1} to 24, got ${args.settings.patchWindowDurationHours}`,
            );
        }
        if (args.computeMode === "asg" && !args.autoScalingGroup)
            throw new Error(`PatchManagement ${name}: computeMode "asg" needs autoScalingGroup (the group the window refreshes)`);
        super("tap:management:PatchManagement", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        this.patchGroup = `${prefix}-app`;
        const phase: Phase = {
            args,
            prefix,
            child: { parent: this, provider: args.provider },
            byTag: [{ key: `tag:${PATCH_GROUP_TAG}`, values: [this.patchGroup] }],
        };
        // The phases: what is approved, where the output goes, the daily scan, the install window,
        // then the instance role's grant to write the output.
        this.baseline = this.createBaseline(phase);
        this.logGroup = this.createLogGroup(phase);
        this.scanAssociation = this.scheduleScan(phase);
        this.window = this.createWindow(phase);
        this.installTask = this.scheduleInstall(phase);
        this.grantOutputWrites(phase);

        this.registerOutputs({ patchGroup: this.patchGroup, baselineId: this.baseline.id, windowId: this.window.id });
    }

    /** The AL2023 baseline (security updates of the chosen severity and above, bug fixes), registered for the patch group. */
    private createBaseline({ args, prefix, child }: Phase): aws.ssm.PatchBaseline {
        const baseline = new aws.ssm.PatchBaseline(
            `${prefix}-al2023-baseline`,
            {
                name: `${prefix}-al2023`,
                description: `${prefix}: AL2023 security updates (${approvedSeverities(args.settings.patchMinimumSeverity).join(", ")}) and bug fixes, ${args.settings.patchApprovalDelayDays} day(s) after release`,
                operatingSystem: "AMAZON_LINUX_2023",
                approvalRules: [
                    {
                        approveAfterDays: args.settings.patchApprovalDelayDays,
                        complianceLevel: "CRITICAL",
                        patchFilters: [
                            { key: "CLASSIFICATION", values: ["Security"] },
                            { key: "SEVERITY", values: approvedSeverities(args.settings.patchMinimumSeverity) },
                        ],
                    },
                    {
                        approveAfterDays: args.settings.patchApprovalDelayDays,
                        complianceLevel: "MEDIUM",
                        patchFilters: [{ key: "CLASSIFICATION", values: ["Bugfix"] }],
                    },
                ],
                rejectedPatchesAction: "BLOCK",
            },
            child,
        );
        new aws.ssm.PatchGroup(`${prefix}-patch-group`, { baselineId: baseline.id, patchGroup: this.patchGroup }, child);
        return baseline;
    }

    /** The install task's log group, encrypted with the stack key. */
    private createLogGroup({ args, prefix, child }: Phase): aws.cloudwatch.LogGroup {
        return new aws.cloudwatch.LogGroup(
            `${prefix}-patch-logs`,
            {
                name: `/tap/${prefix}/patching`,
                retentionInDays: args.settings.logRetentionDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
    }

    /** SSM.2 / SSM.3: a daily scan keeps patch compliance current; did the scan run is reported at HIGH severity. */
    private scheduleScan({ args, prefix, child, byTag }: Phase): aws.ssm.Association {
        return new aws.ssm.Association(
            `${prefix}-patch-scan`,
            {
                associationName: `${prefix}-patch-scan`,
                name: "AWS-RunPatchBaseline",
                parameters: { Operation: "Scan" },
                targets: byTag,
                scheduleExpression: "rate(1 day)",
                complianceSeverity: "HIGH",
                maxConcurrency: "50%",
                maxErrors: "50%",
                outputLocation: { s3BucketName: args.outputBucket.bucketName, s3KeyPrefix: PATCH_OUTPUT_PREFIXES.scan },
            },
            child,
        );
    }

    /** The maintenance window installs run in (UTC, no new task in its last hour). */
    private createWindow({ args, prefix, child }: Phase): aws.ssm.MaintenanceWindow {
        return new aws.ssm.MaintenanceWindow(
            `${prefix}-patch-window`,
            {
                name: `${prefix}-patch-install`,
                description: `${prefix}: installs approved updates on patch group ${this.patchGroup}`,
                schedule: args.settings.patchWindowSchedule,
                scheduleTimezone: "UTC",
                duration: args.settings.patchWindowDurationHours,
                cutoff: PATCH_WINDOW_CUTOFF_HOURS,
                allowUnassociatedTargets: false,
            },
            child,
        );
    }

    /** The window's target (the patch group) and its task: Install with reboot (one instance at a time), or the group's refresh. */
    private scheduleInstall(phase: Phase): aws.ssm.MaintenanceWindowTask {
        const { args, prefix, child, byTag } = phase;
        const target = new aws.ssm.MaintenanceWindowTarget(
            `${prefix}-patch-targets`,
            {
                windowId: this.window.id,
                name: `${prefix}-patch-group`,
                resourceType: "INSTANCE",
                targets: byTag,
            },
            child,
        );
        if (patchMethod(args.computeMode) === "replace") return this.scheduleRefresh(phase);
        // One instance at a time, and stop at the first failure: an Auto Scaling group keeps the rest
        // serving, and a bad update stops spreading. No serviceRoleArn: Systems Manager's service-linked role runs it.
        return new aws.ssm.MaintenanceWindowTask(
            `${prefix}-patch-install`,
            {
                windowId: this.window.id,
                name: `${prefix}-patch-install`,
                taskType: "RUN_COMMAND",
                taskArn: "AWS-RunPatchBaseline",
                priority: 1,
                maxConcurrency: "1",
                maxErrors: "1",
                cutoffBehavior: "CANCEL_TASK",
                targets: [{ key: "WindowTargetIds", values: [target.id] }],
                taskInvocationParameters: {
                    runCommandParameters: {
                        parameters: [
                            { name: "Operation", values: ["Install"] },
                            { name: "RebootOption", values: [rebootOption()] }, // SSM.2: nothing left InstalledPendingReboot
                        ],
                        outputS3Bucket: args.outputBucket.bucketName,
                        outputS3KeyPrefix: PATCH_OUTPUT_PREFIXES.install,
                        cloudwatchConfig: { cloudwatchOutputEnabled: true, cloudwatchLogGroupName: this.logGroup.name },
                        timeoutSeconds: 600,
                    },
                },
            },
            child,
        );
    }

    /**
     * Mode "asg": the weekly patch is an instance refresh of the group, started by a one-step Automation
     * runbook (aws:executeAwsApi, StartInstanceRefresh) under a role this region allows exactly that. The task
     * has no targets (a targetless Automation task runs once per window, not once per instance); the
     * window's Systems Manager service-linked role passes the runbook's role to ssm.amazonaws.com.
     */
    private scheduleRefresh({ args, prefix, child }: Phase): aws.ssm.MaintenanceWindowTask {
        const group = args.autoScalingGroup!; // validated in the constructor
        const runbook = new aws.ssm.Document(
            `${prefix}-patch-refresh-runbook`,
            {
                name: `${prefix}-patch-refresh`,
                documentType: "Automation",
                documentFormat: "JSON",
                content: JSON.stringify(
                    instanceRefreshRunbook(
                        `${prefix}: replaces every instance of the app group (newest AL2023 AMI, security updates at boot) instead of patching in place`,
                    ),
                ),
            },
            child,
        );
        const role = group.refreshRole;
        // This region's grant to the global role (IAM is global: GlobalBaseline creates it once).
        const policy = new aws.iam.RolePolicy(
            `${prefix}-patch-refresh-policy`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "RefreshTheAppGroup", Effect: "Allow", Action: "autoscaling:StartInstanceRefresh", Resource: group.arn },
                        // The caller of StartInstanceRefresh must be allowed to use the group's launch template:
                        // launch from it, tag what it launches, pass its instance role to EC2 ("You are not
                        // authorized to use launch template" otherwise; EC2 user guide, "Control the use of
                        // launch templates" / ec2:LaunchTemplate condition key).
                        {
                            Sid: "LaunchFromTheAppTemplateOnly",
                            Effect: "Allow",
                            Action: "ec2:RunInstances",
                            Resource: "*",
                            Condition: { ArnEquals: { "ec2:LaunchTemplate": group.launchTemplateArn } },
                        },
                        {
                            Sid: "TagWhatItLaunches",
                            Effect: "Allow",
                            Action: "ec2:CreateTags",
                            Resource: "*",
                            Condition: { StringEquals: { "ec2:CreateAction": "RunInstances" } },
                        },
                        {
                            Sid: "PassTheInstanceRole",
                            Effect: "Allow",
                            Action: "iam:PassRole",
                            Resource: args.instanceRole.arn,
                            Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
                        },
                    ],
                }),
            },
            child,
        );
        return new aws.ssm.MaintenanceWindowTask(
            `${prefix}-patch-install`,
            {
                windowId: this.window.id,
                name: `${prefix}-patch-refresh`,
                description: "Patches by replacement: an instance refresh of the app group (SSM.2: no InstalledPendingReboot)",
                taskType: "AUTOMATION",
                taskArn: runbook.name,
                priority: 1,
                cutoffBehavior: "CANCEL_TASK",
                taskInvocationParameters: {
                    automationParameters: {
                        documentVersion: "$DEFAULT",
                        parameters: [
                            { name: "AutoScalingGroupName", values: [group.name] },
                            { name: "AutomationAssumeRole", values: [role.arn] },
                        ],
                    },
                },
            },
            { ...child, dependsOn: [policy] },
        );
    }

    /** The agent uploads the command output itself: the instance role may write this region's prefixes and log group only. */
    private grantOutputWrites({ args, prefix, child }: Phase): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(
            `${prefix}-patch-output`,
            {
                role: args.instanceRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "WritePatchOutput",
                            Effect: "Allow",
                            Action: "s3:PutObject",
                            Resource: Object.values(PATCH_OUTPUT_PREFIXES).map(
                                (prefix) => pulumi.interpolate`${args.outputBucket.arn}/${prefix}*`,
                            ),
                        },
                        writeLogGroupStatement("WritePatchLogGroup", this.logGroup),
                    ],
                }),
            },
            child,
        );
    }
}

/** What every construction phase of a PatchManagement reads. */
interface Phase {
    readonly args: PatchManagementArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    /** The instances of the patch group, by their `PatchGroup` tag. */
    readonly byTag: { key: string; values: string[] }[];
}
