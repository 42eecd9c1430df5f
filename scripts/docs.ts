/** npm run docs: rewrites the generated reference pages under docs/ (a test fails while one is stale). */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { GAPS_END, GAPS_START, renderGapsTable } from "../test/e2e/gaps";
import { GENERATED_DOCS } from "../tooling/docs/generated";
import { renderSeedRequirements, SEEDS_END, SEEDS_START } from "../tooling/docs/seed-requirements";
import { planWidest, renderComponentTree, withTreeSection } from "../tooling/docs/component-tree";
import { PROJECT_DIR } from "../tooling/plan/stack-files";

for (const doc of GENERATED_DOCS) {
    writeFileSync(path.join(PROJECT_DIR, doc.file), doc.render());
    console.log(`wrote ${doc.file}`);
}

// The list of moto's gaps inside docs/verification.md (test/e2e/gaps.ts; test/e2e/gaps.spec.ts keeps it equal).
const verification = path.join(PROJECT_DIR, "docs/verification.md");
const text = readFileSync(verification, "utf8");
const start = text.indexOf(GAPS_START);
const end = text.indexOf(GAPS_END);
if (start < 0 || end < start) throw new Error(`docs/verification.md has no ${GAPS_START} ... ${GAPS_END} section`);
writeFileSync(verification, text.slice(0, start) + renderGapsTable() + text.slice(end + GAPS_END.length));
console.log("wrote the moto gaps section of docs/verification.md");

// The component tree inside docs/architecture.md, from the widest plan's parent graph (tooling/docs/component-tree.ts).
void (async () => {
    const architecture = path.join(PROJECT_DIR, "docs/architecture.md");
    const plan = await planWidest();
    writeFileSync(architecture, withTreeSection(readFileSync(architecture, "utf8"), renderComponentTree(plan)));
    console.log("wrote the component tree of docs/architecture.md");
})();

// The seeds' requirements inside docs/design.md (tooling/docs/seed-requirements.ts; test/stack-files/seed-requirements.spec.ts keeps it equal).
const design = path.join(PROJECT_DIR, "docs/design.md");
const designText = readFileSync(design, "utf8");
const seedsStart = designText.indexOf(SEEDS_START.slice(0, "<!-- seed-requirements:start".length));
const seedsEnd = designText.indexOf(SEEDS_END);
if (seedsStart < 0 || seedsEnd < seedsStart) throw new Error(`docs/design.md has no ${SEEDS_START} ... ${SEEDS_END} section`);
writeFileSync(design, designText.slice(0, seedsStart) + renderSeedRequirements() + designText.slice(seedsEnd + SEEDS_END.length));
console.log("wrote the seeds' requirements of docs/design.md");
