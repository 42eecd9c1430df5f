/** CloudTrail: encrypted, validated, searchable, multi-region trails with valid data-event selectors. */
import { ofType, pointsAt, referrers, waitsFor } from "../relations";
import { Props, resourcePolicy, StackPolicy, StackViolation, TapPolicy } from "../types";
import { at, differs, isSet, isUnknown, list, show, strings } from "../values";

export const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** `arn:aws:s3`: every bucket's objects. */
const ALL_BUCKETS = /^arn:aws[a-z-]*:s3$/;
/** `arn:aws:s3:::<bucket>/<optional prefix>`: one bucket (a real bucket name, not a pattern). */
const ONE_BUCKET = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\//;

/** Why each S3 data-event selector value would be refused by CloudTrail (seed 000, failure 1). */
function invalidS3Selectors(props: Props): string[] {
    const problems: string[] = [];
    list(props.eventSelectors).forEach((selector, s) => {
        list(at(selector, "dataResources")).forEach((resource, d) => {
            if (at(resource, "type") !== "AWS::S3::Object") return;
            strings(at(resource, "values")).forEach((value, v) => {
                if (ALL_BUCKETS.test(value) || ONE_BUCKET.test(value)) return;
                problems.push(
                    `eventSelectors[${s}].dataResources[${d}].values[${v}] = ${show(value)} is refused by CloudTrail ` +
                        `(InvalidEventSelectorsException): use "arn:aws:s3" for every bucket or "arn:aws:s3:::<bucket>/<prefix>" for one`,
                );
            });
        });
    });
    list(props.advancedEventSelectors).forEach((selector, s) => {
        const fields = list(at(selector, "fieldSelectors"));
        const s3Objects = fields.some((f) => at(f, "field") === "resources.type" && strings(at(f, "equals")).includes("AWS::S3::Object"));
        if (!s3Objects) return;
        for (const field of fields) {
            if (at(field, "field") !== "resources.ARN") continue;
            for (const operator of ["equals", "startsWiths", "notEquals", "notStartsWiths", "endsWiths", "notEndsWiths"]) {
                for (const value of strings(at(field, operator))) {
                    if (/^arn:aws[a-z-]*:s3:::/.test(value) && !value.includes("*")) continue;
                    problems.push(
                        `advancedEventSelectors[${s}] resources.ARN ${operator} ${show(value)} is not an S3 object ARN prefix ` +
                            `(advanced selectors take no wildcards: use startsWith "arn:aws:s3:::<bucket>/")`,
                    );
                }
            }
        }
    });
    return problems;
}

/** The trail waits for the policy of its bucket, or creation races it (InsufficientS3BucketPolicyException). */
const trailAfterBucketPolicy: StackPolicy = {
    name: "cloudtrail-after-bucket-policy",
    controls: "aws-constraints (CloudTrail)",
    description:
        "A trail writing to a bucket of the stack depends on that bucket's policy (which allows CloudTrail to write), so it is created after it (else InsufficientS3BucketPolicyException).",
    enforcementLevel: "mandatory",
    resourceTypes: [TRAIL],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        for (const trail of ofType(resources, TRAIL)) {
            const buckets = ofType(resources, BUCKET).filter((b) => pointsAt(trail, "s3BucketName", b) === "yes");
            for (const bucket of buckets) {
                const policies = referrers(resources, BUCKET_POLICY, "bucket", bucket);
                if (policies.some((p) => waitsFor(trail, p, resources))) continue;
                const sure = policies.filter((p) => pointsAt(p, "bucket", bucket) === "yes");
                if (policies.length > sure.length && sure.length === 0) continue; // a policy whose bucket is not known yet may be it
                violations.push({
                    urn: trail.urn,
                    message:
                        sure.length === 0
                            ? `its bucket ${bucket.name} has no bucket policy in the stack: CloudTrail cannot write without one`
                            : `does not depend on ${sure.map((p) => p.name).join(", ")}, the policy of its bucket ${bucket.name}: add it to dependsOn`,
                });
            }
        }
        return violations;
    },
};

/** `prod`, `prod-eu`, ...: how tap tells a production stack (lib/config.ts), from the stack segment of a URN. */
const PROD_STACK = /^urn:pulumi:prod(-[^:]*)?::/;
/** The tag a single-region trail carries to name the trail that records every region (tap:cloudTrailCoveredBy). */
export const COVERED_BY_TAG = "CoveredByTrail";

