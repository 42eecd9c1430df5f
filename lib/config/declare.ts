/**
 * How a configuration key is declared: once, with its schema (type and rule), its default (one
 * value, one per profile, or derived from the stack), a one-line doc and the component setting it
 * feeds. The parsed `TapConfig` type, the defaults and docs/configuration.md all come from here.
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
    /** The component setting it feeds (`VpcNetwork.natGatewayStrategy`), under the same name. */
    readonly feeds: string;
    /** What the key accepts, for the docs, where the schema's own error tells only part of it. */
    readonly accepts?: string;
    /** The Pulumi namespace, `tap` unless said. */
    readonly namespace?: "aws" | "tap";
}

/** A key with a default: always set in the parsed config. */
export function key<S extends z.ZodType>(d: KeyDeclaration<S> & { readonly default: Default<z.output<S>> }): KeyDeclaration<S> & { readonly default: Default<z.output<S>> };
/** A key without a default: absent from the parsed config unless set. */
export function key<S extends z.ZodType>(d: Omit<KeyDeclaration<S>, "default">): KeyDeclaration<S> & { readonly default?: undefined };
export function key<S extends z.ZodType>(d: KeyDeclaration<S>): KeyDeclaration<S> {
    return d;
}

/** The parsed value of one declared key: optional where the key has no default. */
export type ValueOf<D> = D extends KeyDeclaration<infer S>
    ? D extends { readonly default: Default<unknown> } ? z.output<S> : z.output<S> | undefined
    : never;

/** The default of a declaration in a context. */
export function defaultOf<T>(d: Default<T>, ctx: DefaultContext): T {
    switch (d.kind) {
        case "value": return d.value;
        case "profile": return d[ctx.profile];
        case "derived": return d.of(ctx);
    }
}

/** `tap:vpcCidr` for `vpcCidr`, `aws:region` for `region`. */
export function qualifiedKey(name: string, d: Pick<KeyDeclaration, "namespace">): string {
    return `${d.namespace ?? "tap"}:${name}`;
}
