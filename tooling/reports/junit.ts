/**
 * JUnit XML, the test report CI systems read (GitLab `artifacts:reports:junit`, Jenkins, GitHub
 * test-report actions): `<testsuites>` of `<testsuite>`s of `<testcase>`s, a failure or a skip
 * inside the case. Pure functions; escaping covers XML's five special characters and drops the
 * control characters XML 1.0 cannot hold.
 */

export type CaseStatus = "pass" | "fail" | "skipped";

export interface JUnitCase {
    /** Shown as the test's name. */
    readonly name: string;
    /** Groups cases (shown as the class); here the check or policy id. */
    readonly classname: string;
    readonly status: CaseStatus;
    /** The failure's or skip's one-line message. */
    readonly message?: string;
    /** Longer text inside the failure element, or the case's output for a pass. */
    readonly details?: string;
    /** `<property name value>` pairs, e.g. the control a case proves. */
    readonly properties?: Readonly<Record<string, string>>;
}

export interface JUnitSuite {
    readonly name: string;
    readonly cases: readonly JUnitCase[];
    readonly properties?: Readonly<Record<string, string>>;
}

/** Text safe in XML content and attribute values. */
export function xmlEscape(text: string): string {
    return text
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;");
}

const attributes = (values: Readonly<Record<string, string | number>>) =>
    Object.entries(values)
        .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
        .join("");

function properties(values: Readonly<Record<string, string>> | undefined, indent: string): string[] {
    const entries = Object.entries(values ?? {});
    if (entries.length === 0) return [];
    return [
        `${indent}<properties>`,
        ...entries.map(([name, value]) => `${indent}  <property${attributes({ name, value })}/>`),
        `${indent}</properties>`,
    ];
}

function renderCase(testCase: JUnitCase): string[] {
    const open = `    <testcase${attributes({ name: testCase.name, classname: testCase.classname, time: 0 })}`;
    const body = [...properties(testCase.properties, "      ")];
    if (testCase.status === "fail")
        body.push(
            `      <failure${attributes({ message: testCase.message ?? "failed", type: "failure" })}>${xmlEscape(testCase.details ?? testCase.message ?? "")}</failure>`,
        );
    if (testCase.status === "skipped") body.push(`      <skipped${attributes({ message: testCase.message ?? "skipped" })}/>`);
    if (testCase.status === "pass" && testCase.details) body.push(`      <system-out>${xmlEscape(testCase.details)}</system-out>`);
    return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, "    </testcase>"];
}

/** The whole document. Counts (`tests`, `failures`, `skipped`) are derived from the cases. */
export function renderJUnit(name: string, suites: readonly JUnitSuite[]): string {
    const count = (cases: readonly JUnitCase[], status: CaseStatus) => cases.filter((c) => c.status === status).length;
    const all = suites.flatMap((s) => s.cases);
    const lines = [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites${attributes({ name, tests: all.length, failures: count(all, "fail"), errors: 0, skipped: count(all, "skipped"), time: 0 })}>`,
    ];
    for (const suite of suites) {
        lines.push(
            `  <testsuite${attributes({ name: suite.name, tests: suite.cases.length, failures: count(suite.cases, "fail"), errors: 0, skipped: count(suite.cases, "skipped"), time: 0 })}>`,
        );
        lines.push(...properties(suite.properties, "    "));
        for (const c of suite.cases) lines.push(...renderCase(c));
        lines.push("  </testsuite>");
    }
    lines.push("</testsuites>");
    return `${lines.join("\n")}\n`;
}
