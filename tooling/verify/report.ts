/** The verification report: a table of findings, a summary line, the exit code. */
import { Finding, FindingStatus } from "./check";

const LABEL: Readonly<Record<FindingStatus, string>> = { pass: "PASS", fail: "FAIL", pending: "PENDING", skipped: "SKIP" };

export interface Summary {
    readonly passed: number;
    readonly failed: number;
    readonly pending: number;
    readonly skipped: number;
}

export function summarize(findings: readonly Finding[]): Summary {
    const count = (status: FindingStatus) => findings.filter((f) => f.status === status).length;
    return { passed: count("pass"), failed: count("fail"), pending: count("pending"), skipped: count("skipped") };
}

/** `42 findings: 40 passed, 1 failed, 1 skipped` (and `, 2 pending` when some have not settled). */
export function summaryLine(findings: readonly Finding[]): string {
    const summary = summarize(findings);
    return `${findings.length} findings: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped${summary.pending > 0 ? `, ${summary.pending} pending` : ""}`;
}

/** Exit code when nothing failed but something has not settled: neither green nor a failure (run again with `--wait`). */
export const EXIT_PENDING = 3;

/**
 * 1 when any finding failed, or when none passed nor is pending (everything skipped: nothing was
 * verified); 3 (`EXIT_PENDING`) when nothing failed but something has not settled yet; else 0.
 */
export function exitCode(findings: readonly Finding[]): number {
    const summary = summarize(findings);
    if (summary.failed > 0) return 1;
    if (summary.pending > 0) return EXIT_PENDING;
    return summary.passed === 0 ? 1 : 0;
}

/** The longest settling time of the pending findings, in minutes (0 when none is pending). */
export function longestWait(findings: readonly Finding[]): number {
    return Math.max(0, ...findings.filter((f) => f.status === "pending").map((f) => f.waitMinutes ?? 0));
}

/** An aligned plain-text table: check, control, (region, when the stack spans several,) resource, status, reason. */
export function renderTable(findings: readonly Finding[]): string {
    const regional = new Set(findings.map((f) => f.region).filter(Boolean)).size > 1;
    const header = ["check", "control", ...(regional ? ["region"] : []), "resource", "status", "reason"];
    const rows = findings.map((f) => [f.checkId, f.control, ...(regional ? [f.region ?? "-"] : []), f.resource, LABEL[f.status], f.reason]);
    const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w)).concat("-".repeat(6))), ...rows.map(line)].join("\n");
}

export function renderReport(findings: readonly Finding[]): string {
    return `${renderTable(findings)}\n\n${summaryLine(findings)}`;
}
