/**
 * The plan's compliance verdict (policy/api.ts `ComplianceReport`) as JUnit XML (a case per
 * policy, failed by a mandatory violation) and SARIF (a rule per policy, a result per violation,
 * error for mandatory, warning for advisory), each carrying the policy's controls.
 */
import type { ComplianceReport } from "../../policy/api";
import { JUnitCase, renderJUnit } from "./junit";
import { controlTags, renderSarif, SarifLog, SarifResult } from "./sarif";

export function complianceToJUnit(report: ComplianceReport, stack = "stack"): string {
    return renderJUnit(`tap plan ${stack}: policy pack ${report.pack}`, [
        {
            name: `policy.${report.pack}`,
            properties: { mandatoryViolations: String(report.mandatoryViolations), advisoryViolations: String(report.advisoryViolations) },
            cases: report.results.map((r): JUnitCase => {
                const listed = r.violations.map((v) => `${v.resource} (${v.type}): ${v.message}`).join("\n");
                const base = {
                    name: `${r.policy} [${r.controls}]`,
                    classname: r.policy,
                    properties: { control: r.controls, enforcementLevel: r.enforcementLevel, examined: String(r.examined) },
                };
                if (r.status === "fail")
                    return {
                        ...base,
                        status: "fail",
                        message: `${r.violations.length} mandatory violation(s): ${r.violations.map((v) => v.resource).join(", ")}`,
                        details: listed,
                    };
                if (r.status === "n/a")
                    return { ...base, status: "skipped", message: "not applicable: the stack has no resource of the policy's types" };
                // An advisory violation does not fail the plan (nor the test); its text rides along.
                return {
                    ...base,
                    status: "pass",
                    details: r.status === "warn" ? `advisory: ${listed}` : `${r.examined} resource(s) examined`,
                };
            }),
        },
    ]);
}

/** `stackFile` is where the results point (the stack's config, e.g. `Pulumi.dev.yaml`); the resource is the logical location. */
export function complianceToSarif(report: ComplianceReport, stack = "stack", stackFile = `Pulumi.${stack}.yaml`): SarifLog {
    const rules = report.results.map((r) => ({
        id: r.policy,
        shortDescription: { text: `${r.policy} (${r.controls})` },
        defaultConfiguration: { level: r.enforcementLevel === "mandatory" ? ("error" as const) : ("warning" as const) },
        properties: { tags: ["security", ...controlTags(r.controls)], control: r.controls, enforcementLevel: r.enforcementLevel },
    }));
    const results = report.results.flatMap((r) =>
        r.violations.map((v): Omit<SarifResult, "ruleIndex"> => ({
            ruleId: r.policy,
            kind: "fail",
            level: r.enforcementLevel === "mandatory" ? "error" : "warning",
            message: { text: `[${r.controls}] ${v.resource}: ${v.message}` },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: stackFile } },
                    logicalLocations: [{ fullyQualifiedName: v.urn, kind: "resource" }],
                },
            ],
            partialFingerprints: { "tapViolation/v1": `${stack}/${r.policy}/${v.urn}` },
            properties: { control: r.controls, enforcementLevel: r.enforcementLevel, type: v.type },
        })),
    );
    return renderSarif({ tool: "tap-policy-pack", automationId: `tap-plan/${stack}/`, rules, results });
}
