/**
 * The program: validate raw Pulumi config (before any resource is registered), build the one
 * TapStack, return its outputs. bin/tap.ts runs it under Pulumi; the plan, tests and bench on mocks.
 * The one module where the configuration meets the components.
 */
import { parseTapConfig } from "./config";
import { TapStack, TapStackOutputs } from "./tap-stack";

export function tapProgram(raw: Readonly<Record<string, string>>, stackName: string): TapStackOutputs {
    const settings = parseTapConfig(raw, stackName);
    return new TapStack(`tap-${settings.environmentSuffix}`, { settings }).outputs;
}
