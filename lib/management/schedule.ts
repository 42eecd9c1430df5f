/**
 * The schedule grammar of a Systems Manager maintenance window, checked before a deploy: Systems
 * Manager refuses a bad expression only when CreateMaintenanceWindow runs, halfway through an `up`.
 *
 * Source: AWS Systems Manager User Guide, "Reference: Cron and rate expressions for Systems
 * Manager" (userguide/reference-cron-and-rate-expressions.html): "Cron expressions for maintenance
 * windows have six required fields" (associations have five, so a State Manager expression does not
 * fit here), with the fields, values and wildcards of the cron reference it shares with EventBridge
 * (eventbridge/latest/userguide/eb-scheduled-rule-pattern.html): Minutes 0-59 `, - * /`, Hours 0-23
 * `, - * /`, Day-of-month 1-31 `, - * ? / L W`, Month 1-12 or JAN-DEC `, - * /`, Day-of-week 1-7 or
 * SUN-SAT `, - * ? L #`, Year 1970-2199 `, - * /`; "You can't specify the Day-of-month and
 * Day-of-week fields in the same cron expression. If you specify a value or a * in one of the
 * fields, you must use a ? in the other." Rate expressions of maintenance windows count hours or
 * days (`rate(2 hours)`, `rate(7 days)`); an `at(...)` expression runs once, which a patch window
 * that must recur is not.
 */

interface CronField {
    readonly name: string;
    readonly min: number;
    readonly max: number;
    /** Names that stand for 1, 2, ... (JAN-DEC, SUN-SAT). */
    readonly names?: readonly string[];
    /** Whether `?` (no specific value) is allowed. */
    readonly any?: boolean;
    /** Whether `/` (increments) is allowed. */
    readonly step: boolean;
    /** The field's own forms beyond values, ranges and lists (`L`, `W`, `#`). */
    readonly special?: RegExp;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: readonly CronField[] = [
    { name: "Minutes", min: 0, max: 59, step: true },
    { name: "Hours", min: 0, max: 23, step: true },
    // L: the month's last day; LW: its last weekday; 15W: the weekday nearest the 15th.
    { name: "Day-of-month", min: 1, max: 31, any: true, step: true, special: /^(L|LW|([1-9]|[12]\d|3[01])W)$/ },
    { name: "Month", min: 1, max: 12, names: MONTHS, step: true },
    // 6L: the month's last Friday; 3#2: its second Tuesday.
    {
        name: "Day-of-week",
        min: 1,
        max: 7,
        names: DAYS,
        any: true,
        step: false,
        special: /^(L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/,
    },
    { name: "Year", min: 1970, max: 2199, step: true },
];

/** A value of the field as a number (a name counts from 1), or undefined when it is none. */
function valueOf(field: CronField, text: string): number | undefined {
    const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
    if (named >= 0) return named + 1;
    if (!/^\d{1,4}$/.test(text)) return undefined;
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
}

function itemProblem(field: CronField, item: string): string | undefined {
    const allowed = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""}`;
    if (field.special?.test(item.toUpperCase())) return undefined;
    const [range, step, ...rest] = item.split("/");
    if (rest.length > 0) return `${field.name} "${item}" has more than one '/'`;
    if (step !== undefined) {
        if (!field.step) return `${field.name} does not take '/' increments`;
        if (!/^\d{1,4}$/.test(step) || Number(step) < 1)
            return `${field.name} "${item}": the increment after '/' must be a whole number of 1 or more`;
    }
    if (range === "*") return undefined;
    const bounds = range.split("-");
    if (bounds.length > 2 || bounds.some((b) => valueOf(field, b) === undefined))
        return `${field.name} "${item}" is not a value, range or increment of ${allowed}`;
    return undefined;
}

function cronProblems(body: string): string[] {
    const fields = body.trim().split(/\s+/);
    if (fields.length !== FIELDS.length) {
        return [
            `cron(...) of a maintenance window takes 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), not ${fields.length}: e.g. cron(0 3 ? * SUN *)`,
        ];
    }
    const problems: string[] = [];
    FIELDS.forEach((field, i) => {
        const text = fields[i];
        if (text === "?") {
            if (!field.any) problems.push(`${field.name} does not take '?' (only Day-of-month and Day-of-week do)`);
            return;
        }
        for (const item of text.split(",")) {
            const problem = itemProblem(field, item);
            if (problem !== undefined) problems.push(problem);
        }
    });
    const [dom, dow] = [fields[2], fields[4]];
    if ((dom === "?") === (dow === "?")) problems.push(`exactly one of Day-of-month (${dom}) and Day-of-week (${dow}) must be '?'`);
    return problems;
}

function rateProblems(body: string): string[] {
    const match = /^(\d{1,4}) (hour|hours|day|days)$/.exec(body.trim());
    if (match === null || Number(match[1]) < 1) {
        return [`rate(...) of a maintenance window takes a whole number of hours or days, e.g. rate(7 days): not rate(${body})`];
    }
    return [];
}

/** What is wrong with a maintenance window schedule, in words; empty when Systems Manager accepts it. */
export function maintenanceWindowScheduleProblems(expression: string): string[] {
    const match = /^(cron|rate|at)\((.*)\)$/.exec(expression);
    if (match === null) {
        const hint = /^[\d*?/,\-A-Za-z#]+( [\d*?/,\-A-Za-z#]+){4,5}$/.test(expression.trim())
            ? " (a crontab line must be wrapped and given a Year field)"
            : "";
        return [
            `must be a Systems Manager cron(...) with 6 fields or rate(...) expression${hint}, e.g. cron(0 3 ? * SUN *) or rate(7 days)`,
        ];
    }
    const [, kind, body] = match;
    if (kind === "at") return ["must recur: at(...) runs the window once; use cron(...) or rate(...)"];
    return kind === "cron" ? cronProblems(body) : rateProblems(body);
}
