/**
 * Every spec of the planned stack (`stack/*.spec.ts`, `plan/*.spec.ts`, one concern a file), run in one jest file:
 * Pulumi and the AWS SDK load once (about a second a file), and `planTap` plans each config once
 * for all of them. A spec asserts on the shared plans, never changes them. Each spec also runs on
 * its own: `npx jest test/stack/compute.spec.ts` (jest.config.js admits a spec named on the
 * command line).
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";

/** The folders whose specs read the shared plans: the program's (stack/) and the plan tooling's (plan/). */
const specs = ["stack", "plan"].flatMap((dir) => readdirSync(path.join(__dirname, dir)).filter((f) => f.endsWith(".spec.ts")).sort().map((f) => path.join(dir, f)));

describe("stack specs", () => {
    it("are all found (a spec file is picked up without an import line)", () => {
        expect(specs.length).toBeGreaterThan(10);
    });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const spec of specs) require(path.join(__dirname, spec));
