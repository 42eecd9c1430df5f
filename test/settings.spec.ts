/**
 * Settings owned by components (issue 29): each component declares its settings group beside its
 * Args (lib/<area>/settings.ts), the key table composes the groups per stack role, and a stack
 * passes each component its group whole. Adding a setting to a component then touches that
 * component's group, its use and its test, and nothing else that is kept by hand.
 */
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_KEYS, configProblems, KEY_COMPONENTS, parseRoleConfig, ROLES, TapConfigError } from "../lib/config";
import {
    composeKeys,
    defaultSettings,
    key,
    KeyDeclaration,
    qualifiedKey,
    settingsFor,
    settingsGroup,
    SettingsGroup,
    uses,
} from "../lib/config/declare";
import { bool, intIn } from "../lib/config/schemas";
import { SHARED_SETTINGS, STACK_SETTINGS } from "../lib/config/shared";
import { MONITORING_SETTINGS } from "../lib/monitoring/settings";
import { VPC_NETWORK_SETTINGS } from "../lib/network/settings";

const ROOT = path.resolve(__dirname, "..");

/** Every settings.ts under lib/ (and the shared declarations): found on disk, not listed here. */
function settingsFiles(dir = path.join(ROOT, "lib")): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) return settingsFiles(full);
        return entry === "settings.ts" || full.endsWith(path.join("config", "shared.ts")) ? [full] : [];
    });
}

const isGroup = (value: unknown): value is SettingsGroup =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as SettingsGroup).component === "string" &&
    typeof (value as SettingsGroup).keys === "object";

/** Every settings group exported by those files, with the file that declares it. */
const DECLARED_GROUPS: readonly (readonly [string, SettingsGroup])[] = settingsFiles().flatMap((file) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Object.values(require(file) as Record<string, unknown>)
        .filter(isGroup)
        .map((group) => [path.relative(ROOT, file), group] as const),
);

const ROLE_GROUPS = [STACK_SETTINGS, ...new Set(Object.values(ROLES).flat())];

