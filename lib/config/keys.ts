/**
 * The key table: composed from the settings groups the components declare beside their Args
 * (lib/<area>/settings.ts) and the stack-wide keys (./shared.ts), per stack role. A key is
 * declared once: composition refuses two declarations under one name. `TapConfig`, the defaults,
 * the components each key feeds and docs/configuration.md all follow from here; nothing is
 * listed by hand but the roles' components.
 */
import { composeKeys, SettingsGroup, ValuesOf } from "./declare";
import { STACK_ROLES, STACK_SETTINGS, StackRole } from "./shared";
import { WORKLOAD_COMPONENTS } from "../settings";

/**
 * The stack roles, each the settings groups of the components it composes (the stack-wide keys,
 * STACK_SETTINGS, belong to every role). The organization's management, log-archive and security
 * accounts come as roles of their own.
 */
export const ROLES: { readonly [R in StackRole]: readonly SettingsGroup[] } = {
    workload: WORKLOAD_COMPONENTS,
};

const TABLE = composeKeys([STACK_SETTINGS, ...WORKLOAD_COMPONENTS] as const);

/** Every configuration key of every role, declared once. */
export const CONFIG_KEYS = TABLE.keys;

/** Every declared key's parsed value (defaults applied): the workload role's settings, flat. */
export type DeclaredConfig = ValuesOf<typeof CONFIG_KEYS>;

/** The components that take each key (a key of STACK_SETTINGS: "every stack"): what the docs say it feeds. */
export const KEY_COMPONENTS = TABLE.components;

export { STACK_ROLES };
