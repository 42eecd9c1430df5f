/** docs/verification.md lists moto's gaps exactly as test/e2e/gaps.ts declares them, and each names a unit test that exists. */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_CHECKS, CHECK_AREAS } from "../../tooling/verify/checks";
import { NOT_DEPLOYED, GAPS_END, GAPS_START, MOTO_GAPS, renderGapsTable } from "./gaps";

const root = path.resolve(__dirname, "../..");

it("is the docs' list of moto's gaps, generated, not typed", () => {
    const docs = readFileSync(path.join(root, "docs/verification.md"), "utf8");
    const section = docs.slice(docs.indexOf(GAPS_START), docs.indexOf(GAPS_END) + GAPS_END.length);
    expect(section).toBe(renderGapsTable());
});

it("names real checks and existing unit tests that keep covering each gap", () => {
    expect(MOTO_GAPS.length).toBeGreaterThan(0);
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const gap of MOTO_GAPS) {
        if (gap.check !== "-") expect(ids.has(gap.check)).toBe(true);
        expect(existsSync(path.join(root, gap.coveredBy))).toBe(true);
    }
});

it("the areas and checks the fixture does not deploy are real, each still covered by its unit tests", () => {
    expect(Object.keys(NOT_DEPLOYED).length).toBeGreaterThan(0);
    const ids = ALL_CHECKS.map((c) => c.id);
    for (const [key, test] of Object.entries(NOT_DEPLOYED)) {
        expect([key, Object.keys(CHECK_AREAS).includes(key) || ids.includes(key)]).toEqual([key, true]);
        expect(existsSync(path.join(root, test))).toBe(true);
    }
});
