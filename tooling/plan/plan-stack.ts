import { Plan, runOnMocks } from "../mock-runtime/harness";
import { PROJECT_DIR, readStackFiles, runnable } from "./stack-files";

/**
 * Plans a stack offline: runs the real program (Pulumi.yaml's `main`) with the stack's
 * `Pulumi.<stack>.yaml` config on the mock runtime. `overrides` replaces or adds config keys.
 */
export async function planStack(stack: string, overrides: Record<string, string> = {}, projectDir = PROJECT_DIR): Promise<Plan> {
    const files = readStackFiles(projectDir, stack);
    const config = { ...files.config, ...overrides };
    // bin/tap.ts accepts an example's placeholders (lib/config/placeholders.ts) in an offline plan only.
    process.env.TAP_OFFLINE_PLAN = "1";
    return runOnMocks(
        () => {
            // The entry point builds the stack when it loads: load it afresh, or a second plan in the same
            // process (the readiness check plans the project's other stack files) would find it cached and plan nothing.
            const main = runnable(files.main, projectDir);
            delete require.cache[require.resolve(main)];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = require(main) as Record<string, unknown>;
            return Object.fromEntries(Object.entries(exported).filter(([key]) => key !== "default" && !key.startsWith("__")));
        },
        { project: files.project, stack, config },
    );
}
