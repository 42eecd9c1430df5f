/**
 * S3 checks (S3 client), for every bucket the stack exports (outputs ending in `BucketName`, and
 * the `bucketNames` list): the five SecureBucket protections and server access logging.
 */
import {
    GetBucketEncryptionCommand,
    GetBucketLoggingCommand,
    GetBucketOwnershipControlsCommand,
    GetBucketPolicyCommand,
    GetBucketVersioningCommand,
    GetPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { Check, CheckContext, fail, isStackKey, Outcome, pass, Requirement, verdict } from "./check";
import { explainError } from "./errors";
import { BucketOutput } from "./outputs";

const BUCKETS: Requirement = {
    present: (outputs) => outputs.buckets().length > 0,
    missing: "no bucket outputs in this stack (no output key ending in BucketName, no bucketNames)",
};

/** The error code of an AWS SDK v3 service error (`NoSuchBucketPolicy`), if that is what `err` is. */
const errorCode = (err: unknown): string | undefined => (err instanceof Error ? err.name : undefined);

/**
 * Runs `judge` on every bucket. `absent` maps the error codes S3 answers when the setting was never
 * made (e.g. `NoSuchBucketPolicy`) to a failure reason; any other error fails that bucket alone.
 */
async function perBucket(
    { outputs }: CheckContext,
    judge: (bucket: BucketOutput) => Promise<Outcome>,
    absent: Readonly<Record<string, string>>,
): Promise<Outcome[]> {
    return Promise.all(outputs.buckets().map(async (bucket) => {
        try {
            return await judge(bucket);
        } catch (err) {
            const code = errorCode(err);
            if (code && absent[code]) return fail(bucket.name, absent[code]);
            return fail(bucket.name, `could not verify: ${explainError(err)}`);
        }
    }));
}

export const bucketsEncrypted: Check = {
    id: "s3.encryption",
    control: "design: SSE at rest (S3.17 with KMS)",
    proves: "Each bucket has default encryption: SSE-KMS with the stack key, or SSE-S3 where a service cannot use a CMK (ALB and server access logs).",
    requires: [BUCKETS],
    run: (context) => perBucket(context, async ({ name }) => {
        const { ServerSideEncryptionConfiguration } = await context.clients.s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
        const rule = ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
        if (!rule?.SSEAlgorithm) return fail(name, "no default encryption rule");
        // SSE-S3 is encryption at rest but not S3.17; the stack uses it only where a service cannot use a CMK.
        if (rule.SSEAlgorithm === "AES256") return pass(name, "SSE-S3 (AES256): not S3.17, expected only for ALB and server access log buckets");
        if (!rule.SSEAlgorithm.startsWith("aws:kms")) return fail(name, `SSEAlgorithm ${rule.SSEAlgorithm}`);
        const key = rule.KMSMasterKeyID;
        const ours = isStackKey(context.outputs, key);
        if (ours === false) return fail(name, `${rule.SSEAlgorithm} with ${key ?? "the AWS managed key aws/s3"}, not the stack key`);
        return pass(name, `${rule.SSEAlgorithm} with ${key ?? "the AWS managed key aws/s3"}${ours ? " (the stack key)" : ""}`);
    }, { ServerSideEncryptionConfigurationNotFoundError: "no default encryption configuration" }),
};

const PUBLIC_ACCESS_FLAGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;

export const bucketsBlockPublicAccess: Check = {
    id: "s3.public-access-block",
    control: "CIS 2.1.4 / S3.8",
    proves: "Each bucket's public access block has all four flags on.",
    requires: [BUCKETS],
    run: (context) => perBucket(context, async ({ name }) => {
        const { PublicAccessBlockConfiguration: block } = await context.clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }));
        const off = PUBLIC_ACCESS_FLAGS.filter((flag) => block?.[flag] !== true);
        return verdict(name, off.length ? [`${off.join(", ")} not set`] : [], "all four public access block flags on");
    }, { NoSuchPublicAccessBlockConfiguration: "no public access block on the bucket" }),
};

export const bucketsVersioned: Check = {
    id: "s3.versioning",
    control: "S3.14",
    proves: "Each bucket has versioning Enabled.",
    requires: [BUCKETS],
    run: (context) => perBucket(context, async ({ name }) => {
        const { Status } = await context.clients.s3.send(new GetBucketVersioningCommand({ Bucket: name }));
        return Status === "Enabled" ? pass(name, "versioning Enabled") : fail(name, `versioning ${Status ?? "never enabled"}`);
    }, {}),
};

