/**
 * The seeds' data and alerting rows (issue 27): the application's data bucket (seed 002, "App
 * Data Bucket") and alerts that reach a person in prod (seed 002, "Email subscription for
 * alerts"). The app data bucket is the bucket tagged `DataStore: app` (lib/data/vocabulary.ts).
 */
import { APP_DATA_TAG } from "../../lib/data/vocabulary";
import { ofType, pointsAt, referrers } from "../relations";
import { StackPolicy, StackResource, TapPolicy } from "../types";
import { at, isUnknown, list, principals, Statement, statements, strings } from "../values";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const TRAIL = "aws:cloudtrail/trail:Trail";
const SELECTION = "aws:backup/selection:Selection";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

const tagOf = (r: StackResource, key: string): unknown => at(r.props.tags, key);

/** The buckets tagged as the application's data bucket. */
export const appDataBuckets = (resources: readonly StackResource[]) =>
    ofType(resources, BUCKET).filter((b) => tagOf(b, APP_DATA_TAG.key) === APP_DATA_TAG.value);

/** A stack rule over each app data bucket: `problems` says what is wrong with one (none: compliant). */
function everyAppDataBucket(spec: {
    name: string;
    controls: string;
    description: string;
    advisoryReason?: string;
    readonly problems: (bucket: StackResource, resources: readonly StackResource[]) => string[];
}): StackPolicy {
    const { problems, advisoryReason, ...info } = spec;
    return {
        ...info,
        ...(advisoryReason ? { enforcementLevel: "advisory", advisoryReason } : { enforcementLevel: "mandatory" }),
        resourceTypes: [BUCKET],
        validateStack: (resources) =>
            appDataBuckets(resources).flatMap((bucket) => problems(bucket, resources).map((message) => ({ urn: bucket.urn, message }))),
    };
}

/** The statements of the bucket's policies; undefined when one is not known yet (a preview). */
function policyStatements(bucket: StackResource, resources: readonly StackResource[]): Statement[] | undefined {
    const found: Statement[] = [];
    for (const policy of referrers(resources, BUCKET_POLICY, "bucket", bucket)) {
        const all = statements(policy.props.policy);
        if (isUnknown(all)) return undefined;
        found.push(...(all ?? []));
    }
    return found;
}

const denies = (s: Statement, action: string) =>
    s.Effect === "Deny" &&
    principals(s).includes("*") &&
    strings(s.Action).some((a) => a === action || a === "s3:*" || (a.endsWith("*") && action.startsWith(a.slice(0, -1))));

/** Deny PutObject to everyone when the upload asks for an encryption other than aws:kms. */
function deniesOtherEncryption(s: Statement): boolean {
    const condition =
        at(s.Condition, "StringNotEqualsIfExists", "s3:x-amz-server-side-encryption") ??
        at(s.Condition, "StringNotEquals", "s3:x-amz-server-side-encryption");
    return denies(s, "s3:PutObject") && strings(condition).includes("aws:kms");
}

/** Deny object reads and writes to everyone but named principals (aws:PrincipalArn). */
function deniesOthersObjectAccess(s: Statement): boolean {
    const named =
        at(s.Condition, "ArnNotEquals", "aws:PrincipalArn") ??
        at(s.Condition, "ArnNotLike", "aws:PrincipalArn") ??
        at(s.Condition, "StringNotEquals", "aws:PrincipalArn");
    return denies(s, "s3:GetObject") && denies(s, "s3:PutObject") && (isUnknown(named) || strings(named).length > 0);
}

/** Whether a trail's basic event selectors record every object-level event (read and write) of the bucket. */
function recordsObjectEvents(trail: StackResource, bucketName: string): boolean | undefined {
    if (isUnknown(trail.props.eventSelectors)) return undefined;
    return list(trail.props.eventSelectors).some((selector) => {
        if (isUnknown(selector)) return true;
        const readWrite = at(selector, "readWriteType");
        if (readWrite !== undefined && readWrite !== "All" && !isUnknown(readWrite)) return false;
        return list(at(selector, "dataResources")).some(
            (d) =>
                at(d, "type") === "AWS::S3::Object" &&
                (isUnknown(at(d, "values")) ||
                    strings(at(d, "values")).some((v) => v === "arn:aws:s3" || v === `arn:aws:s3:::${bucketName}/`)),
        );
    });
}

