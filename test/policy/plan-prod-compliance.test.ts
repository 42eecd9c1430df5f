/**
 * The prod stack as planned offline (bin/tap.ts with Pulumi.prod.yaml) against tap-security:
 * what would block a real `pulumi preview --policy-pack policy`. One plan of the real program
 * per test file (Node caches the program module); other variants through planTap.
 */
import { planStack } from "../../lib/plan/plan-stack";
import { ComplianceReport, evaluatePolicies } from "../../lib/policy";
import { planTap } from "../support";
import { mandatoryViolations, NETWORK_POLICIES, statusOf } from "./compliance";

describe("the prod stack against tap-security", () => {
    let report: ComplianceReport;
    beforeAll(async () => { report = evaluatePolicies(await planStack("prod")); });

    it("has no mandatory violation", () => {
        expect(mandatoryViolations(report)).toEqual([]);
    });

    it("is examined, not waved through: every network policy finds resources and passes", () => {
        expect(statusOf(report, NETWORK_POLICIES)).toEqual(Object.fromEntries(NETWORK_POLICIES.map((name) => [name, "pass"])));
    });
});

describe("tap:natGatewayStrategy none against tap-security", () => {
    it("is not flagged by private-route-tables-reach-nat: no NAT gateway, private subnets isolated on purpose", async () => {
        const result = evaluatePolicies(await planTap({ "tap:natGatewayStrategy": "none" }, "prod")).results
            .find((r) => r.policy === "private-route-tables-reach-nat")!;
        expect(result.examined).toBeGreaterThan(0);
        expect(result.violations).toEqual([]);
    });
});
