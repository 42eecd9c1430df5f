/**
 * Runs the `*.spec.ts` files of some test folders inside one jest file: Pulumi, the AWS SDK and the
 * tooling load once for all of them instead of once a file (about a second each), and shared plans
 * are planned once. Each spec is wrapped in a describe named after its file, so its hooks stay its
 * own. A spec still runs on its own: `npx jest test/stack/compute.spec.ts` (jest.config.js admits a
 * spec named on the command line).
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";

/** Registers every spec of `dirs` (relative to test/), after a test that they were found (at least `minimum`). */
export function runSpecs(dirs: readonly string[], minimum: number): void {
    const specs = dirs.flatMap((dir) => readdirSync(path.join(__dirname, dir)).filter((f) => f.endsWith(".spec.ts")).sort().map((f) => `${dir}/${f}`));
    describe(`specs of ${dirs.join(", ")}`, () => {
        it("are all found (a spec file is picked up without an import line)", () => {
            expect(specs.length).toBeGreaterThanOrEqual(minimum);
        });
    });
    for (const spec of specs) {
        describe(spec, () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            require(path.join(__dirname, spec));
        });
    }
}
