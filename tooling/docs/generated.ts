/** The reference pages generated from code: the file, and what writes it. */
import { renderChecksDocs } from "./checks-docs";
import { renderConfigDocs } from "./config-docs";

export interface GeneratedDoc {
    /** Path from the project root. */
    readonly file: string;
    readonly render: () => string;
}

export const GENERATED_DOCS: readonly GeneratedDoc[] = [
    { file: "docs/configuration.md", render: renderConfigDocs },
    { file: "docs/checks.md", render: renderChecksDocs },
];
