/**
 * The tags a user adds to every resource (tap:extraTags), and the rules AWS sets on tags. Pure, so
 * the config, the program and the tests share one reading of them.
 *
 * AWS's tag rules (Tagging AWS resources, "Tag naming limits and requirements"; the same text in
 * every service's tagging page, e.g. AWS Batch user guide, "Tag restrictions"): "Maximum number of
 * tags per resource – 50"; "Maximum key length – 128 Unicode characters in UTF-8"; "Maximum value
 * length – 256 Unicode characters in UTF-8"; "Generally allowed characters are letters, numbers,
 * spaces representable in UTF-8, and the following characters: + - = . _ : / @"; "Don't use aws:,
 * AWS:, or any upper or lowercase combination of such as a prefix for either keys or values, as
 * it is reserved for Amazon use." The character class is the one AWS's APIs validate with
 * (`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`, e.g. Service Quotas API reference, Tag).
 */

/** Keys: 1 to 128 characters. */
export const TAG_KEY_MAX = 128;
/** Values: 0 to 256 characters (an empty value is allowed). */
export const TAG_VALUE_MAX = 256;
/** AWS's limit per resource. */
export const TAGS_PER_RESOURCE_MAX = 50;
/**
 * The most tags tap sets on one resource itself: the four default tags (`stackTags`) and up to
 * six of a resource's own (Name, Tier, Profile, CoveredByTrail, PatchGroup, ...). What is left of
 * AWS's 50 is what tap:extraTags may add.
 */
export const TAP_TAGS_PER_RESOURCE_MAX = 10;
export const EXTRA_TAGS_MAX = TAGS_PER_RESOURCE_MAX - TAP_TAGS_PER_RESOURCE_MAX;

const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const RESERVED_PREFIX = /^aws:/i;

/**
 * The tag keys tap sets itself: the provider's default tags (lib/naming.ts `stackTags`) and the
 * ones components put on single resources, some of which the policy pack and the post-deploy
 * checks read. An extra tag with one of these keys (in any letter case: tags are case sensitive,
 * a second `owner` beside `Owner` only confuses cost reports) is refused.
 */
export const TAP_TAG_KEYS = [
    "Environment",
    "Project",
    "ManagedBy",
    "Owner",
    "Name",
    "Tier",
    "Profile",
    "CoveredByTrail",
    "PlainHttpAcceptedBy",
    "PatchGroup",
    "DataStore",
] as const;

/** Unicode code points, as AWS counts "characters". */
const length = (s: string) => [...s].length;

/**
 * Every problem with a set of extra tags, each naming the key: AWS's key and value rules, the
 * reserved `aws:` prefix, the room left beside tap's own tags, and collisions with tap's keys.
 */
export function extraTagProblems(tags: Readonly<Record<string, unknown>>): string[] {
    const problems: string[] = [];
    const entries = Object.entries(tags);
    if (entries.length > EXTRA_TAGS_MAX) {
        problems.push(
            `has ${entries.length} tags: at most ${EXTRA_TAGS_MAX} (AWS allows ${TAGS_PER_RESOURCE_MAX} a resource, tap sets up to ${TAP_TAGS_PER_RESOURCE_MAX} itself)`,
        );
    }
    for (const [key, value] of entries) {
        const k = JSON.stringify(key);
        if (length(key) < 1 || length(key) > TAG_KEY_MAX) problems.push(`key ${k}: must be 1 to ${TAG_KEY_MAX} characters`);
        if (!ALLOWED.test(key)) problems.push(`key ${k}: may hold only letters, digits, spaces and _ . : / = + - @`);
        if (RESERVED_PREFIX.test(key)) problems.push(`key ${k}: the aws: prefix is reserved for AWS`);
        const clash = TAP_TAG_KEYS.find((own) => own.toLowerCase() === key.toLowerCase());
        if (clash) problems.push(`key ${k}: tap sets ${clash} itself (its own keys: ${TAP_TAG_KEYS.join(", ")}); choose another key`);
        if (typeof value !== "string") {
            problems.push(`${k}: the value must be a string, got ${JSON.stringify(value)}`);
            continue;
        }
        if (length(value) > TAG_VALUE_MAX) problems.push(`${k}: the value must be at most ${TAG_VALUE_MAX} characters`);
        if (!ALLOWED.test(value))
            problems.push(`${k}: the value ${JSON.stringify(value)} may hold only letters, digits, spaces and _ . : / = + - @`);
        if (RESERVED_PREFIX.test(value))
            problems.push(`${k}: the value ${JSON.stringify(value)} starts with the aws: prefix, reserved for AWS`);
    }
    return problems;
}
