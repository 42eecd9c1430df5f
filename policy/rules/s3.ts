/** S3: every bucket private, encrypted, versioned, TLS-only, access-logged, ACL-free, on the v7 resource types. */
import { ofType, pointsAt, referrers } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import { allows, at, differs, isSet, isUnknown, list, principals, show, Statement, statements, strings } from "../values";

export const BUCKET = "aws:s3/bucket:Bucket";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const ACL = "aws:s3/bucketAcl:BucketAcl";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";

/** The S3 resource types @pulumi/aws v7 deprecates in favour of the ones without `V2`. */
export const DEPRECATED_S3_TYPES = [
    "aws:s3/bucketV2:BucketV2",
    "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2",
    "aws:s3/bucketAclV2:BucketAclV2",
    "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    "aws:s3/bucketLoggingV2:BucketLoggingV2",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
    "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
] as const;

/** Inline `aws.s3.Bucket` arguments v7 deprecates, with the resource that replaces each (`acl`/`grants`: see s3-no-acls). */
const DEPRECATED_BUCKET_ARGS: Readonly<Record<string, string>> = {
    accelerationStatus: "BucketAccelerateConfiguration",
    corsRules: "BucketCorsConfiguration",
    lifecycleRules: "BucketLifecycleConfiguration",
    logging: "BucketLogging",
    objectLockConfiguration: "BucketObjectLockConfiguration",
    policy: "BucketPolicy",
    replicationConfiguration: "BucketReplicationConfig",
    requestPayer: "BucketRequestPaymentConfiguration",
    serverSideEncryptionConfiguration: "BucketServerSideEncryptionConfiguration",
    versioning: "BucketVersioning",
    website: "BucketWebsiteConfiguration",
};

const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;
const SSE_ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

/** `Deny` to everyone, on the bucket and its objects, whenever `aws:SecureTransport` is false. */
function deniesInsecureTransport(s: Statement): boolean {
    const secure = at(s.Condition, "Bool", "aws:SecureTransport");
    const resources = strings(s.Resource);
    return (
        s.Effect === "Deny" &&
        principals(s).includes("*") &&
        strings(s.Action).some((a) => a === "s3:*" || a === "*") &&
        [secure].flat().some((v) => v === false || v === "false") &&
        resources.some((r) => r === "*" || /^arn:aws[a-z-]*:s3:::[^/]+$/.test(r)) &&
        resources.some((r) => r === "*" || r.endsWith("/*"))
    );
}

/** A stack policy: every bucket of the stack has a `sideType` resource whose `bucket` refers to it. */
function everyBucketHas(spec: { name: string; controls: string; sideType: string; why: string }): StackPolicy {
    const resource = `aws.s3.${spec.sideType.split(":").pop()}`;
    return {
        name: spec.name,
        controls: spec.controls,
        description: `Every aws.s3.Bucket of the stack has an ${resource} targeting it.`,
        enforcementLevel: "mandatory",
        resourceTypes: [BUCKET],
        validateStack: (resources) =>
            ofType(resources, BUCKET)
                .filter((bucket) => referrers(resources, spec.sideType, "bucket", bucket).length === 0)
                .map((bucket) => ({ urn: bucket.urn, message: `no ${resource} targets it: ${spec.why}` })),
    };
}

/** Whether a bucket policy lets S3 server access logging write into the bucket (how a log destination is set up without ACLs). */
function grantsLogDelivery(policy: StackResource): boolean {
    const all = statements(policy.props.policy);
    if (isUnknown(all)) return true; // not known during a preview: it may be the grant
    return (all ?? []).some(
        (s) =>
            allows(s) &&
            principals(s).includes("logging.s3.amazonaws.com") &&
            strings(s.Action).some((a) => a === "s3:PutObject" || a === "s3:*"),
    );
}

