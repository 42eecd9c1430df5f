/** Reads a Pulumi project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the CLI would hand them to the program. */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/**
 * The project's root directory: the nearest one up from here with a Pulumi.yaml. Found, not counted
 * up from `__dirname`: the npm scripts run this module compiled, from dist/tooling/plan/.
 */
export const PROJECT_DIR = projectRoot(__dirname);

function projectRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml in ${from} or any directory above it`);
    }
}

/**
 * Where a TypeScript source of the project runs from: itself where TypeScript loads as such (jest,
 * Pulumi's ts-node), else its compiled JavaScript under dist/ (tooling/build.cjs, which tooling/run.cjs
 * calls before every npm script that runs TypeScript).
 */
export function runnable(source: string, projectDir = PROJECT_DIR): string {
    if (__filename.endsWith(".ts") || !source.endsWith(".ts")) return source;
    return path.join(projectDir, "dist", path.relative(projectDir, source)).replace(/\.ts$/, ".js");
}

export interface StackFiles {
    readonly project: string;
    /** Absolute path of the program's entry point (`main`). */
    readonly main: string;
    /** Raw config, `namespace:key` to the string the Pulumi CLI passes to the program. */
    readonly config: Record<string, string>;
}

/** Pulumi hands every config value to the program as a string; objects and lists as JSON. */
function configString(value: unknown): string {
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

export function readStackFiles(projectDir: string, stack: string): StackFiles {
    const project = parse(readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!existsSync(stackFile)) {
        throw new Error(`no stack file ${path.basename(stackFile)} in ${projectDir}: create it, or pick a stack that has one`);
    }
    const stackYaml = (parse(readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(stackYaml.config ?? {})) {
        if (typeof value === "object" && value !== null && "secure" in value) {
            throw new Error(`${key} is a secret: the offline plan cannot decrypt it; leave secrets out of stacks planned offline`);
        }
        // A key without a namespace belongs to the project, as the CLI reads it.
        config[key.includes(":") ? key : `${project.name}:${key}`] = configString(value);
    }
    return { project: project.name, main: path.resolve(projectDir, project.main ?? "index.ts"), config };
}
