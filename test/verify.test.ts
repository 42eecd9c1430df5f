/**
 * The verification side: `verify/*.spec.ts` (the checks of tooling/verify, one area a file),
 * `reports/*.spec.ts` (the CI reports) and `e2e/gaps.spec.ts` (moto's gaps, each covered by a
 * unit test), in one jest file (test/specs.ts). `verify/entrypoints.test.ts`
 * spawns the commands, so it stays a file apart.
 */
import { runSpecs } from "./specs";

runSpecs(["verify", "reports", "e2e"], 17);