interface PolicyStatement {
    readonly Effect?: string;
    readonly Principal?: unknown;
    readonly Action?: string | string[];
    readonly Resource?: string | string[];
    readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `statement` denies every S3 action to everyone on the bucket and its objects when the request is not TLS. */
export function deniesInsecureTransport(statement: PolicyStatement, bucket: string): boolean {
    const everyone = statement.Principal === "*"
        || list((statement.Principal as { AWS?: string | string[] } | undefined)?.AWS).includes("*");
    const allActions = list(statement.Action).some((a) => a === "s3:*" || a === "*");
    const insecure = list(statement.Condition?.Bool?.["aws:SecureTransport"] as string | boolean | (string | boolean)[] | undefined)
        .some((v) => String(v) === "false");
    const resources = list(statement.Resource);
    const arn = `^arn:[a-z-]+:s3:::${escapeRegExp(bucket)}`;
    const coversBucket = resources.some((r) => new RegExp(`${arn}$`).test(r));
    const coversObjects = resources.some((r) => new RegExp(`${arn}/\\*$`).test(r));
    return statement.Effect === "Deny" && everyone && allActions && insecure && coversBucket && coversObjects;
}

export const bucketsTlsOnly: Check = {
    id: "s3.tls-only",
    control: "CIS 2.1.1 / S3.5",
    proves: "Each bucket's policy denies s3:* to everyone, on the bucket and its objects, when aws:SecureTransport is false.",
    requires: [BUCKETS],
    run: (context) => perBucket(context, async ({ name }) => {
        const { Policy } = await context.clients.s3.send(new GetBucketPolicyCommand({ Bucket: name }));
        const document = JSON.parse(Policy ?? "{}") as { Statement?: PolicyStatement | PolicyStatement[] };
        const statement = list(document.Statement).find((s) => deniesInsecureTransport(s, name));
        return statement
            ? pass(name, `statement ${(statement as { Sid?: string }).Sid ?? "(no Sid)"} denies requests with aws:SecureTransport false`)
            : fail(name, "the bucket policy has no statement denying s3:* on the bucket and its objects when aws:SecureTransport is false");
    }, { NoSuchBucketPolicy: "no bucket policy: plain-HTTP requests are not denied" }),
};

export const bucketsOwnerEnforced: Check = {
    id: "s3.ownership",
    control: "S3.12",
    proves: "Each bucket's object ownership is BucketOwnerEnforced: ACLs are disabled.",
    requires: [BUCKETS],
    run: (context) => perBucket(context, async ({ name }) => {
        const { OwnershipControls } = await context.clients.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }));
        const ownership = OwnershipControls?.Rules?.[0]?.ObjectOwnership;
        return ownership === "BucketOwnerEnforced" ? pass(name, "BucketOwnerEnforced: ACLs disabled") : fail(name, `ObjectOwnership ${ownership}: ACLs still apply`);
    }, { OwnershipControlsNotFoundError: "no ownership controls: ACLs are enabled" }),
};

export const bucketsAccessLogged: Check = {
    id: "s3.access-logging",
    control: "S3.9",
    proves: "Each bucket logs server access to the access-log bucket, never to itself; the access-log bucket does not log into itself.",
    requires: [BUCKETS],
    run: (context) => perBucket(context, async ({ name }) => {
        const { LoggingEnabled } = await context.clients.s3.send(new GetBucketLoggingCommand({ Bucket: name }));
        const target = LoggingEnabled?.TargetBucket;
        const logBucket = context.outputs.has("accessLogsBucketName") ? context.outputs.string("accessLogsBucketName") : undefined;
        if (target === name) return fail(name, "logs into itself: every log write would be logged again");
        if (name === logBucket) return pass(name, target ? `the access-log bucket, logging to ${target}` : "the access-log bucket itself (not logged, by design)");
        if (!target) return fail(name, "server access logging is off");
        if (logBucket && target !== logBucket) return fail(name, `logs to ${target}, not the access-log bucket ${logBucket}`);
        return pass(name, `logs to ${target}/${LoggingEnabled?.TargetPrefix ?? ""}`);
    }, {}),
};

export const S3_CHECKS: readonly Check[] = [
    bucketsEncrypted,
    bucketsBlockPublicAccess,
    bucketsVersioned,
    bucketsTlsOnly,
    bucketsOwnerEnforced,
    bucketsAccessLogged,
];
