/**
 * `npm run verify`'s findings as JUnit XML (a test case per finding) and SARIF (a rule per check,
 * a result per finding), each carrying the check's control id. Failures that are really "could
 * not verify" stay failures: nothing unverified reads as passed.
 */
import type { Check, Finding } from "../verify/check";
import { JUnitCase, renderJUnit } from "./junit";
import { controlTags, renderSarif, SarifLog, SarifResult } from "./sarif";

/**
 * A pending finding (not settled since the deploy) is a skipped case whose message says so: not a
 * pass, not a deviation; the run's exit code (3) keeps the job from reading as verified.
 */
const STATUS_CASE = { pass: "pass", fail: "fail", pending: "skipped", skipped: "skipped" } as const;

/** One test suite per check area (network, compute, ...), one case per finding. */
export function findingsToJUnit(findings: readonly Finding[], stack = "stack"): string {
    const areas = [...new Set(findings.map((f) => f.checkId.split(".")[0]))];
    return renderJUnit(
        `tap verify ${stack}`,
        areas.map((area) => ({
            name: `verify.${area}`,
            cases: findings
                .filter((f) => f.checkId.startsWith(`${area}.`))
                .map((f): JUnitCase => ({
                    name: `${f.checkId} [${f.control}] ${f.resource}`,
                    classname: f.checkId,
                    status: STATUS_CASE[f.status],
                    message: f.status === "pass" ? undefined : f.reason,
                    details: f.status === "pass" ? f.reason : `${f.control}: ${f.resource}: ${f.reason}`,
                    properties: { control: f.control, resource: f.resource },
                })),
        })),
    );
}

/** The check's source file, where code scanning anchors its results (a deployed resource has no line of code). */
const checkSource = (checkId: string) => `tooling/verify/${checkId.split(".")[0]}.ts`;

export function findingsToSarif(findings: readonly Finding[], checks: readonly Check[], stack = "stack"): SarifLog {
    const used = new Set(findings.map((f) => f.checkId));
    const rules = checks
        .filter((c) => used.has(c.id))
        .map((c) => ({
            id: c.id,
            shortDescription: { text: c.proves },
            defaultConfiguration: { level: "error" as const },
            properties: { tags: ["security", ...controlTags(c.control)], control: c.control },
        }));
    const results = findings.map((f): Omit<SarifResult, "ruleIndex"> => ({
        ruleId: f.checkId,
        kind: f.status === "pass" ? "pass" : f.status === "fail" ? "fail" : f.status === "pending" ? "open" : "notApplicable",
        level: f.status === "fail" ? "error" : f.status === "pending" ? "warning" : "none",
        message: { text: `[${f.control}] ${f.resource}: ${f.reason}` },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri: checkSource(f.checkId) } },
                logicalLocations: [{ fullyQualifiedName: f.resource, kind: "resource" }],
            },
        ],
        partialFingerprints: { "tapFinding/v1": `${stack}/${f.checkId}/${f.resource}` },
        properties: { control: f.control, status: f.status, stack },
    }));
    return renderSarif({ tool: "tap-verify", automationId: `tap-verify/${stack}/`, rules, results });
}
