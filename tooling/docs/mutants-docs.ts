/**
 * The mutant list of docs/mutants.md, per control area (tooling/mutants/areas.ts, mutants.ts): the
 * section between the markers is generated; the prose and the measured figures around it are not.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CONTROL_AREAS, AreaName } from "../mutants/areas";
import { Mutant, MUTANTS } from "../mutants/mutants";
import { REMOVED } from "../mutants/transform";
import { PROJECT_DIR } from "../plan/stack-files";
import { tableCell } from "./markdown";

export const MUTANTS_START = "<!-- generated: mutants per control area (npm run docs) -->";
export const MUTANTS_END = "<!-- end of generated mutants -->";
const FILE = path.join(PROJECT_DIR, "docs/mutants.md");

/** How a weakening reads in the table: the value written, "removed", or what the function does. */
export function weakenedValue(m: Mutant): string {
    if (m.to === REMOVED) return "removed";
    if (typeof m.to === "function") return m.change ?? "edited";
    return `\`${JSON.stringify(m.to)}\``;
}

/** The generated section: one table per control area, its specs, its mutants. */
export function renderMutantsSection(mutants: readonly Mutant[] = MUTANTS): string {
    const lines = [MUTANTS_START, "", `${mutants.length} mutants in ${Object.keys(CONTROL_AREAS).length} control areas.`, ""];
    for (const [area, info] of Object.entries(CONTROL_AREAS) as [AreaName, (typeof CONTROL_AREAS)[AreaName]][]) {
        const own = mutants.filter((m) => m.area === area);
        lines.push(`### ${info.title} (\`${area}\`, ${own.length})`, "", `Tests: ${info.specs.map((s) => `\`${s}\``).join(", ")}`, "");
        lines.push("| mutant | property weakened | resource | property | weakened to | plan |", "|---|---|---|---|---|---|");
        for (const m of own) {
            const resource = `\`${m.type}\`${m.name ? ` named like \`${m.name.source}\`` : ""}`;
            lines.push(`| \`${m.id}\` | ${tableCell(m.property)} | ${tableCell(resource)} | ${m.path ? `\`${m.path}\`` : "(several)"} | ${tableCell(weakenedValue(m))} | ${m.plan ?? "prod"} |`);
        }
        lines.push("");
    }
    lines.push(MUTANTS_END);
    return lines.join("\n");
}

/** docs/mutants.md with its generated section as the code says today. */
export function renderMutantsDocs(): string {
    const text = readFileSync(FILE, "utf8");
    const start = text.indexOf(MUTANTS_START);
    const end = text.indexOf(MUTANTS_END);
    if (start < 0 || end < start) throw new Error(`docs/mutants.md has no ${MUTANTS_START} ... ${MUTANTS_END} section`);
    return text.slice(0, start) + renderMutantsSection() + text.slice(end + MUTANTS_END.length);
}
