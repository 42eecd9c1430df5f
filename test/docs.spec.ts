/** The generated reference pages are what the code says today. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { GENERATED_DOCS } from "../tooling/docs/generated";
import { CONFIG_KEYS } from "../lib/config";

describe("generated docs", () => {
    it.each(GENERATED_DOCS.map((d) => [d.file, d] as const))("%s is up to date (run `npm run docs`)", (_file, doc) => {
        expect(readFileSync(path.resolve(__dirname, "..", doc.file), "utf8")).toBe(doc.render());
    });

    it("docs/configuration.md documents every declared key", () => {
        const text = readFileSync(path.resolve(__dirname, "..", "docs/configuration.md"), "utf8");
        const keys = Object.keys(CONFIG_KEYS);
        expect(keys.length).toBeGreaterThan(30);
        for (const key of keys) expect(text).toContain(`:${key}\` |`);
    });
});
