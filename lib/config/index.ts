/**
 * Stack configuration: every `tap:*` key (and `aws:region`) is declared once, in the settings
 * group of the component that takes it (composed in ./keys.ts, per stack role), and validated
 * here, before any resource is registered. Components never read `pulumi.Config`, nor this
 * module: lib/program.ts hands the stack its settings, and the stack each component its group.
 */
import { regionCidrs } from "../network/region-cidrs";
import { CONFIG_KEYS, KEY_COMPONENTS, ROLES } from "./keys";
import { CROSS_KEY_RULES } from "./rules";
import { composeKeys, DefaultContext, defaultOf, KeyDeclaration, Profile, qualifiedKey, SettingsGroup } from "./declare";
import { STACK_SETTINGS } from "./shared";

export { CONFIG_KEYS, KEY_COMPONENTS, ROLES, STACK_ROLES } from "./keys";
export { PROFILES } from "./declare";
export type { Profile } from "./declare";
export { AWS_REGIONS } from "./schemas";

import type { DeclaredConfig } from "./keys";
export type { DeclaredConfig } from "./keys";

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

/** The stack roles a configuration is validated against: each, the settings groups of its components. */
export type RoleTable = Readonly<Record<string, readonly SettingsGroup[]>>;

/** The keys of one role (the stack-wide ones and its components'), and where every key of every role belongs. */
interface RoleKeys {
    readonly keys: Readonly<Record<string, KeyDeclaration>>;
    readonly byQualified: ReadonlyMap<string, string>;
    /** Every role's keys, by qualified name: the components that take it. */
    readonly everywhere: ReadonlyMap<string, readonly string[]>;
}

function roleKeys(roles: RoleTable, role: string | undefined): RoleKeys {
    const all =
        roles === ROLES
            ? { keys: CONFIG_KEYS as Record<string, KeyDeclaration>, components: KEY_COMPONENTS }
            : composeKeys([STACK_SETTINGS, ...Object.values(roles).flat()]);
    const keys = role === undefined ? all.keys : (composeKeys([STACK_SETTINGS, ...roles[role]]).keys as Record<string, KeyDeclaration>);
    return {
        keys,
        byQualified: new Map(Object.entries(keys).map(([name, d]) => [qualifiedKey(name, d), name])),
        everywhere: new Map(
            Object.entries(all.keys as Record<string, KeyDeclaration>).map(([name, d]) => [qualifiedKey(name, d), all.components[name]]),
        ),
    };
}

const STACK_ROLE_KEY = qualifiedKey("stackRole", STACK_SETTINGS.keys.stackRole);

/**
 * Validates raw Pulumi configuration (as `pulumi.runtime.allConfig()` returns it: every value a
 * string) into a `TapConfig`. Throws one `TapConfigError` with every problem: each bad key with
 * its value and what is allowed, unknown `tap:` keys, keys of components the stack's role
 * (tap:stackRole) does not compose, and the rules that span keys. Keys of other namespaces, but
 * for `aws:region`, are left to their owners.
 */
export function parseTapConfig(raw: Readonly<Record<string, string>>, stackName: string): TapConfig {
    return parseRoleConfig(raw, stackName, ROLES) as TapConfig;
}

/**
 * `parseTapConfig` against a table of roles: the configuration of the role tap:stackRole names
 * (the stack-wide keys and its components' keys, nothing else).
 */
