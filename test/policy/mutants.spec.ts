/**
 * The mutant list of `npm run mutants` stays applicable: each weakening still matches the program
 * source exactly once (a refactor that moves the text must update the mutant, not silently drop it).
 * Running the mutants themselves is `npm run mutants` (the pack half: a CI step; the tests half: on demand).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { TAP_POLICIES } from "../../policy/api";
import { MUTANTS } from "../../tooling/mutants/mutants";
import { PLANS, testNamePattern } from "../../tooling/mutants/run";

const ROOT = path.resolve(__dirname, "../..");

describe("the mutants of npm run mutants", () => {
    it("are at least 40, each named once in kebab-case, each weakening one property of the program (lib/)", () => {
        expect(MUTANTS.length).toBeGreaterThanOrEqual(40);
        expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
        for (const m of MUTANTS) {
            expect([m.id, /^[a-z0-9]+(-[a-z0-9]+)+$/.test(m.id), m.file.startsWith("lib/"), m.search !== m.replace]).toEqual([m.id, true, true, true]);
            expect(Object.keys(PLANS)).toContain(m.plan ?? "prod");
            expect([m.file, testNamePattern(m.file)]).toEqual([m.file, expect.stringMatching(/^\^\\S\+\\\.spec\\\.ts \(\w/)]); // the tests half knows its specs
        }
    });

    it.each(MUTANTS.map((m) => [m.id, m] as const))("%s still applies: its search text occurs exactly once", (_id, m) => {
        const source = readFileSync(path.join(ROOT, m.file), "utf8");
        expect(source.split(m.search).length - 1).toBe(1);
    });

    it("cover the properties the issue names, among them one for each of the pack's new rules", () => {
        const ids = MUTANTS.map((m) => m.id);
        expect(ids).toEqual(expect.arrayContaining([
            "imds-hop-limit-2", "trail-no-global-events", "waf-group-count-only", "cdn-tls1", "db-sg-from-world", "root-volume-unencrypted",
            "app-role-logs-any-resource", "app-role-action-star", "trail-single-region-prod", "kms-decrypt-anyone", "config-custom-role",
            "default-sg-rule-resource",
        ]));
        expect(TAP_POLICIES.length).toBeGreaterThan(60);
    });
});
