/**
 * npm run urns: rewrites the URN inventory (test/urns/*.txt) from the current program. Run it only
 * after a change that is meant to replace resources in deployed stacks, and say so in the commit;
 * otherwise add `aliases` to the moved resources: the inventory keeps the former URNs their aliases
 * cover beside the new ones (only additions).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { INVENTORY_DIR, planReference, REFERENCE_PLANS } from "../tooling/plan/urn-inventory";
import { inventoryUrns } from "../tooling/plan/urns";

async function main(): Promise<void> {
    for (const ref of REFERENCE_PLANS) {
        const urns = inventoryUrns(await planReference(ref.stack, ref.overrides));
        writeFileSync(path.join(INVENTORY_DIR, ref.file), `${urns.join("\n")}\n`);
        console.log(`${ref.file}: ${urns.length} URNs`);
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
