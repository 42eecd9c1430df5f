/**
 * How the project runs TypeScript, through public APIs only (issue 29): no file replaces a private
 * part of node's module loader, jest's runtime or Pulumi; jest runs on its documented configuration
 * with ts-jest; the npm scripts run the JavaScript tooling/build.cjs writes (through tooling/run.cjs); and what the README says
 * about the toolchain (Pulumi type-checks the program, the supported node versions) holds.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const packageJson = JSON.parse(read("package.json")) as { engines?: { node?: string }; scripts: Record<string, string> };

/** Every source file of the folders, relative to the project root. */
function sources(dirs: readonly string[]): string[] {
    return dirs.flatMap((dir) =>
        readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
            .filter((file) => /\.(ts|js|cjs|mjs)$/.test(file))
            .map((file) => path.join(dir, file)),
    );
}

/**
 * Writes to private internals: what each replaces, and an example of it (in two pieces, so that
 * this file's text holds no such write).
 */
const PRIVATE_PATCHES: readonly { pattern: RegExp; what: string; example: [string, string] }[] = [
    { pattern: /\bModule\._load\s*=(?!=)/, what: "node's private Module._load", example: ["Module", "._load = load"] },
    {
        pattern: /\bprototype\._compile\s*=(?!=)/,
        what: "node's private Module.prototype._compile",
        example: ["Module.prototype", "._compile = compile"],
    },
    {
        pattern: /\b_resolveFilename\s*=(?!=)/,
        what: "node's private Module._resolveFilename",
        example: ["Module._resolve", "Filename = resolve"],
    },
    {
        pattern: /\b_resolveLookupPaths\s*=(?!=)/,
        what: "node's private Module._resolveLookupPaths",
        example: ["Module._resolve", "LookupPaths = paths"],
    },
    { pattern: /\bexecutor\.compile\b/, what: "jest-runtime's private executor", example: ["this.executor", ".compile = compile"] },
    {
        pattern: /\bResource\.stackTrace\b/,
        what: "Pulumi's private Resource statics",
        example: ["pulumi.Resource", ".stackTrace = () => []"],
    },
    {
        pattern: /\bdebuggablePromise\s*=(?!=)/,
        what: "Pulumi's private promise tracker",
        example: ["debuggable.debuggable", "Promise = (p) => p"],
    },
    { pattern: /\bError\.stackTraceLimit\s*=(?!=)/, what: "the frames every error shows", example: ["Error.stack", "TraceLimit = 0"] },
];

describe("the toolchain uses public APIs only", () => {
    const files = sources(["bin", "lib", "policy", "scripts", "test", "tooling"]).concat([
        "jest.config.js",
        "jest.e2e.config.js",
        "jest.integration.config.js",
    ]);

    it("has no file that patches node's module loader, jest's runtime or Pulumi's internals", () => {
        expect(files.length).toBeGreaterThan(100);
        const found = files.flatMap((file) => {
            const text = read(file);
            return PRIVATE_PATCHES.filter(({ pattern }) => pattern.test(text)).map(({ what }) => `${file}: ${what}`);
        });
        expect(found).toEqual([]);
    });

    it("would catch each such patch (the check can fail)", () => {
        for (const { pattern, what, example } of PRIVATE_PATCHES) expect([what, pattern.test(example.join(""))]).toEqual([what, true]);
    });

    it("runs jest on its documented configuration: ts-jest as the transform, jest's own runtime", () => {
        for (const config of ["jest.config.js", "jest.e2e.config.js", "jest.integration.config.js"]) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const loaded = require(path.join(root, config)) as {
                transform?: Record<string, [string, object]>;
                runtime?: string;
                setupFiles?: string[];
            };
            expect([config, loaded.runtime]).toEqual([config, undefined]);
            expect([config, Object.values(loaded.transform ?? {}).map(([transformer]) => transformer)]).toEqual([config, ["ts-jest"]]);
        }
    });

    it("runs each npm script's TypeScript one way: tooling/run.cjs builds what changed (tooling/build.cjs), then runs dist/scripts/<name>.js", () => {
        // Every script that runs one of scripts/*.ts, whatever its name: a new one with another loader (tsx, ts-node) fails here.
        const scripts = Object.keys(packageJson.scripts).filter((name) => /scripts\/|run\.cjs/.test(packageJson.scripts[name]));
        expect(scripts.length).toBeGreaterThanOrEqual(8);
        for (const name of scripts) {
            const command = packageJson.scripts[name];
            expect([name, command]).toEqual([name, expect.stringMatching(/^node tooling\/run\.cjs [a-z-]+$/)]);
            expect([name, read(`scripts/${command.split(" ").pop()}.ts`).length]).toEqual([name, expect.any(Number)]);
        }
        // No `pre` script builds a second time (in a second node process).
        expect(
            Object.keys(packageJson.scripts).filter((name) => name.startsWith("pre") && /build\.cjs/.test(packageJson.scripts[name])),
        ).toEqual([]);
    });
});

