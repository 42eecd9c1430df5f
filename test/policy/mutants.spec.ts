/**
 * The mutants of `npm run mutants` (tooling/mutants/): well-formed plan-time transformations, one
 * at least for every control area that has tests and for every control a program test asserts, and
 * listed per area in docs/mutants.md. Running them is `npm run mutants` (the pack half: a CI step,
 * which also fails a mutant that changes no resource; the tests half: on demand).
 */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { controlIds } from "../../policy/control-ids";
import { CONTROL_AREAS, NOT_CONTROL_SPECS, WHOLE_PROGRAM_SPECS } from "../../tooling/mutants/areas";
import { MUTANTS } from "../../tooling/mutants/mutants";
import { PLANS, specsOf } from "../../tooling/mutants/run";
import { editStatement, REMOVED, valueAt, weaken, withValueAt } from "../../tooling/mutants/transform";
import { testedControls } from "./tested-controls";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Controls a program test asserts that no mutant weakens, each with why. Every other tested control
 * has a mutant citing it in its property.
 */
const NO_MUTANT: Readonly<Record<string, string>> = {
    ...Object.fromEntries(
        Array.from({ length: 14 }, (_, i) => i + 1)
            .filter((n) => n !== 3)
            .map((n) => [
                `CIS 4.${n}`,
                "the 14 CIS 4.x metric filters are one table of patterns with one test each; cis-root-usage-filter-blind weakens one (CIS 4.3), and no pack rule reads the patterns (controls.spec.ts)",
            ]),
    ),
    "RDS.23":
        "a prediction of the expected Security Hub result (the default port, waived in prod on purpose): the test removes the waiver and sees the pack fail",
};

describe("the mutants of npm run mutants", () => {
    it("are at least 61, each named once in kebab-case, each one transformation of one resource type's property", () => {
        expect(MUTANTS.length).toBeGreaterThanOrEqual(61);
        expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
        for (const m of MUTANTS) {
            expect([
                m.id,
                /^[a-z0-9]+(-[a-z0-9]+)+$/.test(m.id),
                /^[a-z0-9]+:[a-zA-Z0-9/]+:[A-Za-z0-9]+$/.test(m.type),
                Object.keys(CONTROL_AREAS).includes(m.area),
                Object.keys(PLANS).includes(m.plan ?? "prod"),
            ]).toEqual([m.id, true, true, true, true]);
            // A function weakening says what it does (docs/mutants.md shows it).
            if (typeof m.to === "function") expect([m.id, m.change]).toEqual([m.id, expect.stringMatching(/\w{3}/)]);
        }
    });

    it("cover every control area that has tests, and every area's specs exist", () => {
        for (const [area, info] of Object.entries(CONTROL_AREAS)) {
            expect([area, MUTANTS.filter((m) => m.area === area).length > 0]).toEqual([area, true]);
            for (const spec of info.specs) expect([area, spec, existsSync(path.join(ROOT, spec))]).toEqual([area, spec, true]);
        }
        for (const spec of WHOLE_PROGRAM_SPECS) expect(existsSync(path.join(ROOT, spec))).toBe(true);
    });

    it("place every program spec (test/stack, test/stack-files) in a control area, or say why it tests none", () => {
        const specs = ["stack", "stack-files"].flatMap((dir) =>
            readdirSync(path.join(ROOT, "test", dir))
                .filter((f) => f.endsWith(".spec.ts"))
                .map((f) => `test/${dir}/${f}`),
        );
        expect(specs.length).toBeGreaterThan(15);
        const placed = new Set(Object.values(CONTROL_AREAS).flatMap((a) => a.specs));
        expect(specs.filter((s) => !placed.has(s) && !(s in NOT_CONTROL_SPECS))).toEqual([]);
        expect(Object.keys(NOT_CONTROL_SPECS).filter((s) => !specs.includes(s))).toEqual([]); // no stale entry
    });

    it("weaken every control a program test asserts, at least once (or say why not)", () => {
        const tested = testedControls();
        expect(tested.size).toBeGreaterThan(20);
        const weakened = new Set(MUTANTS.flatMap((m) => controlIds(m.property)));
        const missing = [...tested.keys()].filter((id) => !weakened.has(id) && !(id in NO_MUTANT)).sort();
        expect(missing).toEqual([]);
        expect(Object.keys(NO_MUTANT).filter((id) => weakened.has(id) || !tested.has(id))).toEqual([]); // no stale exemption
    });

    it("run their area's specs in the tests half, plus the whole-program ones", () => {
        const m = MUTANTS.find((x) => x.id === "imds-v1")!;
        expect(specsOf(m)).toEqual(expect.arrayContaining(["test/stack/compute.spec.ts", ...WHOLE_PROGRAM_SPECS]));
    });
});

describe("a weakening as a transformation (tooling/mutants/transform.ts)", () => {
    const type = "aws:ec2/launchTemplate:LaunchTemplate";

    it("sets a nested property and reads it back, leaving the rest and the original untouched", () => {
        fc.assert(
            fc.property(fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 4 }), fc.jsonValue(), (keys, value) => {
                const props = Object.freeze({ keep: 1 });
                const path = keys.join(".");
                const next = withValueAt(props, path, value);
                expect(valueAt(next, path)).toEqual(value);
                expect(next.keep).toBe(1);
                expect(props).toEqual({ keep: 1 });
            }),
        );
    });

    it("applies only to its type and name, and not when nothing changes", () => {
        const w = { type, name: /-app-lt$/, path: "metadataOptions.httpTokens", to: "optional" };
        expect(weaken(w, type, "tap-dev-use1-app-lt", { metadataOptions: { httpTokens: "required" } })).toEqual({
            metadataOptions: { httpTokens: "optional" },
        });
        expect(weaken(w, type, "tap-dev-use1-other", { metadataOptions: { httpTokens: "required" } })).toBeUndefined();
        expect(
            weaken(w, "aws:ec2/instance:Instance", "tap-dev-use1-app-lt", { metadataOptions: { httpTokens: "required" } }),
        ).toBeUndefined();
        expect(weaken(w, type, "tap-dev-use1-app-lt", { metadataOptions: { httpTokens: "optional" } })).toBeUndefined();
        expect(weaken({ type, path: "keyName", to: REMOVED }, type, "x", { keyName: "k", a: 1 })).toEqual({ a: 1 });
        expect(weaken({ type, path: "keyName", to: REMOVED }, type, "x", { a: 1 })).toBeUndefined();
    });

    it("edits a policy document's statement by Sid", () => {
        const doc = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "x" },
                { Sid: "B", Effect: "Deny" },
            ],
        });
        const next = weaken({ type, path: "policy", to: editStatement("A", (s) => ({ ...s, Resource: "*" })) }, type, "x", { policy: doc });
        expect(JSON.parse(String(next?.policy)).Statement).toEqual([
            { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
            { Sid: "B", Effect: "Deny" },
        ]);
    });
});
