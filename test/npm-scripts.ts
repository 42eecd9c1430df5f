/**
 * package.json's scripts as the tests run them: the node command an `npm run <name>` starts, without npm
 * itself (`node tooling/run.cjs <script>`: dist/ brought up to date, which jest's globalSetup already did, then the script).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");

/** The arguments to give `process.execPath` for `npm run <name>` (its command without the leading `node`). */
export function nodeArgsOf(name: string): string[] {
    const command = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts[
        name
    ];
    const [node, ...args] = command?.split(" ") ?? [];
    if (node !== "node") throw new Error(`package.json's ${name} script does not start with node: ${command}`);
    return args;
}
