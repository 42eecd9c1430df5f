/**
 * How a configuration key is declared: once, with its schema (type and rule), its default (one
 * value, one per profile, or derived from the stack) and a one-line doc, in the settings group of
 * the component that takes it (`settingsGroup`, beside the component's Args). The key table
 * (lib/config/keys.ts) composes the groups; the parsed `TapConfig` type, the defaults and
 * docs/configuration.md all come from there. Components may import this module (the vocabulary
 * of a declaration), never the parsed configuration.
 */
import { z } from "zod";

export const PROFILES = ["dev", "prod"] as const;
export type Profile = (typeof PROFILES)[number];

/** What a derived default may read: the stack, and the keys decided before defaults are applied. */
export interface DefaultContext {
    readonly stackName: string;
    readonly profile: Profile;
    readonly region: string;
    readonly environmentSuffix: string;
}

export type Default<T> =
    | { readonly kind: "value"; readonly value: T }
    | { readonly kind: "profile"; readonly dev: T; readonly prod: T }
    | { readonly kind: "derived"; readonly describe: string; readonly of: (ctx: DefaultContext) => T };

/** The same default in every profile. */
export const always = <T>(value: T): Default<T> => ({ kind: "value", value });
/** A default per profile: a small, disposable dev; a guarded, redundant prod. */
export const byProfile = <T>(dev: T, prod: T): Default<T> => ({ kind: "profile", dev, prod });
/** A default computed from the stack (`describe` is what the docs say). */
export const derived = <T>(describe: string, of: (ctx: DefaultContext) => T): Default<T> => ({ kind: "derived", describe, of });

export interface KeyDeclaration<S extends z.ZodType = z.ZodType> {
    /** Validates the raw string; its error says what is allowed. */
    readonly schema: S;
    readonly default?: Default<z.output<S>>;
    /** One line for the docs. */
    readonly doc: string;
    /** What the key accepts, for the docs, where the schema's own error tells only part of it. */
    readonly accepts?: string;
    /** The Pulumi namespace, `tap` unless said. */
    readonly namespace?: "aws" | "tap";
}

/** A key with a default: always set in the parsed config. */
export function key<S extends z.ZodType>(
    d: KeyDeclaration<S> & { readonly default: Default<z.output<S>> },
): KeyDeclaration<S> & { readonly default: Default<z.output<S>> };
/** A key without a default: absent from the parsed config unless set. */
export function key<S extends z.ZodType>(d: Omit<KeyDeclaration<S>, "default">): KeyDeclaration<S> & { readonly default?: undefined };
export function key<S extends z.ZodType>(d: KeyDeclaration<S>): KeyDeclaration<S> {
    return d;
}

/** The parsed value of one declared key: optional where the key has no default. */
export type ValueOf<D> =
    D extends KeyDeclaration<infer S> ? (D extends { readonly default: Default<unknown> } ? z.output<S> : z.output<S> | undefined) : never;

/** The default of a declaration in a context. */
export function defaultOf<T>(d: Default<T>, ctx: DefaultContext): T {
    switch (d.kind) {
        case "value":
            return d.value;
        case "profile":
            return d[ctx.profile];
        case "derived":
            return d.of(ctx);
    }
}

/** `tap:vpcCidr` for `vpcCidr`, `aws:region` for `region`. */
export function qualifiedKey(name: string, d: Pick<KeyDeclaration, "namespace">): string {
    return `${d.namespace ?? "tap"}:${name}`;
}

/** The declarations of a group, by key name (the name of the setting everywhere: config key, component setting). */
export type KeyDeclarations = Readonly<Record<string, KeyDeclaration>>;

/**
 * The settings one component takes: declared beside its Args, handed to it whole by the stack.
 * A key several components take is declared once (in a shared group, or in one component's group)
 * and referenced from the others' groups with `uses` (the same declaration object).
 */
export interface SettingsGroup<K extends KeyDeclarations = KeyDeclarations> {
    /** The component that takes them (`VpcNetwork`), as errors and docs name it. */
    readonly component: string;
    readonly keys: K;
}

