/**
 * How `npm run plan` starts (tooling/plan/ts-loader.cjs): its caches never serve a stale source,
 * stack traces point into the .ts sources, and what it loads of Pulumi only on first use stands
 * in for the real modules. Each case runs node as package.json's plan script does.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { nodeArgsOf } from "./npm-scripts";

const root = path.resolve(__dirname, "..");
/** package.json's plan script without its script: `node --require ./tooling/plan/ts-loader.cjs`. */
const LOADER = nodeArgsOf("plan").slice(0, -1);
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

    it("loads what Pulumi defers (Automation API, closure serializer) on first use, each stand-in as its module", async () => {
        // The stand-ins Pulumi's modules receive, caught as node hands them over, then read the way
        // those modules read them (TypeScript's __importStar / __importDefault, plain property reads).
        const { stdout } = await node(`
            const Module = require("module");
            const load = Module._load;
            const standIns = {};
            Module._load = function (request, parent) {
                const exported = load.apply(this, arguments);
                if (parent && parent.filename.includes("@pulumi/pulumi")) standIns[request] ??= exported;
                return exported;
            };
            const pulumi = require("@pulumi/pulumi");
            const loadedAtStart = ["typescript", "@npmcli/arborist", "normalize-package-data", "execa"]
                .filter((m) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + m + "/")));
            const importStar = (m) => (m && m.__esModule ? m : { ...m, default: m });
            const importDefault = (m) => (m && m.__esModule ? m : { default: m });
            const automation = require("@pulumi/pulumi/automation");
            console.log(JSON.stringify({
                loadedAtStart,
                automation: pulumi.automation.LocalWorkspace === automation.LocalWorkspace && Object.keys(pulumi.automation).join() === Object.keys(automation).join(),
                arborist: importStar(standIns["@npmcli/arborist"]).Arborist === require("@npmcli/arborist").Arborist,
                normalizePackageData: importDefault(standIns["normalize-package-data"]).default === require("normalize-package-data"),
                typescript: standIns["../../typescript-shim"].createSourceFile === require("typescript").createSourceFile,
            }));`);
        expect(JSON.parse(stdout)).toEqual({ loadedAtStart: [], automation: true, arborist: true, normalizePackageData: true, typescript: true });
    });
});
