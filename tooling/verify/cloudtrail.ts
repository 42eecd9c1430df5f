/**
 * CloudTrail checks (CloudTrail client): the stack's trail is logging, validated, KMS-encrypted,
 * delivered to CloudWatch Logs, records management events and is multi-region as configured.
 */
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, Trail } from "@aws-sdk/client-cloudtrail";
import { Check, CheckContext, fail, Outcome, pass, verdict } from "./check";

async function describeTrail({ clients, outputs }: CheckContext): Promise<{ arn: string; trail?: Trail }> {
    const arn = outputs.string("cloudTrailArn");
    const { trailList = [] } = await clients.cloudTrail.send(new DescribeTrailsCommand({ trailNameList: [arn] }));
    return { arn, trail: trailList.find((t) => t.TrailARN === arn) };
}

/** Runs `judge` on the stack's trail; a trail AWS does not know is a failure. */
async function withTrail(context: CheckContext, judge: (trail: Trail, arn: string) => Outcome | Promise<Outcome>): Promise<Outcome[]> {
    const { arn, trail } = await describeTrail(context);
    return [trail ? await judge(trail, arn) : fail(arn, "trail not found")];
}

/** Whether the key ARN CloudTrail reports is the stack key (output `kmsKeyArn` or `kmsKeyId`). */
function isStackKey(keyArn: string, context: CheckContext): boolean | undefined {
    const { outputs } = context;
    if (outputs.has("kmsKeyArn")) return keyArn === outputs.string("kmsKeyArn");
    if (outputs.has("kmsKeyId")) return keyArn.endsWith(`:key/${outputs.string("kmsKeyId")}`);
    return undefined;
}

export const trailLogging: Check = {
    id: "cloudtrail.logging",
    control: "CIS 3.1 / CloudTrail.1",
    proves: "The trail is logging and its last delivery to S3 did not fail.",
    requires: ["cloudTrailArn"],
    run: (context) =>
        withTrail(context, async (_trail, arn) => {
            const status = await context.clients.cloudTrail.send(new GetTrailStatusCommand({ Name: arn }));
            const problems: string[] = [];
            if (status.IsLogging !== true) problems.push("IsLogging false: the trail is stopped");
            if (status.LatestDeliveryError) problems.push(`latest S3 delivery error: ${status.LatestDeliveryError}`);
            return verdict(
                arn,
                problems,
                `IsLogging true${status.LatestDeliveryTime ? `, last delivery ${status.LatestDeliveryTime.toISOString()}` : ""}`,
            );
        }),
};

export const trailLogFileValidation: Check = {
    id: "cloudtrail.log-file-validation",
    control: "CIS 3.2 / CloudTrail.4",
    proves: "Log file integrity validation is on, so tampering with delivered logs is detectable.",
    requires: ["cloudTrailArn"],
    run: (context) =>
        withTrail(context, (trail, arn) =>
            trail.LogFileValidationEnabled === true
                ? pass(arn, "LogFileValidationEnabled true")
                : fail(arn, "LogFileValidationEnabled false"),
        ),
};

export const trailKmsEncrypted: Check = {
    id: "cloudtrail.kms",
    control: "CIS 3.5 / CloudTrail.2",
    proves: "Log files are encrypted with SSE-KMS, with the stack's key when the stack exports it.",
    requires: ["cloudTrailArn"],
    run: (context) =>
        withTrail(context, (trail, arn) => {
            if (!trail.KmsKeyId) return fail(arn, "no KmsKeyId: logs are only SSE-S3 encrypted");
            const ours = isStackKey(trail.KmsKeyId, context);
            if (ours === false) return fail(arn, `encrypted with ${trail.KmsKeyId}, not the stack key`);
            return pass(arn, `SSE-KMS with ${trail.KmsKeyId}${ours ? " (the stack key)" : ""}`);
        }),
};

export const trailToCloudWatchLogs: Check = {
    id: "cloudtrail.cloudwatch-logs",
    control: "CloudTrail.5",
    proves: "The trail delivers to a CloudWatch Logs group (where the CIS 4.x metric filters run) without a delivery error.",
    requires: ["cloudTrailArn"],
    run: (context) =>
        withTrail(context, async (trail, arn) => {
            if (!trail.CloudWatchLogsLogGroupArn)
                return fail(arn, "no CloudWatchLogsLogGroupArn: the trail is not integrated with CloudWatch Logs");
            const status = await context.clients.cloudTrail.send(new GetTrailStatusCommand({ Name: arn }));
            return status.LatestCloudWatchLogsDeliveryError
                ? fail(arn, `CloudWatch Logs delivery error: ${status.LatestCloudWatchLogsDeliveryError}`)
                : pass(arn, `delivers to ${trail.CloudWatchLogsLogGroupArn}`);
        }),
};

export const trailManagementEvents: Check = {
    id: "cloudtrail.management-events",
    control: "CIS 3.1 / CloudTrail.1",
    proves: "The trail records read and write management events.",
    requires: ["cloudTrailArn"],
    run: (context) =>
        withTrail(context, async (_trail, arn) => {
            const selectors = await context.clients.cloudTrail.send(new GetEventSelectorsCommand({ TrailName: arn }));
            const basic = (selectors.EventSelectors ?? []).some((s) => s.IncludeManagementEvents === true && s.ReadWriteType === "All");
            // Advanced selectors: a Management selector without a readOnly field records reads and writes.
            const advanced = (selectors.AdvancedEventSelectors ?? []).some(
                ({ FieldSelectors = [] }) =>
                    FieldSelectors.some((f) => f.Field === "eventCategory" && (f.Equals ?? []).includes("Management")) &&
                    !FieldSelectors.some((f) => f.Field === "readOnly"),
            );
            return basic || advanced
                ? pass(arn, "management events, read and write")
                : fail(arn, "no event selector records both read and write management events");
        }),
};

export const trailMultiRegionAsConfigured: Check = {
    id: "cloudtrail.multi-region",
    control: "CIS 3.1 / CloudTrail.1",
    proves: "The trail is multi-region exactly when the stack says so (output cloudTrailMultiRegion, from tap:cloudTrailMultiRegion).",
    requires: ["cloudTrailArn", "cloudTrailMultiRegion"],
    run: (context) =>
        withTrail(context, (trail, arn) => {
            const expected = context.outputs.boolean("cloudTrailMultiRegion");
            const actual = trail.IsMultiRegionTrail === true;
            if (actual !== expected)
                return fail(arn, `IsMultiRegionTrail ${actual}, but the stack is configured with cloudTrailMultiRegion ${expected}`);
            return pass(
                arn,
                expected
                    ? `multi-region (home region ${trail.HomeRegion})`
                    : "single-region, as configured (CIS 3.1 then relies on another multi-region trail in the account)",
            );
        }),
};

export const CLOUDTRAIL_CHECKS: readonly Check[] = [
    trailLogging,
    trailLogFileValidation,
    trailKmsEncrypted,
    trailToCloudWatchLogs,
    trailManagementEvents,
    trailMultiRegionAsConfigured,
];
