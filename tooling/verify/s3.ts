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
    HeadBucketCommand,
} from "@aws-sdk/client-s3";
import { Check, CheckContext, fail, isStackKey, Outcome, pass, Requirement, verdict } from "./check";
import { explainError } from "./errors";
import { BucketOutput, StackOutputs } from "./outputs";

const BUCKETS: Requirement = {
    present: (outputs) => outputs.buckets().length > 0,
    missing: "no bucket outputs in this stack (no output key ending in BucketName, no bucketNames)",
};

/** The error code of an AWS SDK v3 service error (`NoSuchBucketPolicy`), if that is what `err` is. */
const errorCode = (err: unknown): string | undefined => (err instanceof Error ? err.name : undefined);

/** Where a bucket lives, and the outputs it is judged by: its own region's (its key, its access-log bucket). */
export interface BucketSite {
    /** The bucket's region, when the stack spans several (else the stack's one region). */
    readonly region?: string;
    /** The outputs of that region: the flat outputs for the primary, `regions.<code>` for another. */
    readonly outputs: StackOutputs;
}

/** One HeadBucket per bucket and run, shared by the bucket checks (they run on the same outputs). */
const sites = new WeakMap<StackOutputs, Map<string, Promise<BucketSite>>>();

/**
 * The bucket's site. A stack in one region has its buckets there. Across regions each bucket is
 * judged in its own region, which S3 states: HeadBucket answers `x-amz-bucket-region`, "The Region
 * that the bucket is located" (HeadBucket, Amazon S3 API Reference; AWS recommends it over
 * GetBucketLocation). S3 keeps a bucket's default KMS key and its log target bucket in the bucket's
 * own region ("The source and destination buckets must be in the same AWS Region": Amazon S3 User
 * Guide, "Enabling Amazon S3 server access logging"), so the primary's key and access-log bucket
 * can never be right for another region's bucket.
 */
export function bucketSite({ clients, outputs }: CheckContext, name: string): Promise<BucketSite> {
    const regions = Object.keys(outputs.regionalOutputs());
    if (regions.length <= 1 || !outputs.has("region")) return Promise.resolve({ outputs });
    const primary = outputs.string("region");
    let cache = sites.get(outputs);
    if (!cache) sites.set(outputs, (cache = new Map()));
    let site = cache.get(name);
    if (!site) {
        site = clients.s3.send(new HeadBucketCommand({ Bucket: name })).then(({ BucketRegion }) => {
            if (!BucketRegion) throw new Error(`HeadBucket ${name} answered no x-amz-bucket-region`);
            if (!regions.includes(BucketRegion))
                throw new Error(`bucket ${name} is in ${BucketRegion}, not one of the stack's regions (${regions.join(", ")})`);
            return { region: BucketRegion, outputs: outputs.forRegion(BucketRegion, primary) };
        });
        cache.set(name, site);
    }
    return site;
}

/** ` (in us-west-2)` when the stack spans regions: which region's terms the bucket was judged on. */
const where = (site: BucketSite) => (site.region ? ` (in ${site.region})` : "");

/**
 * Runs `judge` on every bucket, in its own region's terms. `absent` maps the error codes S3
 * answers when the setting was never made (e.g. `NoSuchBucketPolicy`) to a failure reason; any
 * other error fails that bucket alone.
 */
async function perBucket(
    context: CheckContext,
    judge: (bucket: BucketOutput, site: BucketSite) => Promise<Outcome>,
    absent: Readonly<Record<string, string>>,
): Promise<Outcome[]> {
    return Promise.all(
        context.outputs.buckets().map(async (bucket) => {
            try {
                return await judge(bucket, await bucketSite(context, bucket.name));
            } catch (err) {
                const code = errorCode(err);
                if (code && absent[code]) return fail(bucket.name, absent[code]);
                return fail(bucket.name, `could not verify: ${explainError(err)}`);
            }
        }),
    );
}

