/**
 * Every spec of the verification side (`verify/*.spec.ts`: the checks of tooling/verify, one area a
 * file; `reports/*.spec.ts`: the CI reports), run in one jest file: the AWS SDK clients and the
 * tooling load once instead of once a file (about a second each). Each spec is wrapped in a
 * describe named after its file, so its hooks (wire.spec.ts's local server) stay its own. Each
 * also runs on its own: `npx jest test/verify/s3.spec.ts` (jest.config.js admits a spec named on
 * the command line). `verify/entrypoints.test.ts` spawns the commands, so it stays a file apart.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";

/** The folders of the verification specs. */
const specs = ["verify", "reports"].flatMap((dir) => readdirSync(path.join(__dirname, dir)).filter((f) => f.endsWith(".spec.ts")).sort().map((f) => `${dir}/${f}`));

describe("verify specs", () => {
    it("are all found (a spec file is picked up without an import line)", () => {
        expect(specs.length).toBeGreaterThan(15);
        expect(specs).toContain("reports/reports.spec.ts");
    });
});

for (const spec of specs) {
    describe(spec, () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(path.join(__dirname, spec));
    });
}
