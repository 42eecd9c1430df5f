/**
 * State compatibility: every URN of the committed inventory (engine form, full parent chain) is
 * still planned, or named as an alias. A lost URN is a resource every deployed stack would delete
 * and recreate. After an intended replacement, `npm run urns` rewrites the inventory.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { INVENTORY_DIR, REFERENCE_PLANS } from "../../tooling/plan/urn-inventory";
import { engineUrns, lostUrns } from "../../tooling/plan/urns";
import { planStackFile } from "../support";

// The stack files' plans are shared with the other specs (the diagrams, the cost, the diff).
const plan = (ref: (typeof REFERENCE_PLANS)[number]) => planStackFile(ref.stack, ref.overrides);

describe("URN inventory", () => {
    it.each(REFERENCE_PLANS.map((r) => [r.file, r] as const))("%s: no URN of the inventory is lost", async (_file, ref) => {
        const inventory = readFileSync(path.join(INVENTORY_DIR, ref.file), "utf8").split("\n").filter(Boolean);
        expect(inventory.length).toBeGreaterThan(100);
        expect(lostUrns(inventory, await plan(ref))).toEqual([]);
    });

    it("engine URNs carry the whole parent chain (a move between grandparents changes them)", async () => {
        const vpc = engineUrns(await plan(REFERENCE_PLANS[0])).find((u) => u.includes("aws:ec2/vpc:Vpc::"));
        expect(vpc).toMatch(/::tap:index:TapStack\$tap:index:RegionalStack\$tap:network:VpcNetwork\$aws:ec2\/vpc:Vpc::/);
    });
});