export const bucketsEncrypted: Check = {
    id: "s3.encryption",
    control: "design: SSE at rest (S3.17 with KMS)",
    proves: "Each bucket has default encryption: SSE-KMS with its own region's stack key, or SSE-S3 only where the stack chose it (output sseS3BucketNames: log buckets whose writers cannot use a CMK).",
    requires: [BUCKETS],
    run: (context) =>
        perBucket(
            context,
            async ({ name }, site) => {
                const { ServerSideEncryptionConfiguration } = await context.clients.s3.send(
                    new GetBucketEncryptionCommand({ Bucket: name }),
                );
                const rule = ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
                if (!rule?.SSEAlgorithm) return fail(name, "no default encryption rule");
                if (rule.SSEAlgorithm === "AES256") {
                    // Default-on since January 2023: "Amazon S3 now applies server-side encryption with Amazon S3
                    // managed keys (SSE-S3) as the base level of encryption for every bucket" (Amazon S3 User
                    // Guide, "Setting default server-side encryption behavior"). AES256 is what a bucket reads once
                    // its KMS configuration is gone, so it passes only where the stack chose it.
                    const chosen = context.outputs.has("sseS3BucketNames") ? context.outputs.strings("sseS3BucketNames") : undefined;
                    if (chosen && !chosen.includes(name))
                        return fail(
                            name,
                            `SSE-S3 (AES256, S3's default for every bucket), not SSE-KMS with the stack key${where(site)}: its KMS default encryption is gone`,
                        );
                    return pass(
                        name,
                        chosen
                            ? "SSE-S3 (AES256), as the stack chose for this log bucket: not S3.17"
                            : "SSE-S3 (AES256): not S3.17, expected only for ALB and server access log buckets",
                    );
                }
                if (!rule.SSEAlgorithm.startsWith("aws:kms")) return fail(name, `SSEAlgorithm ${rule.SSEAlgorithm}`);
                const key = rule.KMSMasterKeyID;
                const ours = isStackKey(site.outputs, key);
                if (ours === false)
                    return fail(name, `${rule.SSEAlgorithm} with ${key ?? "the AWS managed key aws/s3"}, not the stack key${where(site)}`);
                return pass(
                    name,
                    `${rule.SSEAlgorithm} with ${key ?? "the AWS managed key aws/s3"}${ours ? ` (the stack key${where(site)})` : ""}`,
                );
            },
            { ServerSideEncryptionConfigurationNotFoundError: "no default encryption configuration" },
        ),
};

const PUBLIC_ACCESS_FLAGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;

export const bucketsBlockPublicAccess: Check = {
    id: "s3.public-access-block",
    control: "CIS 2.1.4 / S3.8",
    proves: "Each bucket's public access block has all four flags on.",
    requires: [BUCKETS],
    run: (context) =>
        perBucket(
            context,
            async ({ name }) => {
                const { PublicAccessBlockConfiguration: block } = await context.clients.s3.send(
                    new GetPublicAccessBlockCommand({ Bucket: name }),
                );
                const off = PUBLIC_ACCESS_FLAGS.filter((flag) => block?.[flag] !== true);
                return verdict(name, off.length ? [`${off.join(", ")} not set`] : [], "all four public access block flags on");
            },
            { NoSuchPublicAccessBlockConfiguration: "no public access block on the bucket" },
        ),
};

export const bucketsVersioned: Check = {
    id: "s3.versioning",
    control: "S3.14",
    proves: "Each bucket has versioning Enabled.",
    requires: [BUCKETS],
    run: (context) =>
        perBucket(
            context,
            async ({ name }) => {
                const { Status } = await context.clients.s3.send(new GetBucketVersioningCommand({ Bucket: name }));
                return Status === "Enabled" ? pass(name, "versioning Enabled") : fail(name, `versioning ${Status ?? "never enabled"}`);
            },
            {},
        ),
};

export interface PolicyStatement {
    readonly Effect?: string;
    readonly Principal?: unknown;
    readonly Action?: string | string[];
    readonly Resource?: string | string[];
    readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A policy element that holds one value or a list (IAM JSON policy grammar), as a list. */
export const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The statements of a bucket policy as S3 returns it: a JSON string whose `Statement` is one object or a list. */
export function bucketPolicyStatements(policy: string | undefined): PolicyStatement[] {
    return list((JSON.parse(policy ?? "{}") as { Statement?: PolicyStatement | PolicyStatement[] }).Statement);
}

/** Whether a statement applies to everyone: `Principal: "*"` or `{ AWS: "*" }`. */
export const toEveryone = (statement: PolicyStatement): boolean =>
    statement.Principal === "*" || list((statement.Principal as { AWS?: string | string[] } | undefined)?.AWS).includes("*");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether `statement` denies every S3 action to everyone on the bucket and its objects when the
 * request is not TLS, and only on that condition: a Deny narrowed by any other condition key (an
 * `aws:SourceIp`, a `StringEquals` on a principal) leaves plain-HTTP requests from everywhere else
 * allowed, and a `NotPrincipal`, `NotAction` or `NotResource` exempts what it names. Every condition
 * block of a statement must hold for it to apply ("If you specify multiple condition operators, or
 * multiple keys to a single condition operator, the conditions are evaluated using a logical AND":
 * IAM User Guide, "IAM JSON policy elements: Condition").
 */
export function deniesInsecureTransport(statement: PolicyStatement, bucket: string): boolean {
    const everyone = toEveryone(statement);
    const allActions = list(statement.Action).some((a) => a === "s3:*" || a === "*");
    const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys ?? {}).map(([key, value]) => ({ operator, key, value })),
    );
    const onlyInsecure =
        conditions.length === 1 &&
        ["Bool", "BoolIfExists"].includes(conditions[0].operator) &&
        conditions[0].key.toLowerCase() === "aws:securetransport" &&
        list(conditions[0].value as string | boolean | (string | boolean)[] | undefined).some((v) => String(v) === "false");
    const exempts = ["NotPrincipal", "NotAction", "NotResource"].some((k) => k in statement);
    const resources = list(statement.Resource);
    const arn = `^arn:[a-z-]+:s3:::${escapeRegExp(bucket)}`;
    const coversBucket = resources.some((r) => new RegExp(`${arn}$`).test(r));
    const coversObjects = resources.some((r) => new RegExp(`${arn}/\\*$`).test(r));
    return statement.Effect === "Deny" && everyone && allActions && onlyInsecure && !exempts && coversBucket && coversObjects;
}

