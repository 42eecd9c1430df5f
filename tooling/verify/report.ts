/** The verification report: a table of findings, a summary line, the exit code. */
import { Finding, FindingStatus } from "./check";

const LABEL: Readonly<Record<FindingStatus, string>> = { pass: "PASS", fail: "FAIL", skipped: "SKIP" };

export interface Summary {
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
}

export function summarize(findings: readonly Finding[]): Summary {
    const count = (status: FindingStatus) => findings.filter((f) => f.status === status).length;
    return { passed: count("pass"), failed: count("fail"), skipped: count("skipped") };
}

/** `42 findings: 40 passed, 1 failed, 1 skipped`. */
export function summaryLine(findings: readonly Finding[]): string {
    const s = summarize(findings);
    return `${findings.length} findings: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

/** 1 when any finding failed, or when none passed (everything skipped: nothing was verified); else 0. */
export function exitCode(findings: readonly Finding[]): number {
    const s = summarize(findings);
    return s.failed > 0 || s.passed === 0 ? 1 : 0;
}

/** An aligned plain-text table: check, control, resource, status, reason. */
export function renderTable(findings: readonly Finding[]): string {
    const header = ["check", "control", "resource", "status", "reason"];
    const rows = findings.map((f) => [f.checkId, f.control, f.resource, LABEL[f.status], f.reason]);
    const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c)).join("  ").trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w)).concat("-".repeat(6))), ...rows.map(line)].join("\n");
}

export function renderReport(findings: readonly Finding[]): string {
    return `${renderTable(findings)}\n\n${summaryLine(findings)}`;
}
