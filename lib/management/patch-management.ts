import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeLogGroupStatement } from "../monitoring/log-group-grant";
import { SecureBucket } from "../security/secure-bucket";
import { approvedSeverities, PatchSeverity } from "./vocabulary";

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
 * How a patched instance restarts. A single instance reboots when an update needs it. An Auto
 * Scaling group's instances do not: a rebooting instance fails its health check (ELB checks behind
 * the load balancer) and the group would terminate and replace it mid-patch. Their updates are
 * installed live, one instance at a time; what needs a reboot (kernel, glibc) arrives with the
 * fresh instances the group launches (maxInstanceLifetime 30 days, instance refresh), which also
 * apply the security updates at boot.
 */
export function rebootOption(computeMode: "asg" | "instance"): "RebootIfNeeded" | "NoReboot" {
    return computeMode === "instance" ? "RebootIfNeeded" : "NoReboot";
}

export interface PatchManagementArgs {
    /** Prefix of every name, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Days after release before an update is approved (0 to 100). */
    readonly patchApprovalDelayDays: number;
    /** The least severe security advisory approved. */
    readonly patchMinimumSeverity: PatchSeverity;
    /** When the install window opens: an SSM cron or rate expression (UTC). */
    readonly patchWindowSchedule: string;
    /** Hours the window stays open (2 to 24; no new task in its last hour). */
    readonly patchWindowDurationHours: number;
    /** Decides the reboot option (see `rebootOption`). */
    readonly computeMode: "asg" | "instance";
    /** Receives scan and install output (the SessionPreferences management-logs bucket). */
    readonly outputBucket: SecureBucket;
    /** The stack key: encrypts the patch log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly logRetentionDays: number;
    /** The instances' role (global): this region grants it the output prefixes and log group. */
    readonly instanceRole: aws.iam.Role;
    readonly provider: aws.Provider;
}