/** S3.9: every bucket logs its access to another bucket, but the access-log destinations (never logged into themselves). */
const accessLogging: StackPolicy = {
    name: "s3-bucket-access-logging",
    controls: "S3.9, CIS 3.4; seed 004 #9",
    description:
        "Every aws.s3.Bucket of the stack logs server access (aws.s3.BucketLogging) to another bucket (the stack's own access-log bucket where it has one); access-log destinations (the target of a BucketLogging, or a bucket whose policy lets logging.s3.amazonaws.com write) are exempt, and no bucket logs into itself.",
    enforcementLevel: "mandatory",
    resourceTypes: [BUCKET],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const loggings = ofType(resources, LOGGING);
        for (const bucket of ofType(resources, BUCKET)) {
            const own = loggings.filter((l) => pointsAt(l, "bucket", bucket) !== "no");
            const isDestination =
                loggings.some((l) => pointsAt(l, "targetBucket", bucket) !== "no") ||
                referrers(resources, BUCKET_POLICY, "bucket", bucket).some(grantsLogDelivery);
            if (own.some((l) => pointsAt(l, "targetBucket", bucket) === "yes")) {
                violations.push({ urn: bucket.urn, message: "logs its server access into itself: every log write would be logged again" });
            } else if (own.length === 0 && !isDestination) {
                violations.push({
                    urn: bucket.urn,
                    message: "has no server access logging (aws.s3.BucketLogging to the access-log bucket)",
                });
            }
            // Where the stack has its own access-log bucket (a logging target, or one granting log delivery), every
            // bucket logs there: a name outside the stack is a record no one here keeps. A stack without one may log to
            // the account's central log bucket.
            const names = ofType(resources, BUCKET).map((b) => b.props.bucket);
            const sinks = ofType(resources, BUCKET).filter((b) => referrers(resources, BUCKET_POLICY, "bucket", b).some(grantsLogDelivery));
            if (sinks.length > 0 && !names.some(isUnknown)) {
                for (const l of own.filter((x) => typeof x.props.targetBucket === "string" && !names.includes(x.props.targetBucket))) {
                    violations.push({
                        urn: bucket.urn,
                        message: `logs its server access to ${show(l.props.targetBucket)}, not a bucket of the stack: its access record leaves the stack's retention and protection`,
                    });
                }
            }
        }
        return violations;
    },
};

