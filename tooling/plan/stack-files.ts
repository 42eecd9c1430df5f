/** Reads a Pulumi project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the CLI would hand them to the program. */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The project's root directory (where Pulumi.yaml is). */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

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
