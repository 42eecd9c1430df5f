/**
 * The verification side: `verify/*.spec.ts` (the checks of tooling/verify, one area a file) and
 * `reports/*.spec.ts` (the CI reports), in one jest file (test/specs.ts). `verify/entrypoints.test.ts`
 * spawns the commands, so it stays a file apart.
 */
import { runSpecs } from "./specs";

runSpecs(["verify", "reports"], 16);
