/**
 * The committed URN inventory (test/urns/*.txt): the engine URNs of a few reference plans, so that
 * a change that would make deployed stacks delete and recreate a resource is seen in review.
 * `npm run urns` rewrites the files after an intended change (add an alias instead where the
 * resource must keep its state).
 */
import { tapProgram } from "../../lib/program";
import { Plan, runOnMocks } from "../mock-runtime/harness";
import { PROJECT_DIR, readStackFiles } from "./stack-files";

export { INVENTORY_DIR, REFERENCE_PLANS } from "./reference-plans";

/** Plans one reference stack in this process (the program itself, not `require` of bin/tap.ts, so it can run repeatedly). */
export function planReference(stack: string, overrides: Readonly<Record<string, string>>): Promise<Plan> {
    const config = { ...readStackFiles(PROJECT_DIR, stack).config, ...overrides };
    return runOnMocks(() => tapProgram(config, stack), { stack, config });
}
