/**
 * The program is deterministic: the same stack file gives the same names and inputs on every run
 * (no clock, no randomness, no order dependence). Where a preview sees every resource: stack/program-shape.spec.ts.
 */
import { Plan } from "../../tooling/mock-runtime/harness";
import { TapMocks } from "../../tooling/mock-runtime/mocks";
import { planStackFile, planTap, stackFileConfig } from "../support";

describe("the program as a whole (Pulumi.prod.yaml)", () => {
    it("gives the same names and the same inputs on every run (no clock, no randomness, no order dependence)", async () => {
        // prod: the web and data tiers, Backup, the budget, protection: a second, fresh run against the shared plan.
        const first = await planStackFile("prod");
        const again = await planTap(stackFileConfig("prod"), "prod", new TapMocks("us-east-1"));
        expect(again).not.toBe(first);
        expect(first.resources.length).toBeGreaterThan(200);
        const shape = (p: Plan) => p.resources.map((r) => [r.type, r.name, r.parent, r.provider, r.dependsOn, r.inputs]);
        expect(JSON.stringify(shape(again))).toBe(JSON.stringify(shape(first)));
    });
});
