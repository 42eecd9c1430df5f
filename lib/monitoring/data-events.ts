/**
 * CloudTrail S3 data-event selector values. AWS accepts `arn:aws:s3` (every bucket) or
 * `arn:aws:s3:::<bucket>/` optionally followed by a key prefix; a wildcard bucket (`arn:aws:s3:::*`
 * then a slash, seed 000) is
 * rejected with InvalidEventSelectorsException and broke a deployment.
 */

/** An S3 bucket name as S3 allows it (3-63 of a-z 0-9 . -, starting and ending alphanumeric). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The forms CloudTrail accepts for `AWS::S3::Object` data resources. */
export const VALID_S3_DATA_EVENT_VALUE = /^arn:aws:s3(:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*)?$/;

export function isBucketName(name: string): boolean {
    return BUCKET_NAME.test(name) && !name.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

/**
 * Selector values for `tap:cloudTrailDataEventBuckets`: `*` means every bucket in the account
 * (`arn:aws:s3`), any other entry a bucket name (all its objects).
 */
export function s3DataEventValues(buckets: readonly string[]): string[] {
    if (buckets.includes("*")) return ["arn:aws:s3"];
    return buckets.map((name) => {
        if (!isBucketName(name)) throw new Error(`not an S3 bucket name: ${JSON.stringify(name)}`);
        return `arn:aws:s3:::${name}/`;
    });
}