describe("the settings groups", () => {
    it("are found beside the components (one or more per settings.ts)", () => {
        expect(DECLARED_GROUPS.length).toBeGreaterThan(15);
        for (const [, group] of DECLARED_GROUPS) expect(Object.keys(group.keys).length).toBeGreaterThan(0);
    });

    it("declare every key once: composing every group found, in or out of a role, refuses nothing", () => {
        expect(() => composeKeys(DECLARED_GROUPS.map(([, group]) => group))).not.toThrow();
    });

    it("are all reachable from a role: every key declared anywhere is in the key table, taken by a component of a role", () => {
        const declared = [...new Set(DECLARED_GROUPS.flatMap(([, group]) => Object.keys(group.keys)))];
        expect(declared.length).toBeGreaterThan(80);
        expect(declared.filter((name) => !(name in CONFIG_KEYS))).toEqual([]);
        const reachable = new Set(ROLE_GROUPS.flatMap((group) => Object.keys(group.keys)));
        expect(declared.filter((name) => !reachable.has(name))).toEqual([]);
    });

    it("the key table holds the roles' keys and nothing else, each with the components whose groups hold it", () => {
        const table = CONFIG_KEYS as Record<string, KeyDeclaration>;
        expect(Object.keys(table).sort()).toEqual([...new Set(ROLE_GROUPS.flatMap((group) => Object.keys(group.keys)))].sort());
        for (const [name, components] of Object.entries(KEY_COMPONENTS)) {
            expect(components).toEqual(ROLE_GROUPS.filter((group) => name in group.keys).map((group) => group.component));
            for (const group of ROLE_GROUPS)
                if (name in group.keys) expect((group.keys as Record<string, KeyDeclaration>)[name]).toBe(table[name]);
        }
    });

    it("a shared key is taken by two components or more (else it belongs in the one component's group)", () => {
        const shared = Object.keys(SHARED_SETTINGS.keys);
        expect(shared.length).toBeGreaterThan(0);
        for (const name of shared) expect(KEY_COMPONENTS[name].length).toBeGreaterThanOrEqual(2);
    });

    it("hand a component exactly its group: the keys it declares, nothing of the rest of the configuration", () => {
        const parsed = parseRoleConfig({ "tap:alarmEmail": "secops@example.com" }, "prod", ROLES);
        for (const group of ROLE_GROUPS) {
            const settings = settingsFor(group, parsed);
            const declared = Object.keys(group.keys);
            expect(Object.keys(settings).filter((name) => !declared.includes(name))).toEqual([]);
            const withDefault = Object.entries(group.keys)
                .filter(([, d]) => d.default !== undefined)
                .map(([name]) => name);
            expect(Object.keys(settings)).toEqual(expect.arrayContaining(withDefault));
        }
    });

    it("the composers pass groups whole: no Pick<> of a component's Args and no pick() of key names in RegionalStack or TapStack", () => {
        for (const file of ["lib/regional-stack.ts", "lib/tap-stack.ts"]) {
            const source = readFileSync(path.join(ROOT, file), "utf8");
            expect(source).toMatch(/settings: settingsFor\(/);
            expect(source).not.toMatch(/\bPick<\w+Args\b/);
            expect(source).not.toMatch(/\bpick\(/);
        }
    });
});

describe("composeKeys (pure)", () => {
    const names = fc.uniqueArray(fc.constantFrom("alpha", "beta", "gamma", "delta", "epsilon"), { minLength: 1 });

    it("one declaration referenced by several groups is one key, taken by each; a second declaration under the name is refused, naming both components", () => {
        fc.assert(
            fc.property(names, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), (keyNames, takers, copyAt) => {
                const declarations = Object.fromEntries(
                    keyNames.map((name) => [name, key({ schema: bool, default: { kind: "value", value: true }, doc: name })]),
                );
                const owner = settingsGroup("Owner", declarations);
                const groups = Array.from({ length: takers }, (_, i) => settingsGroup(`Taker${i}`, uses(owner, ...keyNames)));
                const table = composeKeys([owner, ...groups]);
                for (const name of keyNames) expect(table.components[name]).toEqual(["Owner", ...groups.map((g) => g.component)]);
                // A copy (an equal but separate declaration) under the first name, in another group.
                const copy = settingsGroup("Copier", { [keyNames[0]]: key({ schema: bool, doc: keyNames[0] }) });
                const all = [owner, ...groups];
                const withCopy = [...all.slice(0, copyAt % (all.length + 1)), copy, ...all.slice(copyAt % (all.length + 1))];
                expect(() => composeKeys(withCopy)).toThrow(
                    new RegExp(`${keyNames[0]} is declared by (Copier and again by Owner|Owner and again by Copier)`),
                );
            }),
            { numRuns: 60 },
        );
    });

    it("uses() refuses a name the group does not declare", () => {
        expect(() => uses(VPC_NETWORK_SETTINGS, "vpcCidr" as "azCount")).toThrow(/VpcNetwork declares no setting vpcCidr/);
    });

    it("a group's defaults per profile are the declared ones", () => {
        const group = settingsGroup("Unit", {
            size: key({ schema: intIn(1, 9), default: { kind: "profile", dev: 1, prod: 3 }, doc: "size" }),
            note: key({ schema: bool, doc: "note" }),
        });
        expect(defaultSettings(group, "dev")).toEqual({ size: 1 });
        expect(defaultSettings(group, "prod")).toEqual({ size: 3 });
    });
});

describe("stack roles", () => {
    /** A second role, as the organization's log-archive account would be: the trail and Config only. */
    const TEST_ROLES = { workload: ROLES.workload, "log-archive": [MONITORING_SETTINGS] };
    const archiveKeys = new Set([...Object.keys(STACK_SETTINGS.keys), ...Object.keys(MONITORING_SETTINGS.keys)]);
    const foreign = (Object.entries(CONFIG_KEYS) as [string, KeyDeclaration][]).filter(([name]) => !archiveKeys.has(name));
    const problemsOf = (raw: Record<string, string>): readonly string[] => {
        try {
            parseRoleConfig(raw, "archive", TEST_ROLES);
            return [];
        } catch (err) {
            if (err instanceof TapConfigError) return err.problems;
            throw err;
        }
    };

    it("the workload role composes every component TapStack builds (the stack-wide keys in every role)", () => {
        expect(Object.keys(ROLES)).toEqual(["workload"]);
        expect(parseRoleConfig({}, "dev", ROLES)).toMatchObject({ stackRole: "workload", azCount: 2 });
    });

    it("a key of a component the role does not compose is refused, naming the key, its value, its component and the role; all together", () => {
        expect(foreign.length).toBeGreaterThan(40);
        fc.assert(
            fc.property(fc.subarray(foreign, { minLength: 1, maxLength: 6 }), (given) => {
                const raw = Object.fromEntries([
                    ["tap:stackRole", "log-archive"],
                    ...given.map(([name, d]) => [qualifiedKey(name, d), "x"]),
                ]);
                const problems = problemsOf(raw);
                expect(problems).toHaveLength(given.length);
                for (const [name, d] of given) {
                    const problem = problems.find((p) => p.startsWith(`${qualifiedKey(name, d)} = "x": a setting of `))!;
                    expect(problem).toBeDefined();
                    for (const component of KEY_COMPONENTS[name]) expect(problem).toContain(component);
                    expect(problem).toContain("the log-archive stack role (tap:stackRole) does not compose");
                }
            }),
            { numRuns: 40 },
        );
    });

    it("the role's own keys are parsed as in the workload role; an unknown key keeps its own error", () => {
        const parsed = parseRoleConfig({ "tap:stackRole": "log-archive", "tap:configRecorderName": "org-recorder" }, "archive", TEST_ROLES);
        expect(parsed).toMatchObject({ stackRole: "log-archive", configRecorderName: "org-recorder", logRetentionDays: 90 });
        expect(parsed).not.toHaveProperty("azCount");
        expect(problemsOf({ "tap:stackRole": "log-archive", "tap:azCont": "2" })).toEqual([
            expect.stringMatching(/^tap:azCont: unknown key \(known keys: aws:region, /),
        ]);
    });

    it("refuses a role that is not one, naming the value and the roles there are", () => {
        expect(configProblems({ "tap:stackRole": "security" }, "dev")).toEqual(['tap:stackRole = "security": must be one of: workload']);
    });
});
