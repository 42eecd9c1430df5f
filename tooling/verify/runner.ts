/**
 * Runs checks and turns their outcomes into findings: a check whose outputs are absent is
 * skipped (never passed), a check that throws (access denied, resource gone, bad output) fails.
 */
import { Check, CheckContext, Finding, missingRequirement } from "./check";

/** The first output a check requires that the stack has (a list joined by commas): what an error finding names. */
function subject(check: Check, context: CheckContext): string {
    for (const requirement of check.requires) {
        const value = typeof requirement === "string" ? context.outputs.raw[requirement] : undefined;
        if (typeof value === "string") return value;
        if (Array.isArray(value) && value.length > 0) return value.join(",");
    }
    return "-";
}

/** The findings of one check: skipped, its outcomes, or one failure if it threw or found nothing to judge. */
export async function runCheck(check: Check, context: CheckContext): Promise<Finding[]> {
    const base = { checkId: check.id, control: check.control };
    try {
        // Inside the try: deciding whether outputs are present reads them, and a malformed one throws.
        const missing = missingRequirement(check, context.outputs);
        if (missing) return [{ ...base, resource: "-", status: "skipped", reason: `skipped: ${missing}` }];
        const outcomes = await check.run(context);
        if (outcomes.length === 0) return [{ ...base, resource: subject(check, context), status: "fail", reason: "the check found nothing to judge" }];
        return outcomes.map((o) => ({ ...base, resource: o.resource, status: o.ok ? "pass" : "fail", reason: o.reason }));
    } catch (err) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        return [{ ...base, resource: subject(check, context), status: "fail", reason: `could not verify: ${reason}` }];
    }
}

/** Runs `checks` concurrently; findings come back in check order. */
export async function runChecks(checks: readonly Check[], context: CheckContext): Promise<Finding[]> {
    const results = await Promise.all(checks.map((check) => runCheck(check, context)));
    return results.flat();
}
