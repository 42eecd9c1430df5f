/**
 * Amazon EventBridge event-pattern matching, for the operators tap's alert rules use, written
 * after the EventBridge user guide ("Creating Amazon EventBridge event patterns", "Content
 * filtering in Amazon EventBridge event patterns"):
 *
 * - A pattern is a JSON object whose leaves are arrays; an event matches when every field of the
 *   pattern matches (AND across fields), and a field matches when any element of its array
 *   matches (OR within a field). Fields of the event the pattern does not name are ignored.
 * - A pattern object descends into the event's object of the same name. Where the event holds an
 *   array at that place, the pattern matches if any element matches ("If the value in the event is
 *   an array, then the event pattern matches if the intersection of the event pattern array and
 *   the event array is non-empty").
 * - Matching is exact and case-sensitive on strings, numbers, booleans and null.
 * - Content filters: `prefix`, `suffix`, `anything-but` (a value, a list, or `{ prefix }` /
 *   `{ suffix }`), `numeric` (comparisons joined by AND), `exists` (true / false), `equals-ignore-case`,
 *   and `$or` (a list of patterns, any of which matches).
 * - "anything-but" and "numeric" match only values of the field that are present; `exists: false`
 *   matches a field that is absent (also when its parent is absent).
 *
 * No maintained npm package implements EventBridge's matching (AWS's own, aws/event-ruler, is
 * Java); this covers exactly the operators above and is tested against the guide's examples
 * (test/plan/event-pattern.spec.ts). An operator it does not know throws, never matches silently.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Whether `event` matches `pattern`. */
export function matches(pattern: unknown, event: unknown): boolean {
    if (!isObject(pattern)) throw new Error(`an event pattern is a JSON object, not ${JSON.stringify(pattern)}`);
    return matchObject(pattern, event);
}

function matchObject(pattern: Record<string, unknown>, event: unknown): boolean {
    return Object.entries(pattern).every(([key, sub]) => {
        if (key === "$or") {
            if (!Array.isArray(sub) || sub.length < 2) throw new Error("$or takes a list of at least two patterns");
            return sub.some((alternative) => matchObject(alternative as Record<string, unknown>, event));
        }
        const value = isObject(event) ? event[key] : undefined;
        return matchField(sub, value, isObject(event) && key in event);
    });
}

/** One field of the pattern against the event's value at that place (`present`: the key exists). */
function matchField(sub: unknown, value: unknown, present: boolean): boolean {
    if (Array.isArray(sub)) {
        // Leaves: an event array matches when any of its elements matches any leaf.
        const values = Array.isArray(value) ? value : [value];
        return sub.some((leaf) => matchLeaf(leaf, values, present));
    }
    if (isObject(sub)) {
        // Descend; an array of objects in the event matches when one element does.
        if (Array.isArray(value)) return value.some((element) => matchObject(sub, element));
        // A missing object still lets `exists: false` below it match.
        return matchObject(sub, present ? value : undefined);
    }
    throw new Error(`pattern values are arrays or objects, not ${JSON.stringify(sub)}`);
}

function matchLeaf(leaf: unknown, values: readonly unknown[], present: boolean): boolean {
    if (!isObject(leaf)) return present && values.some((v) => v === leaf);
    const [operator, ...more] = Object.keys(leaf);
    if (more.length > 0) throw new Error(`one content filter per object: ${JSON.stringify(leaf)}`);
    const argument = leaf[operator];
    const strings = values.filter((v): v is string => typeof v === "string");
    switch (operator) {
        case "exists":
            return argument === true ? present && values.some((v) => v !== undefined) : !present;
        case "prefix":
            return present && strings.some((s) => s.startsWith(affix(argument, "prefix")));
        case "suffix":
            return present && strings.some((s) => s.endsWith(affix(argument, "suffix")));
        case "equals-ignore-case":
            return present && strings.some((s) => s.toLowerCase() === String(argument).toLowerCase());
        case "anything-but":
            return present && values.length > 0 && values.every((v) => !anythingButExcludes(argument, v));
        case "numeric":
            return present && values.some((v) => typeof v === "number" && numeric(argument, v));
        default:
            throw new Error(`content filter ${operator} is not implemented (tooling/events/event-pattern.ts)`);
    }
}

function affix(argument: unknown, name: string): string {
    if (typeof argument !== "string") throw new Error(`${name} takes a string, not ${JSON.stringify(argument)}`);
    return argument;
}

/** Whether `anything-but: argument` rules `value` out. */
function anythingButExcludes(argument: unknown, value: unknown): boolean {
    if (Array.isArray(argument)) return argument.some((a) => a === value);
    if (isObject(argument)) {
        if ("prefix" in argument) return typeof value === "string" && value.startsWith(affix(argument.prefix, "prefix"));
        if ("suffix" in argument) return typeof value === "string" && value.endsWith(affix(argument.suffix, "suffix"));
        throw new Error(`anything-but takes a value, a list, prefix or suffix: ${JSON.stringify(argument)}`);
    }
    return argument === value;
}

/** `numeric: [">", 0, "<=", 5]`: every comparison holds. */
function numeric(argument: unknown, value: number): boolean {
    if (!Array.isArray(argument) || argument.length % 2 !== 0)
        throw new Error(`numeric takes operator/number pairs: ${JSON.stringify(argument)}`);
    for (let i = 0; i < argument.length; i += 2) {
        const [op, bound] = [argument[i], argument[i + 1]];
        if (typeof bound !== "number") throw new Error(`numeric compares with numbers: ${JSON.stringify(argument)}`);
        const ok =
            op === "="
                ? value === bound
                : op === "<"
                  ? value < bound
                  : op === "<="
                    ? value <= bound
                    : op === ">"
                      ? value > bound
                      : op === ">="
                        ? value >= bound
                        : undefined;
        if (ok === undefined) throw new Error(`numeric operator ${String(op)} is not one of =, <, <=, >, >=`);
        if (!ok) return false;
    }
    return true;
}

export type { Json };