/** CIS 3.1 in production: a single-region trail is refused unless it names the account's multi-region trail. */
const prodTrailMultiRegion: StackPolicy = {
    name: "cloudtrail-multi-region-prod",
    controls: "CIS 3.1 / CloudTrail.1",
    description: `In a production stack (stack name prod or prod-*, or a trail tagged Profile=prod) every trail records every region (isMultiRegionTrail), unless it is tagged ${COVERED_BY_TAG} with the name or ARN of the account's multi-region trail (tap:cloudTrailCoveredBy).`,
    enforcementLevel: "mandatory",
    resourceTypes: [TRAIL],
    validateStack: (resources) =>
        ofType(resources, TRAIL)
            .filter((trail) => {
                const tags = at(trail.props, "tags");
                const prod = PROD_STACK.test(trail.urn) || at(tags, "Profile") === "prod";
                const coveredBy = at(tags, COVERED_BY_TAG);
                return (
                    prod &&
                    differs(trail.props.isMultiRegionTrail, true) &&
                    !(typeof coveredBy === "string" && coveredBy.trim() !== "") &&
                    !isUnknown(coveredBy)
                );
            })
            .map((trail) => ({
                urn: trail.urn,
                message: `isMultiRegionTrail is ${show(trail.props.isMultiRegionTrail)} in a production stack: record every region, or name the account's multi-region trail in tap:cloudTrailCoveredBy (the ${COVERED_BY_TAG} tag)`,
            })),
};

export const CLOUDTRAIL_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "cloudtrail-kms-encryption",
        controls: "CIS 3.5 / CloudTrail.2",
        description: "Trails encrypt their log files with a customer-managed KMS key (kmsKeyId).",
        enforcementLevel: "mandatory",
        resourceTypes: [TRAIL],
        check: (p) => (isSet(p.kmsKeyId) ? [] : ["kmsKeyId is unset: log files are only SSE-S3 encrypted; set the stack's KMS key"]),
    }),
    resourcePolicy({
        name: "cloudtrail-log-file-validation",
        controls: "CIS 3.2 / CloudTrail.4",
        description: "Trails have log file integrity validation on (enableLogFileValidation).",
        enforcementLevel: "mandatory",
        resourceTypes: [TRAIL],
        check: (p) =>
            differs(p.enableLogFileValidation, true) ? [`enableLogFileValidation is ${show(p.enableLogFileValidation)}: must be true`] : [],
    }),
    resourcePolicy({
        name: "cloudtrail-cloudwatch-logs",
        controls: "CloudTrail.5",
        description:
            "Trails deliver to a CloudWatch Logs group through a role (cloudWatchLogsGroupArn and cloudWatchLogsRoleArn), which the CIS 4.x metric filters read.",
        enforcementLevel: "mandatory",
        resourceTypes: [TRAIL],
        check: (p) =>
            ["cloudWatchLogsGroupArn", "cloudWatchLogsRoleArn"]
                .filter((key) => !isSet(p[key]))
                .map((key) => `${key} is unset: the trail must deliver to CloudWatch Logs`),
    }),
    resourcePolicy({
        name: "cloudtrail-multi-region",
        controls: "CIS 3.1 / CloudTrail.1",
        description: "Trails record every region (isMultiRegionTrail).",
        enforcementLevel: "advisory",
        advisoryReason:
            "an account that already has a multi-region trail (seeds 000 and 001) sets tap:cloudTrailMultiRegion=false in its stack file and relies on that trail",
        resourceTypes: [TRAIL],
        check: (p) =>
            differs(p.isMultiRegionTrail, true)
                ? [
                      `isMultiRegionTrail is ${show(p.isMultiRegionTrail)}: only this region is recorded; make sure another trail covers the others`,
                  ]
                : [],
    }),
    prodTrailMultiRegion,
    resourcePolicy({
        name: "cloudtrail-management-events",
        controls: "CIS 3.1 / CloudTrail.1",
        description:
            "Trails record global service events (IAM, STS, CloudFront: includeGlobalServiceEvents) and all management events, read and write (each event selector: includeManagementEvents true, readWriteType All).",
        enforcementLevel: "mandatory",
        resourceTypes: [TRAIL],
        check: (p) => {
            const problems =
                p.includeGlobalServiceEvents === false
                    ? ["includeGlobalServiceEvents is false: IAM and other global events go unrecorded"]
                    : [];
            list(p.eventSelectors).forEach((selector, i) => {
                const management = at(selector, "includeManagementEvents");
                const readWrite = at(selector, "readWriteType");
                if (management === false)
                    problems.push(`eventSelectors[${i}].includeManagementEvents is false: management events go unrecorded`);
                if (readWrite !== undefined && differs(readWrite, "All"))
                    problems.push(`eventSelectors[${i}].readWriteType is ${show(readWrite)}: must be All`);
            });
            return problems;
        },
    }),
    resourcePolicy({
        name: "cloudtrail-s3-data-event-selectors",
        controls: "seed 000 #1",
        description:
            'S3 data-event selector values are ones CloudTrail accepts (else InvalidEventSelectorsException): "arn:aws:s3" or "arn:aws:s3:::<bucket>/<prefix>" (never "arn:aws:s3:::*/").',
        enforcementLevel: "mandatory",
        resourceTypes: [TRAIL],
        check: invalidS3Selectors,
    }),
    trailAfterBucketPolicy,
];
