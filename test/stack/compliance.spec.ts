/** tap-security over the plans the other specs use: every configuration the tests exercise is compliant. */
import { evaluatePolicies } from "../../policy/api";
import { mandatoryViolations } from "../policy/compliance";
import { ALL_TIERS, DATA_AND_CDN, planTap, TWO_REGIONS, VARIANT_CONFIG } from "../support";

describe("tap-security over the tested configurations", () => {
    it.each([
        ["defaults", {}],
        ["the variant (eu-west-1, no NAT, no account hardening, adopted GuardDuty)", VARIANT_CONFIG],
        ["every tier and Access (keyless CI) on", ALL_TIERS],
        ["every tier and Access over two regions", TWO_REGIONS],
        ["the database and the CDN in eu-west-1, GuardDuty adopted", DATA_AND_CDN],
    ])("%s: no mandatory violation", async (_label, raw) => {
        expect(mandatoryViolations(evaluatePolicies(await planTap(raw as Record<string, string>, "dev")))).toEqual([]);
    });

    it("tap:natGatewayStrategy none is not flagged by private-route-tables-reach-nat: private subnets isolated on purpose", async () => {
        expect(VARIANT_CONFIG["tap:natGatewayStrategy"]).toBe("none");
        const result = evaluatePolicies(await planTap(VARIANT_CONFIG, "dev")).results.find(
            (r) => r.policy === "private-route-tables-reach-nat",
        )!;
        expect(result.examined).toBeGreaterThan(0);
        expect(result.violations).toEqual([]);
    });
});
