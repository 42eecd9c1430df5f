/**
 * The program: validate raw Pulumi config (before any resource is registered), build the one
 * TapStack, return its outputs. bin/tap.ts runs it under Pulumi; the plan, tests and bench on mocks.
 * The one module where the configuration meets the components.
 */
import { parseTapConfig, TapConfigError } from "./config";
import { placeholderProblems } from "./config/placeholders";
import { TapStack, TapStackOutputs } from "./tap-stack";

export interface ProgramOptions {
    /**
     * What to do with the placeholders an example stack file carries (lib/config/placeholders.ts):
     * `accept` them (offline plans and tests), or `refuse` the stack, naming each (a real deployment).
     * @default "accept"
     */
    readonly placeholders?: "accept" | "refuse";
}

export function tapProgram(raw: Readonly<Record<string, string>>, stackName: string, options: ProgramOptions = {}): TapStackOutputs {
    const settings = parseTapConfig(raw, stackName);
    const placeholders = options.placeholders === "refuse" ? placeholderProblems(settings) : [];
    if (placeholders.length > 0) {
        throw new TapConfigError([
            ...placeholders,
            "these are the example's placeholders (they plan offline, they cannot deploy): replace each in the stack file",
        ]);
    }
    return new TapStack(`tap-${settings.environmentSuffix}`, { settings }).outputs;
}
