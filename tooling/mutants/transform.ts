/**
 * A mutant as a plan-time transformation: a Pulumi resource transform
 * (`pulumi.runtime.registerResourceTransform`, the public API a program uses to rewrite the inputs of
 * every resource it declares) that weakens one property of the resources of one type. Nothing of the
 * program's source is copied or edited, so a refactor or a formatter cannot break a mutant; a mutant
 * whose resources or property no longer exist fails loudly (`npm run mutants`: "applies to nothing").
 *
 * The same transform serves both halves of `npm run mutants`: the pack half passes it to
 * `runOnMocks` (`transforms`), the tests half names the mutant in the TAP_MUTANT environment variable,
 * which `runOnMocks` reads, so every plan the jest specs make is weakened the same way.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Statement } from "../../policy/values";

/** A property value to write where the weakened property was; `REMOVED` deletes it. */
export const REMOVED: unique symbol = Symbol("removed");

/** A resource planned before the one being weakened, as the mock world registered it (inputs and computed state). */
export interface Registered {
    readonly type: string;
    readonly name: string;
    readonly state: Readonly<Record<string, unknown>>;
}

/**
 * What a weakening reads besides the property's value: the resource's inputs, and the resources
 * registered before it (to point a rule at another resource, say; a transform sees only its own resource).
 */
export type Weaken = (current: unknown, props: Readonly<Record<string, unknown>>, registered: readonly Registered[]) => unknown;

/** One weakening: the resources of `type` (whose logical name matches `name`), property `path`, set `to` a value or a function of the old one. */
export interface Weakening {
    /** A Pulumi type token (`aws:ec2/launchTemplate:LaunchTemplate`). */
    readonly type: string;
    /** Only the resources whose logical name matches (default: every resource of the type). */
    readonly name?: RegExp;
    /**
     * The property, dot-separated (`metadataOptions.httpPutResponseHopLimit`; a list index is a number:
     * `rules.0.action`); "" for a weakening of several properties at once (`to` then gets and returns all inputs).
     */
    readonly path: string;
    /** The weakened value, `REMOVED`, or a function of the current value (a policy document edited: `editStatements`). */
    readonly to: unknown;
    /** The path is in the resource options (`protect`), not its inputs. */
    readonly option?: boolean;
    /** What a function `to` does, in words (docs/mutants.md). */
    readonly change?: string;
}

/** Reads a dotted path. */
export function valueAt(props: unknown, path: string): unknown {
    if (path === "") return props;
    let current = props;
    for (const key of path.split(".")) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}

/** A copy of `props` with `path` set to `value` (or deleted, for `REMOVED`); missing objects on the way are created. */
export function withValueAt(props: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
    if (path === "") return value as Record<string, unknown>;
    const [key, ...rest] = path.split(".");
    const copy: Record<string, unknown> = Array.isArray(props) ? ([...props] as unknown as Record<string, unknown>) : { ...props };
    if (rest.length === 0) {
        if (value === REMOVED) delete copy[key];
        else copy[key] = value;
        return copy;
    }
    const child = copy[key];
    copy[key] = withValueAt(child !== null && typeof child === "object" ? (child as Record<string, unknown>) : {}, rest.join("."), value);
    return copy;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The weakened inputs of one resource, or `undefined` when the weakening does not apply to it (other type, other name, nothing changes). */
export function weaken(
    w: Weakening,
    type: string,
    name: string,
    props: Readonly<Record<string, unknown>>,
    registered: readonly Registered[] = [],
): Record<string, unknown> | undefined {
    if (type !== w.type || (w.name && !w.name.test(name))) return undefined;
    const current = valueAt(props, w.path);
    const next = typeof w.to === "function" ? (w.to as Weaken)(current, props, registered) : w.to;
    if (next === REMOVED ? current === undefined : same(current, next)) return undefined;
    return withValueAt(props, w.path, next);
}

/**
 * The resource transform of a weakening. `applied` hears the logical name of every resource it
 * changed (the pack half fails a mutant that changed nothing: it no longer describes the program).
 */
export function transformOf(
    w: Weakening,
    registered: () => readonly Registered[],
    applied?: (name: string) => void,
): pulumi.ResourceTransform {
    return (args) => {
        if (w.option) {
            const opts = weaken(w, args.type, args.name, args.opts as Record<string, unknown>, registered());
            if (opts === undefined) return undefined;
            applied?.(args.name);
            return { props: args.props, opts: opts as pulumi.ResourceOptions };
        }
        const props = weaken(w, args.type, args.name, args.props as Record<string, unknown>, registered());
        if (props === undefined) return undefined;
        applied?.(args.name);
        return { props, opts: args.opts };
    };
}

// ---------------------------------------------------------------------------------------------
// Policy documents (IAM, key, bucket, topic and endpoint policies, SSM documents): JSON strings in the plan

type Document = { Statement?: unknown } & Record<string, unknown>;

/** A weakening of a JSON document property: `edit` gets the parsed document and returns the weakened one. */
export function editJson(edit: (document: Document) => unknown): Weaken {
    return (current) => {
        if (typeof current !== "string") return current; // unknown or absent: nothing to weaken (the mutant then applies to nothing)
        return JSON.stringify(edit(JSON.parse(current) as Document));
    };
}

/** A weakening of a policy document: `edit` gets its statements (copies) and returns the new list. */
export function editStatements(edit: (statements: Statement[]) => Statement[]): Weaken {
    return editJson((document) => {
        const raw = document.Statement;
        const all = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((s) => ({ ...(s as Statement) }));
        return { ...document, Statement: edit(all) };
    });
}

/** A weakening of the statement(s) with a Sid (or matching a predicate): `edit` returns the new statement, or `undefined` to drop it. */
export function editStatement(which: string | ((s: Statement) => boolean), edit: (s: Statement) => Statement | undefined): Weaken {
    const pick = typeof which === "string" ? (s: Statement) => s.Sid === which : which;
    return editStatements((all) =>
        all.flatMap((s) => {
            if (!pick(s)) return [s];
            const next = edit(s);
            return next ? [next] : [];
        }),
    );
}

/** A statement without one condition operator (or key). */
export function withoutCondition(s: Statement, operator: string, key?: string): Statement {
    const condition = { ...(s.Condition as Record<string, Record<string, unknown>> | undefined) };
    if (key === undefined) delete condition[operator];
    else {
        const rest = { ...condition[operator] };
        delete rest[key];
        if (Object.keys(rest).length === 0) delete condition[operator];
        else condition[operator] = rest;
    }
    const { Condition: _dropped, ...others } = s;
    return Object.keys(condition).length === 0 ? others : { ...others, Condition: condition };
}
