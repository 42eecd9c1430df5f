/**
 * How `npm run plan` starts (tooling/plan/ts-loader.cjs): its caches never serve a stale source,
 * stack traces point into the .ts sources, and the parts of Pulumi it loads on first use work
 * when used. Each case runs node as package.json's plan script does, on a module of its own.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
/** package.json's plan script without its script: `node --require ./tooling/plan/ts-loader.cjs`. */
const LOADER = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.plan.split(" ").slice(1, -1);
/** One fixed place for the modules below, so that their cache entries are overwritten, not added. */
const dir = path.join(root, "node_modules", ".cache", "tap-loader-test");

function node(script: string): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [...LOADER, "-e", script], { cwd: root, encoding: "utf8" }, (err, stdout, stderr) => {
            if (err && !stderr) reject(err);
            else resolve({ stdout, stderr });
        });
    });
}

const loadValue = (file: string) => node(`console.log(require(${JSON.stringify(file)}).value)`);

beforeAll(() => mkdirSync(dir, { recursive: true }));

describe("the plan's TypeScript loader", () => {
    it("runs a changed source as changed, also when its length stays the same (what V8 checks)", async () => {
        const file = path.join(dir, "changed.ts");
        writeFileSync(file, "export const value: number = 1;\n");
        expect((await loadValue(file)).stdout.trim()).toBe("1");
        expect((await loadValue(file)).stdout.trim()).toBe("1"); // from the caches
        writeFileSync(file, "export const value: number = 2;\n");
        expect((await loadValue(file)).stdout.trim()).toBe("2");
    });

    it("reports an error at its line and column in the .ts source", async () => {
        const file = path.join(dir, "throws.ts");
        writeFileSync(file, ["interface Unused { readonly a: string }", "", "export function fail(): never {", "    throw new Error(\"boom\");", "}", ""].join("\n"));
        const { stdout } = await node(`try { require(${JSON.stringify(file)}).fail(); } catch (e) { console.log(e.stack); }`);
        expect(stdout).toContain("Error: boom");
        expect(stdout).toContain(`fail (${file}:4:11)`);
    });

    it("loads what Pulumi defers (Automation API, closure serializer) on first use, and it works", async () => {
        const { stdout, stderr } = await node(`
            const pulumi = require("@pulumi/pulumi");
            const deferred = ["typescript", "@npmcli/arborist", "execa"].filter((m) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + m + "/")));
            const automation = require("@pulumi/pulumi/automation");
            pulumi.runtime.serializeFunction(() => 6 * 7).then(async (f) => {
                const codePaths = await pulumi.runtime.computeCodePaths({ extraIncludePackages: ["zod"] });
                console.log(JSON.stringify({
                    loadedAtStart: deferred,
                    automation: pulumi.automation.LocalWorkspace === automation.LocalWorkspace && Object.keys(pulumi.automation).join() === Object.keys(automation).join(),
                    serialized: f.text.includes("6 * 7"),
                    codePaths: [...codePaths.keys()].includes("node_modules/zod"),
                }));
            });`);
        expect([JSON.parse(stdout), stderr.replace(/.*(Warning|--trace-).*\n/g, "")]).toEqual([{ loadedAtStart: [], automation: true, serialized: true, codePaths: true }, ""]);
    });
});