export const SEED_DATA_POLICIES: readonly TapPolicy[] = [
    everyAppDataBucket({
        name: "app-data-bucket-kms",
        controls: "S3.17; seed 002 #10",
        description: `The app data bucket (tagged ${APP_DATA_TAG.key}: ${APP_DATA_TAG.value}) encrypts by default with SSE-KMS and a customer key (kmsMasterKeyId set).`,
        problems: (bucket, resources) => {
            const configs = referrers(resources, ENCRYPTION, "bucket", bucket);
            if (configs.length === 0) return ["no default encryption targets it"];
            return configs.flatMap((c) =>
                list(c.props.rules).flatMap((rule, i) => {
                    const by = at(rule, "applyServerSideEncryptionByDefault");
                    const algorithm = at(by, "sseAlgorithm");
                    const key = at(by, "kmsMasterKeyId");
                    const problems: string[] = [];
                    if (!isUnknown(algorithm) && algorithm !== "aws:kms")
                        problems.push(
                            `rules[${i}] encrypts with ${String(algorithm)}: the app data bucket takes SSE-KMS with the stack key`,
                        );
                    if (key === undefined || key === "")
                        problems.push(`rules[${i}] names no kmsMasterKeyId: S3 would use the AWS managed aws/s3 key, not the stack key`);
                    return problems;
                }),
            );
        },
    }),
    everyAppDataBucket({
        name: "app-data-bucket-denies-other-encryption",
        controls: "seed 002 #10",
        description:
            "The app data bucket's policy denies every upload that asks for an encryption other than SSE-KMS (s3:x-amz-server-side-encryption not aws:kms).",
        problems: (bucket, resources) => {
            const all = policyStatements(bucket, resources);
            return all === undefined || all.some(deniesOtherEncryption)
                ? []
                : ["no bucket policy statement denies s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms"];
        },
    }),
    everyAppDataBucket({
        name: "app-data-bucket-app-role-only",
        controls: "seed 002 #9, #10",
        description:
            "The app data bucket's policy denies reading and writing objects (s3:GetObject, s3:PutObject) to every principal but the ones it names by aws:PrincipalArn (the app role, AWS Backup's role).",
        problems: (bucket, resources) => {
            const all = policyStatements(bucket, resources);
            return all === undefined || all.some(deniesOthersObjectAccess)
                ? []
                : [
                      "no bucket policy statement denies s3:GetObject and s3:PutObject to every principal but the app role (aws:PrincipalArn)",
                  ];
        },
    }),
    everyAppDataBucket({
        name: "app-data-bucket-object-events",
        controls: "CIS 3.8, 3.9; seed 002 #5",
        description:
            "A trail of the stack records the app data bucket's object-level events, read and write (a data resource AWS::S3::Object naming the bucket, or every bucket).",
        problems: (bucket, resources) => {
            const name = bucket.props.bucket;
            if (typeof name !== "string") return [];
            const trails = ofType(resources, TRAIL);
            const verdicts = trails.map((t) => recordsObjectEvents(t, name));
            return verdicts.some((v) => v !== false)
                ? []
                : [
                      `no trail records its object-level events (an event selector with readWriteType All and the data resource arn:aws:s3:::${name}/)`,
                  ];
        },
    }),
    everyAppDataBucket({
        name: "app-data-bucket-backed-up",
        controls: "seed 002 #10; NIST 800-53 CP-9",
        description: "An AWS Backup selection of the stack names the app data bucket by its ARN.",
        advisoryReason:
            "tap:enableBackup may be turned off for a disposable stack (as rds-in-backup-plan); it is on in both profiles by default and the tests assert the selection",
        problems: (bucket, resources) => {
            const arn = bucket.props.arn;
            const selected = ofType(resources, SELECTION).some(
                (s) =>
                    isUnknown(s.props.resources) ||
                    list(s.props.resources).some((r) => isUnknown(r) || (typeof arn === "string" ? r === arn : true)),
            );
            return selected ? [] : ["no AWS Backup selection names it: its objects have no recovery point"];
        },
    }),
    {
        name: "alert-topics-subscribed-in-prod",
        controls: "seed 002 #8",
        description:
            "In a prod stack (its trail tagged Profile: prod), every SNS topic has a subscription: alarms, findings and budget alerts reach a person.",
        enforcementLevel: "mandatory",
        resourceTypes: [TOPIC],
        validateStack: (resources) => {
            if (!ofType(resources, TRAIL).some((t) => tagOf(t, "Profile") === "prod")) return [];
            const subscriptions = ofType(resources, SUBSCRIPTION);
            return ofType(resources, TOPIC)
                .filter((topic) => !subscriptions.some((s) => pointsAt(s, "topic", topic) !== "no"))
                .map((topic) => ({
                    urn: topic.urn,
                    message: "no subscription: in prod every alert must reach a person (set tap:alarmEmail)",
                }));
        },
    },
];
