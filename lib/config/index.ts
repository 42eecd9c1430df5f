/**
 * Stack configuration: every `tap:*` key (and `aws:region`) is declared once in ./keys.ts and
 * validated here, before any resource is registered. Components never read `pulumi.Config`, nor
 * this module: lib/program.ts hands each its settings, under the names declared here.
 */
import { regionCidrs } from "../network/region-cidrs";
import { CONFIG_KEYS } from "./keys";
import { CROSS_KEY_RULES } from "./rules";
import { DefaultContext, defaultOf, KeyDeclaration, Profile, qualifiedKey, ValueOf } from "./declare";

export { CONFIG_KEYS } from "./keys";
export { PROFILES } from "./declare";
export type { Profile } from "./declare";
export { AWS_REGIONS } from "./schemas";

type Keys = typeof CONFIG_KEYS;
type KeyName = keyof Keys;

/** Every declared key's parsed value (defaults applied). */
export type DeclaredConfig = { readonly [K in KeyName]: ValueOf<Keys[K]> };

/**
 * The validated configuration. As declared, with two values completed from the others:
 * `regionCidrs` holds every region's VPC CIDR (the primary's is `vpcCidr`), and
 * `cloudTrailMultiRegion` is what the trail will record (always true with two or more regions).
 */
export type TapConfig = DeclaredConfig;

/** Raised for any invalid stack configuration; the message names every offending key. */
export class TapConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "TapConfigError";
    }
}

const DECLARED = Object.entries(CONFIG_KEYS) as [KeyName, KeyDeclaration][];
const BY_QUALIFIED = new Map(DECLARED.map(([name, d]) => [qualifiedKey(name, d), name]));

/**
 * Validates raw Pulumi configuration (as `pulumi.runtime.allConfig()` returns it: every value a
 * string) into a `TapConfig`. Throws one `TapConfigError` with every problem: each bad key with
 * its value and what is allowed, unknown `tap:` keys, and the rules that span keys. Keys of other
 * namespaces, but for `aws:region`, are left to their owners.
 */
export function parseTapConfig(raw: Readonly<Record<string, string>>, stackName: string): TapConfig {
    const problems: string[] = [];
    const given = new Map<KeyName, string>();
    for (const [qualified, value] of Object.entries(raw)) {
        const name = BY_QUALIFIED.get(qualified);
        if (name !== undefined) given.set(name, value);
        else if (qualified.startsWith("tap:")) problems.push(`${qualified}: unknown key (known keys: ${[...BY_QUALIFIED.keys()].join(", ")})`);
    }

    const values: Partial<Record<KeyName, unknown>> = {};
    const failed = new Set<KeyName>();
    for (const [name, value] of given) {
        const d = CONFIG_KEYS[name] as KeyDeclaration;
        const parsed = d.schema.safeParse(value);
        if (parsed.success) values[name] = parsed.data;
        else {
            failed.add(name);
            problems.push(...parsed.error.issues.map((issue) => `${qualifiedKey(name, d)} = ${JSON.stringify(value)}: ${issue.message}`));
        }
    }

    // The keys other defaults read come first: region, profile, environment suffix.
    const base = { stackName, region: "", profile: "dev" as Profile, environmentSuffix: stackName };
    const ctx: DefaultContext = {
        ...base,
        region: (values.region as string | undefined) ?? defaultOf(CONFIG_KEYS.region.default, base),
        profile: (values.profile as Profile | undefined) ?? defaultOf(CONFIG_KEYS.profile.default, base),
    };
    if (!given.has("environmentSuffix")) {
        const fromStack = CONFIG_KEYS.environmentSuffix.schema.safeParse(stackName);
        if (!fromStack.success) {
            failed.add("environmentSuffix");
            problems.push(`tap:environmentSuffix is not set and the stack name ${JSON.stringify(stackName)} cannot stand in for it (${fromStack.error.issues.map((i) => i.message).join("; ")}): set tap:environmentSuffix`);
        }
    }
    const withSuffix: DefaultContext = { ...ctx, environmentSuffix: (values.environmentSuffix as string | undefined) ?? stackName };
    for (const [name, d] of DECLARED) {
        if (!given.has(name) && d.default !== undefined) values[name] = defaultOf(d.default, withSuffix);
    }
    const declared = values as DeclaredConfig;
    const set = new Set<string>(given.keys());
    for (const rule of CROSS_KEY_RULES) {
        if (rule.keys.some((k) => failed.has(k))) continue;
        problems.push(...rule.check(declared, set));
    }

    let cidrs: Record<string, string> = {};
    if (problems.length === 0) {
        try {
            cidrs = regionCidrs(declared.vpcCidr, declared.regions, declared.regionCidrs);
        } catch (err) {
            problems.push(`tap:vpcCidr / tap:regionCidrs: ${(err as Error).message}: every region needs its own block`);
        }
    }
    if (problems.length > 0) throw new TapConfigError(problems);
    return {
        ...declared,
        regionCidrs: cidrs,
        // One trail for the account: with two or more regions it must record them all.
        cloudTrailMultiRegion: declared.cloudTrailMultiRegion || declared.regions.length > 1,
    };
}

/** The problems `parseTapConfig` reports for a configuration, as a list: empty when it is valid. */
export function configProblems(raw: Readonly<Record<string, string>>, stackName: string): readonly string[] {
    try {
        parseTapConfig(raw, stackName);
        return [];
    } catch (err) {
        if (err instanceof TapConfigError) return err.problems;
        throw err;
    }
}
