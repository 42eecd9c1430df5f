/**
 * The reviewer's sections of `npm run plan`, after the tree and the policy verdict: the monthly cost
 * estimate, the architecture diagram written to a file, and the change from a base plan. Each is a
 * function of the plan, so scripts/plan.ts only calls them in order.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { CostEstimate, estimateCost, PlanLike, renderCost } from "./cost";
import { architectureSvg, DiagramPlan, svgToPng } from "./diagram";
import { DiffPlan, diffPlans, PlanDiff, renderDiff } from "./diff";

/** Prints the cost section; returns the estimate (for `--json`). */
export function costSection(plan: PlanLike, log: (text: string) => void = console.log): CostEstimate {
    const estimate = estimateCost(plan);
    log(`\n${renderCost(estimate)}`);
    return estimate;
}

/** Writes the architecture diagram: SVG, or PNG when the file name ends in .png. */
export async function diagramSection(plan: DiagramPlan, file: string, log: (text: string) => void = console.log): Promise<void> {
    const svg = await architectureSvg(plan);
    if (/\.png$/i.test(file)) writeFileSync(file, await svgToPng(svg));
    else writeFileSync(file, svg);
    log(`\nWrote the architecture diagram to ${file}`);
}

/** Reads a plan JSON written by `npm run plan -- --json`, with a clear error when it is not one. */
export function readPlanJson(file: string): DiffPlan {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<DiffPlan>;
    if (!parsed || typeof parsed.stack !== "string" || !Array.isArray(parsed.resources)) {
        throw new Error(`${file} is not a plan JSON (write one with npm run plan -- --stack X --json ${file})`);
    }
    return parsed as DiffPlan;
}

/** Prints the diff from the base plan; returns it and whether `--fail-on-replace` should fail the run. */
export function diffSection(
    base: DiffPlan,
    plan: DiffPlan,
    log: (text: string) => void = console.log,
): { diff: PlanDiff; destructive: boolean } {
    const diff = diffPlans(base, plan);
    log(`\n${renderDiff(diff)}`);
    const destructive = diff.replaced.length > 0 || diff.statefulLosses.length > 0;
    return { diff, destructive };
}