export function parseRoleConfig(
    raw: Readonly<Record<string, string>>,
    stackName: string,
    roles: RoleTable,
): Readonly<Record<string, unknown>> {
    const problems: string[] = [];
    const roleNames = Object.keys(roles);
    const defaultRole = defaultOf(STACK_SETTINGS.keys.stackRole.default, {
        stackName,
        profile: "dev",
        region: "",
        environmentSuffix: stackName,
    });
    const givenRole = raw[STACK_ROLE_KEY];
    const role = givenRole === undefined ? defaultRole : roleNames.includes(givenRole) ? givenRole : undefined;
    // An unknown role: the value is reported, and the other keys are judged against every role's.
    if (role === undefined) problems.push(`${STACK_ROLE_KEY} = ${JSON.stringify(givenRole)}: must be one of: ${roleNames.join(", ")}`);
    const { keys, byQualified, everywhere } = roleKeys(roles, role);

    const given = new Map<string, string>();
    for (const [qualified, value] of Object.entries(raw)) {
        const name = byQualified.get(qualified);
        const elsewhere = everywhere.get(qualified);
        if (qualified === STACK_ROLE_KEY) continue;
        if (name !== undefined) given.set(name, value);
        else if (elsewhere !== undefined) {
            problems.push(
                `${qualified} = ${JSON.stringify(value)}: a setting of ${elsewhere.join(", ")}, which the ${role} stack role (${STACK_ROLE_KEY}) does not compose; its components: ${componentsOf(roles, role!).join(", ")}`,
            );
        } else if (qualified.startsWith("tap:"))
            problems.push(`${qualified}: unknown key (known keys: ${[...byQualified.keys()].join(", ")})`);
    }

    const values: Record<string, unknown> = { stackRole: role ?? defaultRole };
    const failed = new Set<string>();
    for (const [name, value] of given) {
        const d = keys[name];
        const parsed = d.schema.safeParse(value);
        if (parsed.success) values[name] = parsed.data;
        else {
            failed.add(name);
            problems.push(...parsed.error.issues.map((issue) => `${qualifiedKey(name, d)} = ${JSON.stringify(value)}: ${issue.message}`));
        }
    }

    // The keys other defaults read come first: region, profile, environment suffix.
    const stack = STACK_SETTINGS.keys;
    const base = { stackName, region: "", profile: "dev" as Profile, environmentSuffix: stackName };
    const ctx: DefaultContext = {
        ...base,
        region: (values.region as string | undefined) ?? defaultOf(stack.region.default, base),
        profile: (values.profile as Profile | undefined) ?? defaultOf(stack.profile.default, base),
    };
    if (!given.has("environmentSuffix")) {
        const fromStack = stack.environmentSuffix.schema.safeParse(stackName);
        if (!fromStack.success) {
            failed.add("environmentSuffix");
            problems.push(
                `tap:environmentSuffix is not set and the stack name ${JSON.stringify(stackName)} cannot stand in for it (${fromStack.error.issues.map((i) => i.message).join("; ")}): set tap:environmentSuffix`,
            );
        }
    }
    const withSuffix: DefaultContext = { ...ctx, environmentSuffix: (values.environmentSuffix as string | undefined) ?? stackName };
    for (const [name, d] of Object.entries(keys)) {
        if (!given.has(name) && !(name in values) && d.default !== undefined) values[name] = defaultOf(d.default, withSuffix);
    }
    const declared = values as DeclaredConfig;
    const set = new Set<string>(given.keys());
    for (const rule of CROSS_KEY_RULES) {
        // A rule over keys of components the role does not compose does not apply to it.
        if (rule.keys.some((k) => failed.has(k) || !(k in keys))) continue;
        problems.push(...rule.check(declared, set));
    }

    const completed: Record<string, unknown> = {};
    if (problems.length === 0 && "vpcCidr" in keys) {
        try {
            completed.regionCidrs = regionCidrs(declared.vpcCidr, declared.regions, declared.regionCidrs);
        } catch (err) {
            problems.push(`tap:vpcCidr / tap:regionCidrs: ${(err as Error).message}: every region needs its own block`);
        }
    }
    if (problems.length > 0) throw new TapConfigError(problems);
    // One trail for the account: with two or more regions it must record them all.
    if ("cloudTrailMultiRegion" in keys) completed.cloudTrailMultiRegion = declared.cloudTrailMultiRegion || declared.regions.length > 1;
    return { ...declared, ...completed };
}

/** The components of a role, the stack-wide keys' first. */
function componentsOf(roles: RoleTable, role: string): string[] {
    return [STACK_SETTINGS, ...roles[role]].map((g) => g.component);
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