/**
 * Patch Manager for the app instances of one region (SSM.2, SSM.3): an AL2023 baseline (security
 * updates of the chosen severity and above, and bug fixes, after the approval delay) registered
 * for the instances' patch group; a daily AWS-RunPatchBaseline Scan association that reports
 * compliance; a maintenance window that Installs, one instance at a time, with its output in the
 * management-logs bucket and an encrypted log group.
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
        if (!(Number.isInteger(args.patchWindowDurationHours) && args.patchWindowDurationHours > PATCH_WINDOW_CUTOFF_HOURS && args.patchWindowDurationHours <= 24)) {
            throw new Error(`PatchManagement ${name}: patchWindowDurationHours must be a whole number from ${PATCH_WINDOW_CUTOFF_HOURS + 1} to 24, got ${args.patchWindowDurationHours}`);
        }
        super("tap:management:PatchManagement", name, {}, { ...opts, providers: { aws: args.provider } });
        const p = args.namePrefix;
        this.patchGroup = `${p}-app`;
        const c: Phase = { args, p, child: { parent: this, provider: args.provider }, byTag: [{ key: `tag:${PATCH_GROUP_TAG}`, values: [this.patchGroup] }] };
        // The phases: what is approved, where the output goes, the daily scan, the install window,
        // then the instance role's grant to write the output.
        this.baseline = this.createBaseline(c);
        this.logGroup = this.createLogGroup(c);
        this.scanAssociation = this.scheduleScan(c);
        this.window = this.createWindow(c);
        this.installTask = this.scheduleInstall(c);
        this.grantOutputWrites(c);

        this.registerOutputs({ patchGroup: this.patchGroup, baselineId: this.baseline.id, windowId: this.window.id });
    }

    /** The AL2023 baseline (security updates of the chosen severity and above, bug fixes), registered for the patch group. */
    private createBaseline({ args, p, child }: Phase): aws.ssm.PatchBaseline {
        const baseline = new aws.ssm.PatchBaseline(`${p}-al2023-baseline`, {
            name: `${p}-al2023`,
            description: `${p}: AL2023 security updates (${approvedSeverities(args.patchMinimumSeverity).join(", ")}) and bug fixes, ${args.patchApprovalDelayDays} day(s) after release`,
            operatingSystem: "AMAZON_LINUX_2023",
            approvalRules: [
                {
                    approveAfterDays: args.patchApprovalDelayDays,
                    complianceLevel: "CRITICAL",
                    patchFilters: [
                        { key: "CLASSIFICATION", values: ["Security"] },
                        { key: "SEVERITY", values: approvedSeverities(args.patchMinimumSeverity) },
                    ],
                },
                {
                    approveAfterDays: args.patchApprovalDelayDays,
                    complianceLevel: "MEDIUM",
                    patchFilters: [{ key: "CLASSIFICATION", values: ["Bugfix"] }],
                },
            ],
            rejectedPatchesAction: "BLOCK",
        }, child);
        new aws.ssm.PatchGroup(`${p}-patch-group`, { baselineId: baseline.id, patchGroup: this.patchGroup }, child);
        return baseline;
    }

    /** The install task's log group, encrypted with the stack key. */
    private createLogGroup({ args, p, child }: Phase): aws.cloudwatch.LogGroup {
        return new aws.cloudwatch.LogGroup(`${p}-patch-logs`, {
            name: `/tap/${p}/patching`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: args.kmsKeyArn,
        }, child);
    }

    /** SSM.2 / SSM.3: a daily scan keeps patch compliance current; did the scan run is reported at HIGH severity. */
    private scheduleScan({ args, p, child, byTag }: Phase): aws.ssm.Association {
        return new aws.ssm.Association(`${p}-patch-scan`, {
            associationName: `${p}-patch-scan`,
            name: "AWS-RunPatchBaseline",
            parameters: { Operation: "Scan" },
            targets: byTag,
            scheduleExpression: "rate(1 day)",
            complianceSeverity: "HIGH",
            maxConcurrency: "50%",
            maxErrors: "50%",
            outputLocation: { s3BucketName: args.outputBucket.bucketName, s3KeyPrefix: PATCH_OUTPUT_PREFIXES.scan },
        }, child);
    }

    /** The maintenance window installs run in (UTC, no new task in its last hour). */
    private createWindow({ args, p, child }: Phase): aws.ssm.MaintenanceWindow {
        return new aws.ssm.MaintenanceWindow(`${p}-patch-window`, {
            name: `${p}-patch-install`,
            description: `${p}: installs approved updates on patch group ${this.patchGroup}`,
            schedule: args.patchWindowSchedule,
            scheduleTimezone: "UTC",
            duration: args.patchWindowDurationHours,
            cutoff: PATCH_WINDOW_CUTOFF_HOURS,
            allowUnassociatedTargets: false,
        }, child);
    }

    /** The window's target (the patch group) and its Install task, one instance at a time. */
    private scheduleInstall({ args, p, child, byTag }: Phase): aws.ssm.MaintenanceWindowTask {
        const target = new aws.ssm.MaintenanceWindowTarget(`${p}-patch-targets`, {
            windowId: this.window.id,
            name: `${p}-patch-group`,
            resourceType: "INSTANCE",
            targets: byTag,
        }, child);
        // One instance at a time, and stop at the first failure: an Auto Scaling group keeps the rest
        // serving, and a bad update stops spreading. No serviceRoleArn: Systems Manager's service-linked role runs it.
        return new aws.ssm.MaintenanceWindowTask(`${p}-patch-install`, {
            windowId: this.window.id,
            name: `${p}-patch-install`,
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
                        { name: "RebootOption", values: [rebootOption(args.computeMode)] },
                    ],
                    outputS3Bucket: args.outputBucket.bucketName,
                    outputS3KeyPrefix: PATCH_OUTPUT_PREFIXES.install,
                    cloudwatchConfig: { cloudwatchOutputEnabled: true, cloudwatchLogGroupName: this.logGroup.name },
                    timeoutSeconds: 600,
                },
            },
        }, child);
    }

    /** The agent uploads the command output itself: the instance role may write this region's prefixes and log group only. */
    private grantOutputWrites({ args, p, child }: Phase): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(`${p}-patch-output`, {
            role: args.instanceRole.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "WritePatchOutput",
                        Effect: "Allow",
                        Action: "s3:PutObject",
                        Resource: Object.values(PATCH_OUTPUT_PREFIXES).map((prefix) => pulumi.interpolate`${args.outputBucket.arn}/${prefix}*`),
                    },
                    writeLogGroupStatement("WritePatchLogGroup", this.logGroup),
                ],
            }),
        }, child);
    }
}

/** What every construction phase of a PatchManagement reads. */
interface Phase {
    readonly args: PatchManagementArgs;
    readonly p: string;
    readonly child: pulumi.CustomResourceOptions;
    /** The instances of the patch group, by their `PatchGroup` tag. */
    readonly byTag: { key: string; values: string[] }[];
}