describe("tooling/build.cjs builds again exactly what changed", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ensureBuilt } = require("../tooling/build.cjs") as {
        ensureBuilt: (options: { root: string; clean?: boolean }) => Promise<number>;
    };

    it("builds a changed source, a source whose output was touched, everything when tsconfig.json changes; removes a deleted source's output", async () => {
        const project = mkdtempSync(path.join(tmpdir(), "tap-build-"));
        const write = (file: string, text: string) => {
            mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
            writeFileSync(path.join(project, file), text);
        };
        const built = (file: string) => readFileSync(path.join(project, "dist", file), "utf8");
        try {
            for (const dir of ["bin", "policy", "scripts", "tooling"]) mkdirSync(path.join(project, dir));
            write("package.json", "{}");
            write("tsconfig.json", "{}");
            write("lib/a.ts", "export const a: number = 1;\n");
            write("lib/b.ts", "export const b: string = 'b';\n");
            write("lib/table.json", '{"x": 1}\n');
            write("test/a.spec.ts", "it('runs under jest, not from dist/', () => undefined);\n");
            const root = project;
            expect(await ensureBuilt({ root })).toBe(3);
            expect(built("lib/a.js")).toMatch(/a = 1/);
            expect(existsSync(path.join(project, "dist/test/a.spec.js"))).toBe(false);
            expect(await ensureBuilt({ root })).toBe(0);
            write("lib/a.ts", "export const a: number = 2;\n");
            expect(await ensureBuilt({ root })).toBe(1);
            expect(built("lib/a.js")).toMatch(/a = 2/);
            writeFileSync(path.join(project, "dist/lib/b.js"), "// edited by hand\n");
            expect(await ensureBuilt({ root })).toBe(1);
            expect(built("lib/b.js")).toMatch(/b = "b"/);
            rmSync(path.join(project, "lib/b.ts"));
            expect(await ensureBuilt({ root })).toBe(0);
            expect(existsSync(path.join(project, "dist/lib/b.js"))).toBe(false);
            write("tsconfig.json", '{"compilerOptions": {"useDefineForClassFields": false}}');
            expect(await ensureBuilt({ root })).toBe(2);
            expect(await ensureBuilt({ root, clean: true })).toBe(2);
        } finally {
            rmSync(project, { recursive: true, force: true });
        }
    });
});

