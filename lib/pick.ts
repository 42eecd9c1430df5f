/**
 * The named fields of an object: how a composing component hands a child exactly the settings it
 * takes, under the names they have everywhere (config key, component setting, resource argument).
 */
export function pick<T extends object, K extends keyof T>(from: T, ...keys: readonly K[]): Pick<T, K> {
    const picked = {} as Pick<T, K>;
    for (const k of keys) if (from[k] !== undefined) picked[k] = from[k];
    return picked;
}