export const S3_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "s3-no-deprecated-resources",
        controls: "seed 001 #3; aws-constraints",
        description:
            "No deprecated ...V2 S3 resource types and no deprecated inline configuration on aws.s3.Bucket: each setting is its own v7 resource.",
        enforcementLevel: "mandatory",
        resourceTypes: [...DEPRECATED_S3_TYPES, BUCKET],
        check: (p, type) => {
            if (type !== BUCKET)
                return [`${type.split(":").pop()} is deprecated in @pulumi/aws v7: use ${type.split(":").pop()!.replace(/V2$/, "")}`];
            return Object.entries(DEPRECATED_BUCKET_ARGS)
                .filter(([key]) => isSet(p[key]))
                .map(([key, replacement]) => `${key} is deprecated on aws.s3.Bucket: use aws.s3.${replacement}`);
        },
    }),
    resourcePolicy({
        name: "s3-public-access-block-all",
        controls: "CIS 2.1.4 / S3.8",
        description: "Bucket public access blocks set all four flags.",
        enforcementLevel: "mandatory",
        resourceTypes: [PUBLIC_ACCESS_BLOCK],
        check: (p) =>
            PUBLIC_ACCESS_FLAGS.filter((flag) => p[flag] !== true && !isUnknown(p[flag])).map(
                (flag) => `${flag} is ${show(p[flag])}: must be true`,
            ),
    }),
    resourcePolicy({
        name: "s3-deny-insecure-transport",
        controls: "CIS 2.1.1 / S3.5",
        description:
            "Bucket policies deny every request made without TLS (Deny s3:* to * on the bucket and its objects when aws:SecureTransport is false).",
        enforcementLevel: "mandatory",
        resourceTypes: [BUCKET_POLICY],
        check: (p) => {
            const all = statements(p.policy);
            if (isUnknown(all) || (all ?? []).some(deniesInsecureTransport)) return [];
            return ["no statement denies s3:* when aws:SecureTransport is false, on both the bucket and its objects"];
        },
    }),
    resourcePolicy({
        name: "s3-no-acls",
        controls: "S3.12; seed 001 #13",
        description:
            "No bucket ACLs (no aws.s3.BucketAcl, no acl/grants on the bucket); ownership controls, when declared, are BucketOwnerEnforced.",
        enforcementLevel: "mandatory",
        resourceTypes: [ACL, OWNERSHIP, BUCKET],
        check: (p, type) => {
            if (type === ACL)
                return [
                    "bucket ACLs are disabled (BucketOwnerEnforced): AWS refuses them with AccessControlListNotSupported; grant access with the bucket policy",
                ];
            if (type === OWNERSHIP) {
                const ownership = at(p.rule, "objectOwnership");
                return differs(ownership, "BucketOwnerEnforced")
                    ? [`rule.objectOwnership is ${show(ownership)}: must be BucketOwnerEnforced (ACLs disabled)`]
                    : [];
            }
            return (["acl", "grants"] as const)
                .filter((key) => isSet(p[key]))
                .map((key) => `${key} is set: bucket ACLs are disabled, use the bucket policy`);
        },
    }),
    resourcePolicy({
        name: "s3-encryption-at-rest",
        controls: "seed 001 #2",
        description:
            "Bucket encryption configurations apply SSE-KMS (aws:kms, aws:kms:dsse) or, where a service cannot use a customer key (ALB logs), SSE-S3 (AES256).",
        enforcementLevel: "mandatory",
        resourceTypes: [ENCRYPTION],
        check: (p) => {
            if (isUnknown(p.rules)) return [];
            const rules = list(p.rules);
            if (rules.length === 0) return ["rules is empty: no default encryption"];
            return rules
                .map((rule, i) => [i, at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm")] as const)
                .filter(([, algorithm]) => !isUnknown(algorithm) && !SSE_ALGORITHMS.includes(String(algorithm)))
                .map(
                    ([i, algorithm]) =>
                        `rules[${i}].applyServerSideEncryptionByDefault.sseAlgorithm is ${show(algorithm)}: use aws:kms or AES256`,
                );
        },
    }),
    resourcePolicy({
        name: "s3-versioning-enabled",
        controls: "S3.14",
        description: "Bucket versioning configurations are Enabled.",
        enforcementLevel: "mandatory",
        resourceTypes: [VERSIONING],
        check: (p) => {
            const status = at(p.versioningConfiguration, "status");
            return differs(status, "Enabled") ? [`versioningConfiguration.status is ${show(status)}: must be Enabled`] : [];
        },
    }),
    everyBucketHas({
        name: "s3-bucket-public-access-block-attached",
        controls: "CIS 2.1.4 / S3.8",
        sideType: PUBLIC_ACCESS_BLOCK,
        why: "nothing stops a public bucket policy or ACL (S3.8)",
    }),
    everyBucketHas({
        name: "s3-bucket-encryption-attached",
        controls: "seed 001 #2",
        sideType: ENCRYPTION,
        why: "objects are not encrypted with the stack's key",
    }),
    everyBucketHas({
        name: "s3-bucket-versioning-attached",
        controls: "S3.14",
        sideType: VERSIONING,
        why: "overwritten or deleted objects cannot be recovered",
    }),
    everyBucketHas({
        name: "s3-bucket-policy-attached",
        controls: "CIS 2.1.1 / S3.5",
        sideType: BUCKET_POLICY,
        why: "requests without TLS are not denied",
    }),
    accessLogging,
];
