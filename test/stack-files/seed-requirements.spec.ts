/**
 * Every requirement of the four seed documents (tooling/docs/seed-requirements.ts): each row's proof
 * holds on the plans of the stack files, every numbered section of every seed document has a row
 * (the documents are ../shared/seeds, found from the project upwards), and docs/design.md lists the
 * table as it is. Measure: 0 missing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
    renderSeedRequirements,
    SEED_REQUIREMENTS,
    SeedPlans,
    seedSections,
    SEEDS_END,
    SEEDS_START,
    WIDE_OVERRIDES,
} from "../../tooling/docs/seed-requirements";
import { TAP_POLICIES } from "../../policy/pack";
import { ALL_CHECKS } from "../../tooling/verify/checks";
import { planStackFile } from "../support";

const root = path.resolve(__dirname, "../..");

/** ../shared/seeds of the project, or of a worktree's main checkout: the first found going up. */
function seedsDir(): string | undefined {
    for (let dir = root, i = 0; i < 4; i++, dir = path.dirname(dir)) {
        const candidate = path.join(dir, "shared", "seeds");
        if (existsSync(candidate)) return candidate;
    }
    return undefined;
}
const SEEDS = seedsDir();

describe("the seeds' requirements (docs/design.md)", () => {
    let plans: SeedPlans;
    beforeAll(async () => {
        const [dev, prod, wide] = [
            await planStackFile("dev"),
            await planStackFile("prod"),
            await planStackFile("prod", { ...WIDE_OVERRIDES }),
        ];
        plans = { dev, prod, wide, file: (p) => (existsSync(path.join(root, p)) ? readFileSync(path.join(root, p), "utf8") : undefined) };
    });

    it("every requirement is met, or met differently with its reason: no other status, every proof holds on the plans", () => {
        expect(SEED_REQUIREMENTS.length).toBeGreaterThan(60);
        for (const r of SEED_REQUIREMENTS) {
            const id = `seed ${r.seed} ${r.section}: ${r.asks}`;
            expect([
                id,
                ["met", "met differently"].includes(r.status),
                r.status === "met differently" ? (r.why ?? "").length > 20 : r.why === undefined,
            ]).toEqual([id, true, true]);
            expect([id, r.proof(plans)]).toEqual([id, true]);
        }
    });

    it("a proof fails when the property is gone (the app data bucket's denies removed)", () => {
        const row = SEED_REQUIREMENTS.find((r) => r.seed === "002" && r.asks.startsWith("app data bucket"))!;
        const wide = { ...plans.wide, resources: plans.wide.resources.filter((r) => !r.name.endsWith("-app-data-policy")) };
        expect(row.proof({ ...plans, wide })).toEqual(expect.stringMatching(/deny is missing/));
    });

    it("names only policies of the pack and checks of npm run verify that exist", () => {
        const cited = SEED_REQUIREMENTS.flatMap((r) => [...r.where.matchAll(/pack `([a-z0-9*-]+)`/g)].map((m) => m[1]));
        expect(cited.length).toBeGreaterThan(10);
        for (const name of cited) {
            const pattern = new RegExp(`^${name.replace(/\*/g, ".*")}$`);
            expect([name, TAP_POLICIES.some((p) => pattern.test(p.name))]).toEqual([name, true]);
        }
        for (const [, id] of SEED_REQUIREMENTS.flatMap((r) => [...r.where.matchAll(/check `([a-z0-9.-]+)`/g)]))
            expect([id, ALL_CHECKS.some((c) => c.id === id)]).toEqual([id, true]);
    });

    const each = SEEDS ? it : it.skip;
    each(
        `covers every numbered section of the four seed documents (${SEEDS ?? "shared/seeds not found above the project"}), and names only real ones`,
        () => {
            const files = readdirSync(SEEDS!).filter((f) => /^\d{3}_.*\.txt$/.test(f));
            expect(files.map((f) => f.slice(0, 3)).sort()).toEqual(["000", "001", "002", "004"]);
            for (const f of files) {
                const seed = f.slice(0, 3);
                const sections = seedSections(readFileSync(path.join(SEEDS!, f), "utf8"));
                expect(sections.length).toBeGreaterThan(9);
                const rows = SEED_REQUIREMENTS.filter((r) => r.seed === seed).map((r) => r.section);
                expect([seed, sections.filter((s) => !rows.includes(s))]).toEqual([seed, []]);
                expect([seed, rows.filter((s) => !sections.includes(s))]).toEqual([seed, []]);
            }
        },
    );

    it("docs/design.md lists the table as it is (npm run docs)", () => {
        const text = readFileSync(path.join(root, "docs/design.md"), "utf8");
        const start = text.indexOf(SEEDS_START);
        expect(start).toBeGreaterThan(0);
        expect(text.slice(start, text.indexOf(SEEDS_END) + SEEDS_END.length)).toBe(renderSeedRequirements());
    });
});
