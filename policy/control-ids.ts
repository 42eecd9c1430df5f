/**
 * Control ids as the pack and the tests cite them (`CIS 5.6 / EC2.8`, `CIS 1.8/1.9`, `CIS 5.2, 5.3`, `IAM.7/15/16`,
 * `CIS 4.1 to 4.14`), read into one id each (`CIS 5.6`, `EC2.8`, `IAM.15`): how the meta-test
 * pairs every control a test asserts with the pack rule that guards it.
 */

/** The Security Hub (FSBP) control families tap cites. */
const FAMILIES = [
    "EC2",
    "RDS",
    "ELB",
    "S3",
    "KMS",
    "IAM",
    "CloudTrail",
    "Config",
    "GuardDuty",
    "SNS",
    "SQS",
    "WAF",
    "CloudFront",
    "CloudWatch",
    "SSM",
    "SecretsManager",
];

const CIS = /CIS (\d+(?:\.\d+)+)((?:(?:\/|, )\d+(?:\.\d+)+)*)(?: to (\d+(?:\.\d+)+))?/g;
const FSBP = new RegExp(`\\b(${FAMILIES.join("|")})\\.(\\d+)((?:\\/\\d+)*)`, "g");

/** Every control id cited in `text`, expanded and deduplicated. */
export function controlIds(text: string): string[] {
    const ids = new Set<string>();
    for (const [, first, more, to] of text.matchAll(CIS)) {
        const listed = [first, ...more.split(/\/|, /).filter(Boolean)];
        for (const id of listed) ids.add(`CIS ${id}`);
        if (to) {
            const [major, from] = first.split(".");
            const [toMajor, last] = to.split(".");
            if (major === toMajor) for (let n = Number(from); n <= Number(last); n++) ids.add(`CIS ${major}.${n}`);
        }
    }
    for (const [, family, first, more] of text.matchAll(FSBP)) {
        for (const n of [first, ...more.split("/").filter(Boolean)]) ids.add(`${family}.${n}`);
    }
    return [...ids];
}
