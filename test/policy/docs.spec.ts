/** The list of policies (docs/policies.md) is generated from the pack, and kept up to date. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DOCS_END, DOCS_START, renderPolicyDocs, TAP_POLICIES, withPolicyDocs } from "../../policy/api";

describe("docs/policies.md", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../docs/policies.md"), "utf8");

    it("lists every policy exactly as the pack defines it (run `npm run policy:docs` after changing policy/)", () => {
        expect(withPolicyDocs(readme)).toBe(readme);
    });

    it("has one row per policy with its controls and enforcement, placeholders escaped for Markdown", () => {
        const rows = renderPolicyDocs()
            .split("\n")
            .filter((line) => line.startsWith("| `"));
        expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)![1])).toEqual(TAP_POLICIES.map((p) => p.name));
        expect(rows.find((row) => row.includes("`cloudtrail-multi-region`"))).toMatch(/\| CIS 3\.1 \/ CloudTrail\.1 \| advisory: /);
        expect(renderPolicyDocs()).toContain("arn:aws:s3:::&lt;bucket&gt;/&lt;prefix&gt;");
    });

    it("refuses to write into a README without the markers", () => {
        expect(() => withPolicyDocs("# tap\n")).toThrow(DOCS_START);
        expect(withPolicyDocs(`a\n${DOCS_START}\nstale\n${DOCS_END}\nb`)).toBe(`a\n${DOCS_START}\n${renderPolicyDocs()}\n${DOCS_END}\nb`);
    });
});
