/**
 * Seed 000's integration entry point (its CI runs `npm run test:integration` and names this file): a
 * thin alias, no second suite. It runs every area's file of test/integration (one jest test per
 * post-deploy check of tooling/verify, against the deployed stack's outputs) once, in this process.
 * `npx jest --config jest.integration.config.js test/integration/<area>.int.test.ts` runs one area.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";

const dir = path.join(__dirname, "integration");
const areas = readdirSync(dir).filter((f) => f.endsWith(".int.test.ts"));
for (const file of areas.sort()) {
    describe(file, () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(path.join(dir, file));
    });
}
