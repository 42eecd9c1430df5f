/** A value for a cell of a generated Markdown table: pipes escaped, one line. */
export const tableCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