export const bucketsTlsOnly: Check = {
    id: "s3.tls-only",
    control: "CIS 2.1.1 / S3.5",
    proves: "Each bucket's policy denies s3:* to everyone, on the bucket and its objects, when aws:SecureTransport is false.",
    requires: [BUCKETS],
    run: (context) =>
        perBucket(
            context,
            async ({ name }) => {
                const { Policy } = await context.clients.s3.send(new GetBucketPolicyCommand({ Bucket: name }));
                const statement = bucketPolicyStatements(Policy).find((s) => deniesInsecureTransport(s, name));
                return statement
                    ? pass(
                          name,
                          `statement ${(statement as { Sid?: string }).Sid ?? "(no Sid)"} denies requests with aws:SecureTransport false`,
                      )
                    : fail(
                          name,
                          "the bucket policy has no statement denying s3:* on the bucket and its objects when aws:SecureTransport is false",
                      );
            },
            { NoSuchBucketPolicy: "no bucket policy: plain-HTTP requests are not denied" },
        ),
};

export const bucketsOwnerEnforced: Check = {
    id: "s3.ownership",
    control: "S3.12",
    proves: "Each bucket's object ownership is BucketOwnerEnforced: ACLs are disabled.",
    requires: [BUCKETS],
    run: (context) =>
        perBucket(
            context,
            async ({ name }) => {
                const { OwnershipControls } = await context.clients.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }));
                const ownership = OwnershipControls?.Rules?.[0]?.ObjectOwnership;
                return ownership === "BucketOwnerEnforced"
                    ? pass(name, "BucketOwnerEnforced: ACLs disabled")
                    : fail(name, `ObjectOwnership ${ownership}: ACLs still apply`);
            },
            { OwnershipControlsNotFoundError: "no ownership controls: ACLs are enabled" },
        ),
};

export const bucketsAccessLogged: Check = {
    id: "s3.access-logging",
    control: "S3.9",
    proves: "Each bucket logs server access to its own region's access-log bucket, never to itself; the access-log bucket does not log into itself.",
    requires: [BUCKETS],
    run: (context) =>
        perBucket(
            context,
            async ({ name }, site) => {
                const { LoggingEnabled } = await context.clients.s3.send(new GetBucketLoggingCommand({ Bucket: name }));
                const target = LoggingEnabled?.TargetBucket;
                const logBucket = site.outputs.has("accessLogsBucketName") ? site.outputs.string("accessLogsBucketName") : undefined;
                if (target === name) return fail(name, "logs into itself: every log write would be logged again");
                if (name === logBucket)
                    return pass(
                        name,
                        target
                            ? `the access-log bucket${where(site)}, logging to ${target}`
                            : `the access-log bucket${where(site)} itself (not logged, by design)`,
                    );
                if (!target) return fail(name, "server access logging is off");
                if (logBucket && target !== logBucket)
                    return fail(name, `logs to ${target}, not the access-log bucket ${logBucket}${where(site)}`);
                return pass(name, `logs to ${target}/${LoggingEnabled?.TargetPrefix ?? ""}${where(site)}`);
            },
            {},
        ),
};

export const S3_CHECKS: readonly Check[] = [
    bucketsEncrypted,
    bucketsBlockPublicAccess,
    bucketsVersioned,
    bucketsTlsOnly,
    bucketsOwnerEnforced,
    bucketsAccessLogged,
];
