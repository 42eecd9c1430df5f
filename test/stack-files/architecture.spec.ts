/** docs/architecture.md's component tree is the plan's parent graph today, and covers every component the program defines. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
    componentFiles,
    componentTypeTree,
    renderComponentTree,
    TREE_END,
    TREE_START,
    WIDEST_PLAN,
} from "../../tooling/docs/component-tree";
import { PROJECT_DIR } from "../../tooling/plan/stack-files";
import { planTap } from "../support";

const architecture = () => readFileSync(path.join(PROJECT_DIR, "docs/architecture.md"), "utf8");

describe("docs/architecture.md's component tree", () => {
    // The widest plan as `npm run docs` makes it (planWidest), shared through the run's plan cache.
    const plan = planTap(WIDEST_PLAN.config, WIDEST_PLAN.stack);

    it("is the widest plan's parent graph as it is today (run `npm run docs`)", async () => {
        const text = architecture();
        expect(text.slice(text.indexOf(TREE_START), text.indexOf(TREE_END) + TREE_END.length)).toBe(renderComponentTree(await plan));
    });

    it('holds every component type the program defines (lib/**: super("tap:...")), so a new one cannot be left out of the widest plan', async () => {
        const planned = new Set<string>();
        const collect = (nodes: ReturnType<typeof componentTypeTree>) =>
            nodes.forEach((n) => {
                planned.add(n.type);
                collect([...n.children.values()]);
            });
        collect(componentTypeTree(await plan));
        const declared = [...componentFiles().keys()];
        expect(declared.length).toBeGreaterThan(20);
        expect(declared.filter((t) => !planned.has(t))).toEqual([]);
    });
});
