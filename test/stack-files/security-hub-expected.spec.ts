/**
 * The expected Security Hub result (issue 25) of the committed stack files: prod expects no failed
 * CIS v3.0.0 or FSBP control without a waiver, every control of its scope is accounted for, every
 * waiver has its reason; and the control data is the AWS control reference's, whole for CIS v3.0.0.
 */
import { evaluatePolicies, subjectsOf } from "../../policy/api";
import { asStackResource } from "../../policy/evaluate";
import { CONTROLS, expectedResult, LEFT_TO_ACCOUNT, tally } from "../../policy/securityhub/expected";
import { PREDICTORS } from "../../policy/securityhub/predictors";
import { EVALUATES } from "../../policy/securityhub/scope";
import { EXPECTED_RESULT_POLICY_NAME } from "../../policy/rules/security-hub-expected";
import { TAP_POLICIES } from "../../policy/pack";
import { nonEmpty, ofType, Plan, planStackFile, referencePlan, stackFileConfig } from "../support";

const expectedOf = (plan: Plan) => expectedResult(subjectsOf(plan).map(asStackResource), evaluatePolicies(plan).results);

describe("the control data (policy/securityhub/controls.json)", () => {
    it("holds the 37 controls of CIS v3.0.0 in Security Hub and FSBP's of the services tap plans, each once", () => {
        expect(CONTROLS.filter((c) => c.standards.includes("cis"))).toHaveLength(37);
        expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
        for (const c of nonEmpty(CONTROLS)) expect([c.id, /^[A-Za-z][A-Za-z0-9]*\.\d+$/.test(c.id), ["LOW", "MEDIUM", "HIGH", "CRITICAL"].includes(c.severity), c.standards.length > 0]).toEqual([c.id, true, true, true]);
    });

    it("names only controls of the data in the scope, predictor and left-to-account tables, and predicts none twice", () => {
        const ids = new Set(CONTROLS.map((c) => c.id));
        for (const id of [...Object.keys(EVALUATES), ...Object.keys(LEFT_TO_ACCOUNT), ...PREDICTORS.map((p) => p.control)]) expect([id, ids.has(id)]).toEqual([id, true]);
        const cited = new Set(TAP_POLICIES.filter((p) => p.name !== EXPECTED_RESULT_POLICY_NAME).flatMap((p) => [...p.controls.matchAll(/\b([A-Za-z][A-Za-z0-9]*\.\d+)\b/g)].map((m) => m[1])));
        expect(PREDICTORS.filter((p) => cited.has(p.control)).map((p) => p.control)).toEqual([]);
        expect(PREDICTORS.filter((p) => LEFT_TO_ACCOUNT[p.control]).map((p) => p.control)).toEqual([]);
    });
});

describe("the expected Security Hub result of Pulumi.prod.yaml", () => {
    let prod: Plan;
    let twoRegions: Plan;
    beforeAll(async () => {
        prod = await planStackFile("prod");
        twoRegions = await referencePlan("prod-two-regions.txt");
    });

    it("expects no failed control without a waiver and leaves none unaccounted, in one region or two", () => {
        for (const plan of [prod, twoRegions]) {
            const expected = expectedOf(plan);
            expect(expected.filter((e) => e.status === "fail" || e.status === "unaccounted").map((e) => `${e.id} ${e.standard}: ${e.why}`)).toEqual([]);
            const t = tally(expected);
            expect(t.cis.pass).toBeGreaterThan(15);
            expect(t.fsbp.pass).toBeGreaterThan(60);
        }
    });

    it("waives each control with its reason, in every region, and passes the pack rule", () => {
        const waivers = nonEmpty(ofType(twoRegions, "aws:securityhub/standardsControlAssociation:StandardsControlAssociation"));
        for (const w of waivers) expect([w.name, w.inputs.associationStatus, String(w.inputs.updatedReason).length >= 30]).toEqual([w.name, "DISABLED", true]);
        expect(new Set(waivers.map((w) => w.provider)).size).toBe(2);
        const waived = expectedOf(prod).filter((e) => e.status === "waived");
        expect(waived.length).toBe(18);
        expect(evaluatePolicies(prod).results.find((r) => r.policy === EXPECTED_RESULT_POLICY_NAME)).toMatchObject({ status: "pass" });
    });

    it("fails the pack when a control prod fails loses its waiver (RDS.23: the default port)", async () => {
        const waivers = JSON.parse(stackFileConfig("prod")["tap:securityHubControlWaivers"]) as Record<string, unknown>;
        delete waivers["RDS.23"];
        const plan = await planStackFile("prod", { "tap:securityHubControlWaivers": JSON.stringify(waivers) });
        const result = evaluatePolicies(plan).results.find((r) => r.policy === EXPECTED_RESULT_POLICY_NAME)!;
        expect(result.status).toBe("fail");
        expect(result.violations.map((v) => v.message)).toEqual([expect.stringMatching(/^Security Hub RDS\.23 \(fsbp, LOW\) is expected to fail: .*port 5432 is the engine default/)]);
    });

    it("predicts from the plan, not from the standard: prod without deletion protection fails ELB.6 and RDS.8", async () => {
        const plan = await planStackFile("prod", { "tap:deletionProtection": "false" });
        const expected = expectedOf(plan);
        // Deletion protection off: RDS.8 and ELB.6, which the pack's own rules cite, are expected to fail.
        expect(expected.filter((e) => e.status === "fail").map((e) => e.id).sort()).toEqual(expect.arrayContaining(["ELB.6", "RDS.8"]));
    });
});
