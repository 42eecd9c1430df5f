/**
 * State compatibility: every URN of the committed inventory (engine form, full parent chain) is
 * still planned, or named as an alias. A lost URN is a resource every deployed stack would delete
 * and recreate. After an intended replacement, `npm run urns` rewrites the inventory.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { INVENTORY_DIR, REFERENCE_PLANS } from "../../tooling/plan/reference-plans";
import { Plan } from "../../tooling/mock-runtime/harness";
import { engineAliases, engineUrn, engineUrns, inventoryUrns, lostUrns } from "../../tooling/plan/urns";
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

    // Detection (lib/detection) took GuardDuty, Security Hub, Access Analyzer and Inspector from Monitoring:
    // every resource below it answers to the URN it had under Monitoring, so no deployed stack recreates them.
    it.each(REFERENCE_PLANS.map((r) => [r.file, r] as const))(
        "%s: what moved under Detection keeps its URN from under Monitoring",
        async (_file, ref) => {
            const planned = await plan(ref);
            const aliases = engineAliases(planned);
            const moved = planned.resources.filter((r) => engineUrn(planned, r).includes("$tap:detection:Detection$"));
            expect(moved.length).toBeGreaterThan(4);
            for (const r of moved) {
                expect(aliases.get(r.urn)).toContain(
                    engineUrn(planned, r).replace("$tap:detection:Detection$", "$tap:monitoring:Monitoring$"),
                );
            }
        },
    );

    it("the inventory keeps the former URNs the aliases cover, beside the current ones", async () => {
        const planned = await plan(REFERENCE_PLANS[0]);
        const inventory = inventoryUrns(planned);
        expect(inventory).toEqual(expect.arrayContaining(engineUrns(planned)));
        expect(
            inventory.some((u) =>
                u.includes("$tap:monitoring:Monitoring$tap:monitoring:ThreatDetection$aws:guardduty/detector:Detector::"),
            ),
        ).toBe(true);
    });
});

describe("engineAliases (Pulumi's alias inheritance)", () => {
    const urn = (chain: string, name: string) => `urn:pulumi:s::p::${chain}::${name}`;
    const res = (type: string, name: string, parent: string | undefined, extra: object = {}) => ({
        urn: `mock:${type}::${name}`,
        type,
        name,
        parent,
        custom: false,
        dependsOn: [],
        retainOnDelete: false,
        protect: false,
        inputs: {},
        state: {},
        id: name,
        ...extra,
    });
    // Before: old:Parent "app" > x:Child "app-part" > x:Leaf "leaf". Now: new:Parent "app2" > (the same child, aliased to its former parent) > leaf.
    const former = res("old:Parent", "app", undefined);
    const now = res("new:Parent", "app2", undefined);
    const child = res("x:Child", "app2-part", now.urn, { aliasSpecs: [{ parent: former.urn, name: "app-part" }] });
    const leaf = res("x:Leaf", "app2-part-leaf", child.urn);
    const other = res("x:Leaf", "other", child.urn);
    const aliased: Plan = { project: "p", stack: "s", resources: [former, now, child, leaf, other], outputs: {} };

    it("a child aliased to its former parent answers to that parent's chain", () => {
        expect(engineAliases(aliased).get(child.urn)).toEqual([urn("old:Parent$x:Child", "app-part")]);
    });

    it("its children inherit the alias, renamed where their name starts with their parent's (inheritedChildAlias)", () => {
        expect(engineAliases(aliased).get(leaf.urn)).toEqual([urn("old:Parent$x:Child$x:Leaf", "app-part-leaf")]);
        expect(engineAliases(aliased).get(other.urn)).toEqual([urn("old:Parent$x:Child$x:Leaf", "other")]);
    });

    it("a resource without aliases, under a parent without, has none", () => {
        expect(engineAliases(aliased).get(former.urn)).toEqual([]);
    });
});