describe("npm run lint: one format, no import loop", () => {
    const lint = packageJson.scripts.lint;

    it("checks the format of every file prettier formats (.prettierrc.json), not only eslint's rules", () => {
        expect(lint).toMatch(/(^|&& )eslint \.( |$)/);
        expect(lint).toMatch(/&& prettier --check \.( |$)/);
        const config = JSON.parse(read(".prettierrc.json")) as { printWidth?: number; tabWidth?: number };
        expect(config).toMatchObject({ printWidth: expect.any(Number), tabWidth: 4 });
    });

    it("fails on an import loop in any source folder, type-only imports included (dpdm without --transform)", async () => {
        const dpdm = lint.split("&& ").find((step) => step.startsWith("dpdm "))!;
        expect(dpdm).toContain("--exit-code circular:1");
        expect(dpdm).not.toMatch(/\s(-T|--transform)\b/);
        for (const dir of ["bin", "lib", "policy", "scripts", "tooling", "test"]) expect([dir, dpdm.includes(dir)]).toEqual([dir, true]);
        // The lint's own command, on two files that know each other only by type: a loop, exit code 1.
        const dir = mkdtempSync(path.join(tmpdir(), "tap-cycle-"));
        try {
            writeFileSync(path.join(dir, "a.ts"), 'import type { B } from "./b";\nexport interface A { b?: B }\n');
            writeFileSync(path.join(dir, "b.ts"), 'import type { A } from "./a";\nexport interface B { a?: A }\n');
            const args = dpdm.split(" ").slice(1, -1); // its options, without the project's glob
            const pkg = require.resolve("dpdm/package.json");
            const bin = path.join(path.dirname(pkg), (JSON.parse(readFileSync(pkg, "utf8")) as { bin: { dpdm: string } }).bin.dpdm);
            const run = spawnSync(process.execPath, [bin, ...args, "*.ts"], { cwd: dir, encoding: "utf8" });
            expect(run.stdout).toMatch(/a\.ts -> b\.ts|b\.ts -> a\.ts/);
            expect(run.status).toBe(1);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("what the README says about the toolchain", () => {
    const readme = read("README.md");

    it("Pulumi type-checks bin/tap.ts: nothing in tsconfig.json tells its ts-node to only transpile", () => {
        // @pulumi/pulumi (cmd/run/run.js) registers ts-node with `transpileOnly` from PULUMI_NODEJS_TRANSPILE_ONLY,
        // else from compilerOptions.noCheck; ts-node also reads a "ts-node" section of tsconfig.json.
        const tsconfig = JSON.parse(read("tsconfig.json")) as {
            compilerOptions?: { noCheck?: boolean };
            "ts-node"?: { transpileOnly?: boolean; swc?: boolean };
        };
        expect(tsconfig.compilerOptions?.noCheck).toBeUndefined();
        expect(tsconfig["ts-node"]?.transpileOnly).toBeUndefined();
        expect(tsconfig["ts-node"]?.swc).toBeUndefined();
        expect(readme).toMatch(/Pulumi runs `bin\/tap\.ts` through ts-node, type-checking it first/);
    });

    it("declares the node versions Pulumi supports (engines), and runs on one of them", () => {
        // @pulumi/pulumi's own engines: the project cannot promise less than its SDK does.
        const pulumiEngines = (JSON.parse(read("node_modules/@pulumi/pulumi/package.json")) as { engines?: { node?: string } }).engines
            ?.node;
        expect(packageJson.engines?.node).toBe(pulumiEngines);
        expect(readme).toContain(`\`engines\`: node ${packageJson.engines?.node}`);
        const least = Number(/^>=(\d+)$/.exec(packageJson.engines?.node ?? "")?.[1]);
        expect(least).toBeGreaterThanOrEqual(22);
        // The tests run on a node engines allows: npm scripts and npx take node_modules/.bin/node first.
        expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(least);
    });

    it("pins the tested node for every platform package it installs, at one version engines allows", () => {
        const optional = (JSON.parse(read("package.json")) as { optionalDependencies?: Record<string, string> }).optionalDependencies ?? {};
        const nodes = Object.entries(optional).filter(([name]) => /^node-[a-z]+-[a-z0-9]+$/.test(name));
        expect(nodes.length).toBeGreaterThan(0);
        const versions = new Set(nodes.map(([, version]) => version));
        expect([...versions]).toHaveLength(1);
        const [version] = [...versions];
        expect(version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(readme).toContain(`node **${version}**`);
        // Where npm installed one (Linux), it is the node the tests run on.
        const installed = nodes.find(([name]) => name === `node-${process.platform}-${process.arch}`);
        if (installed) expect(process.versions.node).toBe(version);
    });
});
