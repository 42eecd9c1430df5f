/**
 * The expected Security Hub result as a pack rule (issue 25): a prod stack (policy/profile.ts)
 * must expect no failed CIS v3.0.0 or FSBP control without a waiver, and leave no
 * control of its scope unaccounted for. The expectation is policy/securityhub/expected.ts, over the
 * results of every other rule of the pack on the same resources.
 */
import { PolicySubject, runRules } from "../run-rules";
import { expectedResult } from "../securityhub/expected";
import { PREDICTORS } from "../securityhub/predictors";
import { stackInProd } from "../profile";
import { StackPolicy, StackViolation, TapPolicy } from "../types";

export const EXPECTED_RESULT_POLICY_NAME = "securityhub-expected-result";

const expectedResultPolicy = (others: () => readonly TapPolicy[]): StackPolicy => ({
    name: EXPECTED_RESULT_POLICY_NAME,
    // The controls its predictors predict (policy/securityhub/predictors.ts), besides those the other rules cite.
    controls: `CIS 4.16; design: the expected Security Hub result; predicts ${PREDICTORS.map((p) => p.control).join(", ")}`,
    description:
        "A prod stack expects no failed CIS v3.0.0 / FSBP control without a waiver (tap:securityHubControlWaivers), and every control of its scope is predicted by a rule, waived, or listed as left to the account.",
    enforcementLevel: "mandatory",
    resourceTypes: ["aws:securityhub/standardsSubscription:StandardsSubscription"],
    validateStack: (resources) => {
        if (!stackInProd(resources)) return []; // production: the stack named prod(-*), or its trail tagged Profile prod (policy/profile.ts)
        // The other rules of the pack (pack.ts hands them over), on the same resources.
        const subjects: PolicySubject[] = resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            inputs: r.props,
            outputs: r.props,
            id: r.id,
            parent: r.parent,
            dependsOn: r.dependsOn,
            propertyDependencies: r.propertyDependencies,
            protect: r.protect,
        }));
        const report = runRules(subjects, others());
        const anchor = resources.find((r) => r.type === "aws:securityhub/standardsSubscription:StandardsSubscription") ?? resources[0];
        const violations: StackViolation[] = [];
        for (const e of expectedResult(resources, report.results)) {
            if (e.status === "fail")
                violations.push({
                    urn: anchor.urn,
                    message: `Security Hub ${e.id} (${e.standard}, ${e.severity}) is expected to fail: ${e.why}. Fix it, or waive it with tap:securityHubControlWaivers and the reason`,
                });
            if (e.status === "unaccounted")
                violations.push({
                    urn: anchor.urn,
                    message: `Security Hub ${e.id} (${e.standard}) evaluates what the stack plans, but ${e.why}`,
                });
        }
        return violations;
    },
});

/** The rule, weighing the results of `others` (the rest of the pack). */
export const securityHubExpectedPolicies = (others: () => readonly TapPolicy[]): readonly TapPolicy[] => [expectedResultPolicy(others)];
