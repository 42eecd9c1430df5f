/**
 * The seeds' data and alerting rows after deploy (issue 27): the app data bucket is encrypted with
 * the stack key and its policy keeps its objects to the app role; the trail records its object
 * events; the backup plan selects it; every alert topic has a confirmed subscriber.
 */
import { GetEventSelectorsCommand } from "@aws-sdk/client-cloudtrail";
import { GetBucketEncryptionCommand, GetBucketPolicyCommand } from "@aws-sdk/client-s3";
import { paginateListSubscriptionsByTopic } from "@aws-sdk/client-sns";
import { alertAcknowledgement } from "./alerts";
import { planSelections } from "./backup";
import { Check, collect, fail, isStackKey, offAsChosen, pass, verdict } from "./check";
import { bucketPolicyStatements, list, PolicyStatement, toEveryone } from "./s3";

const deniesToAll = (s: PolicyStatement, action: string) =>
    s.Effect === "Deny" && toEveryone(s) && list(s.Action).some((a) => a === action || a === "s3:*");
const condition = (s: PolicyStatement, operator: string, key: string): unknown[] => list(s.Condition?.[operator]?.[key]);

export const appDataBucket: Check = {
    id: "s3.app-data-bucket",
    control: "S3.17; seed 002 #9, #10",
    proves: "The app data bucket encrypts by default with SSE-KMS under the stack key, and its policy denies uploads under another encryption and object reads and writes to all but the named roles.",
    requires: ["appDataBucketName"],
    run: async ({ clients, outputs }) => {
        const bucket = outputs.string("appDataBucketName");
        const problems: string[] = [];
        const encryption = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
        const rule = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
        if (rule?.SSEAlgorithm !== "aws:kms") problems.push(`default encryption is ${rule?.SSEAlgorithm ?? "none"}, not aws:kms`);
        else if (isStackKey(outputs, rule.KMSMasterKeyID) === false)
            problems.push(`encrypted with ${rule.KMSMasterKeyID ?? "the AWS managed key"}, not the stack key`);
        const { Policy } = await clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
        const statements = bucketPolicyStatements(Policy);
        if (
            !statements.some(
                (s) =>
                    deniesToAll(s, "s3:PutObject") &&
                    condition(s, "StringNotEqualsIfExists", "s3:x-amz-server-side-encryption").includes("aws:kms"),
            )
        ) {
            problems.push("the policy does not deny uploads under another encryption than aws:kms");
        }
        const readers = statements
            .filter((s) => deniesToAll(s, "s3:GetObject") && deniesToAll(s, "s3:PutObject"))
            .flatMap((s) => condition(s, "ArnNotEquals", "aws:PrincipalArn"));
        if (readers.length === 0) problems.push("the policy does not deny object reads and writes to everyone but the app role");
        return [
            verdict(
                bucket,
                problems,
                `SSE-KMS with ${rule?.KMSMasterKeyID} (the stack key); uploads under another encryption denied; objects read and written only by ${readers.join(", ")}`,
            ),
        ];
    },
};

export const appDataEvents: Check = {
    id: "cloudtrail.app-data-events",
    control: "CIS 3.8, 3.9",
    proves: "The stack's trail records the app data bucket's object-level events, reads and writes.",
    requires: ["cloudTrailArn", "appDataBucketName"],
    run: async ({ clients, outputs }) => {
        const arn = outputs.string("cloudTrailArn");
        const bucket = outputs.string("appDataBucketName");
        const selectors = await clients.cloudTrail.send(new GetEventSelectorsCommand({ TrailName: arn }));
        const basic = (selectors.EventSelectors ?? []).some(
            (s) =>
                s.ReadWriteType === "All" &&
                (s.DataResources ?? []).some(
                    (d) =>
                        d.Type === "AWS::S3::Object" && (d.Values ?? []).some((v) => v === "arn:aws:s3" || v === `arn:aws:s3:::${bucket}/`),
                ),
        );
        // Advanced selectors: a Data selector of AWS::S3::Object over this bucket's ARN prefix (or every bucket), without a readOnly field.
        const advanced = (selectors.AdvancedEventSelectors ?? []).some(
            ({ FieldSelectors = [] }) =>
                FieldSelectors.some((f) => f.Field === "resources.type" && (f.Equals ?? []).includes("AWS::S3::Object")) &&
                !FieldSelectors.some((f) => f.Field === "readOnly") &&
                FieldSelectors.filter((f) => f.Field === "resources.ARN").every((f) =>
                    (f.StartsWith ?? []).some((p) => `arn:aws:s3:::${bucket}/`.startsWith(p)),
                ),
        );
        return [
            basic || advanced
                ? pass(arn, `records reads and writes of s3://${bucket}/ objects`)
                : fail(arn, `no event selector records the object-level events of ${bucket}, reads and writes`),
        ];
    },
};

export const planCoversAppData: Check = {
    id: "backup.plan-covers-app-data",
    control: "NIST 800-53 CP-9; seed 002 #10",
    proves: "A selection of the stack's backup plan names the app data bucket by its ARN.",
    requires: ["backupPlanId", "appDataBucketName"],
    run: async ({ clients, outputs }) => {
        const planId = outputs.string("backupPlanId");
        const bucket = outputs.string("appDataBucketName");
        const { listed, selections } = await planSelections(clients, planId);
        const covering = selections.filter((s) =>
            (s?.Resources ?? []).some((r) => /^arn:aws[a-z-]*:s3:::/.test(r) && r.endsWith(`:::${bucket}`)),
        );
        return [
            covering.length > 0
                ? pass(planId, `selection ${covering.map((s) => s?.SelectionName).join(", ")} names ${bucket}`)
                : fail(
                      planId,
                      `no selection names arn:aws:s3:::${bucket} (selections: ${listed.map((s) => s.SelectionName).join(", ") || "none"})`,
                  ),
        ];
    },
};

export const alertSubscriptions: Check = {
    id: "sns.alert-subscriptions",
    control: "seed 002 #8",
    proves: "The alert topic has a confirmed subscriber; one still PendingConfirmation (the address has not clicked AWS's link) is reported, as is a topic nobody reads.",
    requires: ["alarmTopicArn"],
    run: async ({ clients, outputs }) => {
        const topic = outputs.string("alarmTopicArn");
        const subscriptions = await collect(
            paginateListSubscriptionsByTopic({ client: clients.sns }, { TopicArn: topic }),
            (page) => page.Subscriptions,
        );
        // "PendingConfirmation" stands in the SubscriptionArn until the endpoint confirms (SNS API reference, Subscription).
        const pending = subscriptions.filter((s) => s.SubscriptionArn === "PendingConfirmation");
        const confirmed = subscriptions.filter((s) => s.SubscriptionArn !== "PendingConfirmation");
        if (subscriptions.length === 0) {
            return [
                offAsChosen(topic, outputs, {
                    configKey: "tap:alarmEmail",
                    outputKey: "alertsSubscribed",
                    off: "no subscriber: alerts reach nobody",
                    control: "seed 002 #8",
                }),
            ];
        }
        return [
            ...pending.map((s) =>
                fail(
                    `${topic} ${s.Protocol}:${s.Endpoint}`,
                    `PendingConfirmation: ${s.Endpoint} has not confirmed the subscription (the link in AWS's email); alerts do not reach it`,
                ),
            ),
            ...(confirmed.length > 0 ? [pass(topic, `confirmed: ${confirmed.map((s) => `${s.Protocol}:${s.Endpoint}`).join(", ")}`)] : []),
        ];
    },
};

export const SNS_CHECKS: readonly Check[] = [alertSubscriptions, alertAcknowledgement];
