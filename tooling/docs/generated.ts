/** The reference pages generated from code: the file, and what writes it. */
import { renderChecksDocs } from "./checks-docs";
import { renderConfigDocs } from "./config-docs";
import { renderMutantsDocs } from "./mutants-docs";
import { renderVerifyDocs } from "./verify-docs";

export interface GeneratedDoc {
    /** Path from the project root. */
    readonly file: string;
    readonly render: () => string;
}

export const GENERATED_DOCS: readonly GeneratedDoc[] = [
    { file: "docs/configuration.md", render: renderConfigDocs },
    { file: "docs/checks.md", render: renderChecksDocs },
    { file: "docs/verify-permissions.md", render: renderVerifyDocs },
    /** Only the section between its markers: the mutants per control area. */
    { file: "docs/mutants.md", render: renderMutantsDocs },
];
