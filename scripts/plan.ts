/**
 * npm run plan -- [--stack dev] [--json FILE] [--junit FILE] [--sarif FILE] [--set tap:key=value ...] [--diagram FILE.svg|.png]
 *                 [--diff BASE.json [--fail-on-replace]]
 * The offline plan: runs the real program on Pulumi's mock runtime with the stack's config and
 * prints the resources it would create, as a tree, the stack outputs, the verdict of the
 * tap-security policy pack on them, the deploy-readiness findings (tooling/plan/readiness: this stack
 * file and the project's others), and the monthly cost estimate; optionally draws the
 * architecture diagram and lists what the change from a base plan (an earlier --json) adds,
 * updates, replaces and deletes. No AWS account, no Pulumi CLI. Exit 1 on invalid configuration,
 * a mandatory policy violation, a readiness finding, or (with --fail-on-replace) a replacement or a stateful deletion.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseTapConfig, TapConfigError } from "../lib/config";
import { evaluatePolicies, renderCompliance, subjectsOf } from "../policy/api";
import { asStackResource } from "../policy/evaluate";
import { expectedResult, renderExpected } from "../policy/securityhub/expected";
import { renderDetection } from "../tooling/plan/detection";
import { exitAfterOutput } from "../tooling/plan/exit";
import { countByType, renderGuards, renderOutputs, renderRegions, renderTree } from "../tooling/plan/render";
import { costSection, diagramSection, diffSection, readPlanJson } from "../tooling/plan/review";
import { PROJECT_DIR, readStackFiles } from "../tooling/plan/stack-files";
import { complianceToJUnit, complianceToSarif } from "../tooling/reports/compliance";

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            stack: { type: "string", default: "dev" },
            json: { type: "string" },
            junit: { type: "string" },
            sarif: { type: "string" },
            set: { type: "string", multiple: true },
            diagram: { type: "string" },
            diff: { type: "string" },
            "fail-on-replace": { type: "boolean", default: false },
        },
        allowPositionals: false,
    });
    const stack = values.stack ?? "dev";
    const overrides: Record<string, string> = {};
    for (const pair of values.set ?? []) {
        const at = pair.indexOf("=");
        if (at < 1) {
            console.error(`--set takes namespace:key=value, got ${JSON.stringify(pair)}`);
            return 2;
        }
        overrides[pair.slice(0, at)] = pair.slice(at + 1);
    }
    // A missing stack file or a bad config fails here, at once, before Pulumi is even loaded;
    // the program validates the same config again, as `pulumi up` runs it.
    let settings;
    try {
        settings = parseTapConfig({ ...readStackFiles(PROJECT_DIR, stack).config, ...overrides }, stack);
    } catch (err) {
        console.error(`Stack ${stack}: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
    }
    // A bad base file fails before the plan runs.
    const base = values.diff ? readPlanJson(values.diff) : undefined;
    // Pulumi and the mock runtime, now that there is something to plan.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { planStack } = require("../tooling/plan/plan-stack") as typeof import("../tooling/plan/plan-stack");
    let plan;
    try {
        plan = await planStack(stack, overrides);
    } catch (err) {
        if (err instanceof TapConfigError) {
            console.error(`Stack ${stack}: ${err.message}`);
            return 1;
        }
        throw err;
    }
    const managed = plan.resources.filter((r) => r.custom);
    console.log(`Offline plan of stack "${stack}" (project ${plan.project}), on mocks: ${managed.length} resources to create\n`);
    console.log(renderTree(plan));
    console.log(`\n${renderGuards(plan)}`);
    console.log(`\nBy region:\n${renderRegions(plan)}`);
    console.log(
        `\nBy type:\n${countByType(plan)
            .map(([type, n]) => `  ${String(n).padStart(3)}  ${type}`)
            .join("\n")}`,
    );
    console.log(`\nOutputs:\n${renderOutputs(plan.outputs)}`);
    console.log(`\n${renderDetection(settings)}`);
    const compliance = evaluatePolicies(plan);
    console.log(`\n${renderCompliance(compliance)}`);
    console.log(`\n${renderExpected(expectedResult(subjectsOf(plan).map(asStackResource), compliance.results))}`);
    // Deploy readiness: this stack file against AWS's documented behaviour, and against the project's
    // other stack files (each planned with its own config) for the account's singletons.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const readiness = require("../tooling/plan/readiness") as typeof import("../tooling/plan/readiness");
    const config = { ...readStackFiles(PROJECT_DIR, stack).config, ...overrides };
    const others = await readiness.otherStackFiles(stack, readiness.accountOf(config), (other) => planStack(other));
    const findings = readiness.checkReadiness({ stack: readiness.stackFilePlan(stack, plan, config), others });
    console.log(`\n${readiness.renderReadiness(findings)}`);
    const cost = costSection(plan);
    if (values.diagram) await diagramSection(plan, values.diagram);
    const change = base ? diffSection(base, plan) : undefined;
    if (values.json) {
        writeFileSync(
            values.json,
            `${JSON.stringify({ ...plan, compliance, readiness: findings, cost, ...(change && { diff: change.diff }) }, null, 2)}\n`,
        );
        console.log(`\nWrote ${values.json}`);
    }
    // The compliance verdict for CI test reports and code scanning (tooling/reports).
    if (values.junit) writeFileSync(values.junit, complianceToJUnit(compliance, stack));
    if (values.sarif) writeFileSync(values.sarif, `${JSON.stringify(complianceToSarif(compliance, stack), null, 2)}\n`);
    if (change?.destructive && values["fail-on-replace"]) {
        console.error(
            `\n--fail-on-replace: ${change.diff.replaced.length} replacement(s), ${change.diff.statefulLosses.length} stateful loss(es)`,
        );
        return 1;
    }
    return compliance.mandatoryViolations > 0 || findings.length > 0 ? 1 : 0;
}

main().then(exitAfterOutput, (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    exitAfterOutput(1);
});
