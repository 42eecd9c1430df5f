/**
 * The shape every post-deploy check shares. A check is a function over injected AWS SDK v3
 * clients and the stack outputs; the runner turns what it returns into `Finding`s, so a check
 * only says, per resource, whether the property holds and why.
 */
import type { VerifyClients } from "./clients";
import type { StackOutputs } from "./outputs";

/**
 * `pending`: the subject is still settling after a deploy (an agent registering, an association's
 * first run, Inspector enabling, Config's first delivery): neither a pass nor a failure yet.
 * `npm run verify -- --wait <minutes>` re-runs those checks until they settle or time runs out.
 */
export type FindingStatus = "pass" | "fail" | "pending" | "skipped";

/** One line of the verification report: one property of one resource. */
export interface Finding {
    /** The check that produced it, e.g. `network.flow-logs`. */
    readonly checkId: string;
    /** The control it proves, e.g. `CIS 3.7 / EC2.6`. */
    readonly control: string;
    /** The AWS resource looked at (id, ARN or name), or the missing output when skipped. */
    readonly resource: string;
    readonly status: FindingStatus;
    /** What was seen: the evidence for a pass, the deviation for a failure, the cause of a skip. */
    readonly reason: string;
    /** Pending only: how long AWS documents the subject may take to settle, in minutes. */
    readonly waitMinutes?: number;
    /** The region looked in, when the stack spans several. */
    readonly region?: string;
}

/** What a check says about one resource; the runner adds the check id and control. */
export interface Outcome {
    readonly resource: string;
    readonly ok: boolean;
    readonly reason: string;
    /** Set on a "not settled yet" outcome (never on a pass): minutes AWS documents it may take. */
    readonly settlingMinutes?: number;
}

export interface CheckContext {
    readonly clients: VerifyClients;
    readonly outputs: StackOutputs;
    /** When the run started: what "launched N minutes ago" is measured from. @default the runner's start */
    readonly now?: Date;
}

/**
 * An output a check needs. A plain string is an output key that must be present; the object
 * form covers the rest (one of several keys, a non-empty list, key patterns).
 */
export type Requirement =
    | string
    | {
          /** True when the stack's outputs let the check run. */
          readonly present: (outputs: StackOutputs) => boolean;
          /** Why the check is skipped otherwise: `skipped: <this>`. */
          readonly missing: string;
      };

export interface Check {
    /** Stable id, `<area>.<property>`: the report's first column and the integration test's name. */
    readonly id: string;
    /** The CIS AWS Foundations / AWS Security Hub (FSBP) control, or `design: ...` for a tap design rule. */
    readonly control: string;
    /** One sentence: the property a pass proves (docs/checks.md, integration test name). */
    readonly proves: string;
    /**
     * What may not have settled right after a deploy, and for how many minutes (the figure the check
     * cites): such findings are PENDING until then (docs/checks.md, `npm run verify -- --wait`).
     */
    readonly settles?: { readonly what: string; readonly minutes: number };
    /** Outputs the check needs; when one is absent the check is reported as skipped, never as passed. */
    readonly requires: readonly Requirement[];
    run(context: CheckContext): Promise<readonly Outcome[]>;
}

export const pass = (resource: string, reason: string): Outcome => ({ resource, ok: true, reason });
export const fail = (resource: string, reason: string): Outcome => ({ resource, ok: false, reason });
/**
 * Not settled yet: what a deploy starts takes up to `minutes` (the documented delay, cited where
 * it is used) and has not finished. Reported PENDING, never as a pass; `--wait` re-runs it.
 */
export const pending = (resource: string, reason: string, minutes: number): Outcome => ({
    resource,
    ok: false,
    reason,
    settlingMinutes: minutes,
});

/**
 * Areas judged once for the whole stack, from the primary region: the bucket checks (they find
 * each bucket's own region), the trail, the web and data tiers, the budget and IAM roles.
 */
const STACK_WIDE_AREAS: ReadonlySet<string> = new Set(["s3", "cloudtrail", "elb", "waf", "rds", "budgets", "access"]);

/** Whether every region of the stack runs `check` on its own outputs (its area is not stack-wide). */
export const isRegionalCheck = (check: Check): boolean => !STACK_WIDE_AREAS.has(check.id.split(".")[0]);

/** A pass with `passReason` when `problems` is empty, else a failure listing them. */
export function verdict(resource: string, problems: readonly string[], passReason: string): Outcome {
    return problems.length === 0 ? pass(resource, passReason) : fail(resource, problems.join("; "));
}

/** One of several output keys (e.g. `kmsKeyArn` or `kmsKeyId`). */
export function anyOf(...keys: string[]): Requirement {
    return { present: (outputs) => keys.some((key) => outputs.has(key)), missing: `output ${keys.join(" or ")} not in this stack` };
}

/** Why `check` cannot run on these outputs (`output X not in this stack`), or undefined when it can. */
export function missingRequirement(check: Check, outputs: StackOutputs): string | undefined {
    for (const requirement of check.requires) {
        if (typeof requirement === "string") {
            if (!outputs.has(requirement)) return `output ${requirement} not in this stack`;
        } else if (!requirement.present(outputs)) {
            return requirement.missing;
        }
    }
    return undefined;
}

/** A protection the stack may leave off on purpose (deletion protection in dev, a single-AZ database). */
export interface StackChoice {
    /** The setting that turns it on, e.g. `tap:deletionProtection`. */
    readonly configKey: string;
    /** The output saying what the stack chose, when the stack exports one (boolean). */
    readonly outputKey: string;
    /** How the off state reads in a finding, e.g. `off`, `single-AZ`. */
    readonly off: string;
    /** The control that off does not meet, e.g. `ELB.6`. */
    readonly control: string;
}

/**
 * The outcome for a protection found off: a pass only when the outputs say the stack chose off;
 * without such an output, a failure naming the setting that leaves it off.
 */
export function offAsChosen(resource: string, outputs: StackOutputs, choice: StackChoice): Outcome {
    if (!outputs.has(choice.outputKey)) return fail(resource, `${choice.off} (${choice.configKey} false)`);
    return outputs.boolean(choice.outputKey)
        ? fail(resource, `${choice.off}, yet the stack chose it on (output ${choice.outputKey} true): changed outside Pulumi`)
        : pass(
              resource,
              `${choice.off}, as the stack chose (output ${choice.outputKey} false, from ${choice.configKey}): ${choice.control} is not met in this environment`,
          );
}

/** Whether KMS key `key` (an ARN or id) is the stack's key (outputs kmsKeyArn, kmsKeyId); undefined when the stack exports no key. */
export function isStackKey(outputs: StackOutputs, key: string | undefined): boolean | undefined {
    const stackKeys = ["kmsKeyArn", "kmsKeyId"].filter((k) => outputs.has(k)).map((k) => outputs.string(k));
    if (stackKeys.length === 0) return undefined;
    return key !== undefined && stackKeys.some((k) => key === k || key.endsWith(`:key/${k}`) || k.endsWith(`:key/${key}`));
}

/**
 * Every item of a paginated list (`paginateDescribeRouteTables(...)`, `page => page.RouteTables`):
 * a long list arrives in pages, and a check that read only the first would miss the rest.
 */
export async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
    const all: T[] = [];
    for await (const page of pages) all.push(...(items(page) ?? []));
    return all;
}