/** Declares the settings of a component. */
export function settingsGroup<K extends KeyDeclarations>(component: string, keys: K): SettingsGroup<K> {
    return { component, keys };
}

/** Some of another group's declarations (a shared group's, or another component's), referenced, not copied. */
export function uses<K extends KeyDeclarations, N extends keyof K & string>(group: SettingsGroup<K>, ...names: readonly N[]): Pick<K, N> {
    const picked = {} as Pick<K, N>;
    for (const name of names) {
        if (!(name in group.keys)) throw new Error(`${group.component} declares no setting ${name}`);
        picked[name] = group.keys[name];
    }
    return picked;
}

type KeysWithDefault<K> = { [N in keyof K]: K[N] extends { readonly default: Default<unknown> } ? N : never }[keyof K];

/** The parsed values of a group's keys: present where the key has a default, optional where it has none. */
export type ValuesOf<K> = { readonly [N in KeysWithDefault<K>]: ValueOf<K[N]> } & {
    readonly [N in Exclude<keyof K, KeysWithDefault<K>>]?: ValueOf<K[N]>;
};

/** What a component takes: the parsed values of its settings group. */
export type SettingsOf<G> = G extends SettingsGroup<infer K> ? ValuesOf<K> : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The declarations of several groups, as one table. */
export type ComposedKeys<G extends readonly SettingsGroup[]> = UnionToIntersection<G[number]["keys"]>;

/** The key table of some groups: every key once, and the components that take each. */
export interface KeyTable<K> {
    readonly keys: K;
    /** The components whose groups hold each key, in the order of the groups. */
    readonly components: Readonly<Record<string, readonly string[]>>;
}

/**
 * Composes groups into one key table. A name declared by two different declarations is refused
 * (a key is declared once; the others reference it with `uses`); the same declaration in several
 * groups is one key, taken by each of their components.
 */
export function composeKeys<G extends readonly SettingsGroup[]>(groups: G): KeyTable<ComposedKeys<G>> {
    const keys: Record<string, KeyDeclaration> = {};
    const components: Record<string, string[]> = {};
    const problems: string[] = [];
    for (const group of groups) {
        for (const [name, declaration] of Object.entries(group.keys)) {
            const known = keys[name];
            if (known !== undefined && known !== declaration) {
                problems.push(
                    `${name} is declared by ${group.component} and again by ${components[name].join(", ")}: declare it once (in a shared group) and reference it with uses()`,
                );
                continue;
            }
            keys[name] = declaration;
            components[name] = [...(components[name] ?? []), ...(components[name]?.includes(group.component) ? [] : [group.component])];
        }
    }
    if (problems.length > 0) throw new Error(`Settings declared twice:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return { keys: keys as ComposedKeys<G>, components };
}

/**
 * A component's settings out of a configuration that holds them (and more, e.g. the role's flat
 * configuration): the group's keys, nothing else. The configuration must hold the group's values
 * with their types (checked at compile time).
 */
export function settingsFor<K extends KeyDeclarations>(group: SettingsGroup<K>, config: ValuesOf<K>): ValuesOf<K> {
    const picked: Record<string, unknown> = {};
    const from = config as Readonly<Record<string, unknown>>;
    for (const name of Object.keys(group.keys)) if (from[name] !== undefined) picked[name] = from[name];
    return picked as ValuesOf<K>;
}

/**
 * A group's defaults (keys without a default left out): a component planned alone starts from
 * these. A profile alone stands for a stack of that name in us-east-1.
 */
export function defaultSettings<K extends KeyDeclarations>(group: SettingsGroup<K>, context: DefaultContext | Profile): ValuesOf<K> {
    const ctx =
        typeof context === "string" ? { stackName: context, profile: context, region: "us-east-1", environmentSuffix: context } : context;
    const values: Record<string, unknown> = {};
    for (const [name, d] of Object.entries(group.keys)) if (d.default !== undefined) values[name] = defaultOf(d.default, ctx);
    return values as ValuesOf<K>;
}
