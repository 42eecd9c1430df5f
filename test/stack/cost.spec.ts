/**
 * The monthly cost estimate (tooling/plan/cost) over the program's every tier: every type it can
 * create is priced, and each region at its own prices. The stack files' costs: stack-files/review.spec.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { estimateCost, RESOURCE_PRICING } from "../../tooling/plan/cost";
import { EC2_HOURLY } from "../../tooling/plan/prices";
import { PROJECT_DIR } from "../../tooling/plan/stack-files";
import { ALL_TIERS, DATA_AND_CDN, INSTANCE_CONFIG, inTurn, Plan, planTap, TWO_REGIONS, VARIANT_CONFIG } from "../support";

/** `new aws.ec2.Vpc(` in the program's source → `aws:ec2/vpc:Vpc`: the types it can create, planned or not. */
function typesInSource(dir = path.join(PROJECT_DIR, "lib")): Set<string> {
    const types = new Set<string>();
    for (const entry of readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (statSync(file).isDirectory()) {
            typesInSource(file).forEach((t) => types.add(t));
        } else if (file.endsWith(".ts")) {
            for (const [, mod, kind] of readFileSync(file, "utf8").matchAll(/new aws\.([a-z0-9]+)\.([A-Z][A-Za-z0-9]*)\(/g)) {
                types.add(`aws:${mod}/${kind[0].toLowerCase()}${kind.slice(1)}:${kind}`);
            }
        }
    }
    return types;
}

const customTypes = (plans: Plan[]) => new Set(plans.flatMap((p) => p.resources.filter((r) => r.custom).map((r) => r.type)));

describe("monthly cost estimate (every tier)", () => {
    it("every resource type the program can create is priced, or listed as free or usage-only, each charge at a figure with a source record", async () => {
        const plans = await inTurn([
            () => planTap({}, "dev"),
            () => planTap(VARIANT_CONFIG, "dev"),
            () => planTap(ALL_TIERS, "dev"),
            () => planTap(TWO_REGIONS, "dev"),
            () => planTap(DATA_AND_CDN, "dev"),
            () => planTap(INSTANCE_CONFIG, "dev"),
        ]);
        const planned = customTypes(plans);
        const declared = typesInSource();
        expect(planned.size).toBeGreaterThan(50);
        expect(declared.size).toBeGreaterThan(50);
        // The source scan reads the type tokens right: every planned type but the provider is among them.
        expect([...planned].filter((t) => t.startsWith("aws:") && !declared.has(t))).toEqual([]);
        expect([...new Set([...planned, ...declared])].filter((t) => !(t in RESOURCE_PRICING)).sort()).toEqual([]);
        for (const plan of plans) expect(estimateCost(plan).unknownTypes).toEqual([]);
        // Every fixed line and every usage item names where its figure was read (tooling/plan/price-snapshot.json),
        // and the sizes these configurations use are in the table.
        const estimates = plans.map((p) => estimateCost(p));
        const charges = estimates.flatMap((e) => [...e.lines, ...e.usage]);
        expect(charges.length).toBeGreaterThan(50);
        expect(charges.filter((c) => !c.sourceRecord)).toEqual([]);
        expect(estimates.flatMap((e) => e.unpriced)).toEqual([]);
    });

    it("each region at its own prices; two regions cost two keys and two NAT gateways", async () => {
        const variant = estimateCost(await planTap(VARIANT_CONFIG, "dev"));
        expect(variant.lines.filter((l) => l.kind === "NAT gateway")).toEqual([]); // tap:natGatewayStrategy none
        const ec2 = variant.lines.find((l) => l.kind === "EC2 t3.small")!;
        expect(ec2.region).toBe("eu-west-1");
        expect(ec2.unitUsd).toBe(EC2_HOURLY["t3.small"]["eu-west-1"]);
        const two = estimateCost(await planTap(TWO_REGIONS, "dev"));
        expect(
            two.lines
                .filter((l) => l.kind === "KMS key")
                .map((l) => l.region)
                .sort(),
        ).toEqual(["us-east-1", "us-west-2"]);
        expect(
            two.lines
                .filter((l) => l.kind === "NAT gateway")
                .map((l) => l.region)
                .sort(),
        ).toEqual(["us-east-1", "us-west-2"]);
        expect(two.lines.every((l) => l.note === undefined || !l.note.includes("no us-west-2 figure"))).toBe(true);
    });
});
