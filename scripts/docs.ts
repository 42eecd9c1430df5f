/** npm run docs: rewrites the generated reference pages under docs/ (a test fails while one is stale). */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { GENERATED_DOCS } from "../tooling/docs/generated";

for (const doc of GENERATED_DOCS) {
    writeFileSync(path.resolve(__dirname, "..", doc.file), doc.render());
    console.log(`wrote ${doc.file}`);
}
