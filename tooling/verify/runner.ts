/**
 * Runs checks and turns their outcomes into findings: a check whose outputs are absent is
 * skipped (never passed), a check that throws (access denied, resource gone, bad output) or does
 * not finish in time fails with a "could not verify" reason.
 */
import { Check, CheckContext, Finding, missingRequirement } from "./check";
import { explainError, namingActions } from "./errors";

export interface RunOptions {
    /**
     * Milliseconds a check may take, its retries included, before it fails as unverified; a run
     * of checks (they run concurrently) then ends within about this bound. @default 120000
     */
    readonly timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 120_000;

/** The check's outcomes, or a rejection once `ms` have passed. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
            () => reject(Object.assign(new Error(`no answer within ${ms / 1000} s (retries included)`), { name: "Timeout" })),
            ms,
        );
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

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
export async function runCheck(check: Check, context: CheckContext, options: RunOptions = {}): Promise<Finding[]> {
    const base = { checkId: check.id, control: check.control };
    try {
        // Inside the try: deciding whether outputs are present reads them, and a malformed one throws.
        const missing = missingRequirement(check, context.outputs);
        if (missing) return [{ ...base, resource: "-", status: "skipped", reason: `skipped: ${missing}` }];
        const outcomes = await withDeadline(
            check.run({ ...context, clients: namingActions(context.clients), now: context.now ?? new Date() }),
            options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
        );
        if (outcomes.length === 0)
            return [{ ...base, resource: subject(check, context), status: "fail", reason: "the check found nothing to judge" }];
        return outcomes.map((o): Finding =>
            o.settlingMinutes !== undefined && !o.ok
                ? {
                      ...base,
                      resource: o.resource,
                      status: "pending",
                      reason: `not settled yet: ${o.reason} (allow up to ${o.settlingMinutes} min after a deploy; npm run verify -- --wait ${o.settlingMinutes})`,
                      waitMinutes: o.settlingMinutes,
                  }
                : { ...base, resource: o.resource, status: o.ok ? "pass" : "fail", reason: o.reason },
        );
    } catch (err) {
        return [{ ...base, resource: subject(check, context), status: "fail", reason: `could not verify: ${explainError(err)}` }];
    }
}

/** Runs `checks` concurrently; findings come back in check order. */
export async function runChecks(checks: readonly Check[], context: CheckContext, options: RunOptions = {}): Promise<Finding[]> {
    const results = await Promise.all(checks.map((check) => runCheck(check, context, options)));
    return results.flat();
}
