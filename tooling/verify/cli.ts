/**
 * `npm run verify -- [--stack dev] [--role-arn ARN] [--junit FILE] [--sarif FILE]`: every check against the
 * deployed stack, as a table, and optionally as JUnit XML and SARIF for CI.
 * Exit 0: all checks that could run passed. 1: a check failed, or none passed (nothing was
 * verified). 2: verification could not start (no outputs, no region).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { Check } from "./check";
import type { AssumedCredentials, VerifyClients } from "./clients";
import {
    howToProduceOutputs,
    OutputsFileError,
    outputsFilePath,
    parseOutputs,
    readOutputsFile,
    resolveRegion,
    StackOutputs,
} from "./outputs";
import { findingsToJUnit, findingsToSarif } from "../reports/verify";
import { exitCode, renderReport } from "./report";
import { runChecks } from "./runner";

export type StackOutputResult = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly reason: string };

export interface VerifyDeps {
    readonly env: NodeJS.ProcessEnv;
    readonly clientsFor: (region: string, credentials?: AssumedCredentials) => VerifyClients;
    /** STS AssumeRole, for `--role-arn` (the auditor role); the SDK's by default. */
    readonly assumeRole?: (roleArn: string, region: string) => Promise<AssumedCredentials>;
    /** `pulumi stack output --json --stack <stack>`, used when the outputs file is absent. */
    readonly stackOutput: (stack: string) => StackOutputResult;
    readonly print: (text: string) => void;
    readonly printError: (text: string) => void;
    readonly checks?: readonly Check[];
}

/** Runs the Pulumi CLI, if installed, for the stack's outputs. */
export function pulumiStackOutput(stack: string): StackOutputResult {
    const run = spawnSync("pulumi", ["stack", "output", "--json", "--stack", stack], { encoding: "utf8" });
    if (run.error) {
        const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
        return { ok: false, reason: missing ? "the Pulumi CLI is not installed here" : `pulumi could not run: ${run.error.message}` };
    }
    if (run.status !== 0) return { ok: false, reason: `\`pulumi stack output --json --stack ${stack}\` failed: ${run.stderr.trim()}` };
    return { ok: true, json: run.stdout };
}

/*
 * The checks and the SDK clients load once there is a stack to verify: a missing outputs file is
 * reported at once, without loading the AWS SDK.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const allChecks = () => (require("./checks") as typeof import("./checks")).ALL_CHECKS;
const sdk = () => require("./clients") as typeof import("./clients");
/* eslint-enable @typescript-eslint/no-require-imports */

export const defaultDeps: VerifyDeps = {
    env: process.env,
    clientsFor: (region, credentials) => sdk().createClients(region, { credentials }),
    stackOutput: pulumiStackOutput,
    print: (text) => console.log(text),
    printError: (text) => console.error(text),
};

/** The outputs: the file when it exists; else, for `--stack` and the default file, the Pulumi CLI. */
function loadOutputs(stack: string | undefined, deps: VerifyDeps): { outputs: StackOutputs; source: string } {
    const file = outputsFilePath(deps.env);
    if (existsSync(file) || !stack || deps.env.TAP_OUTPUTS_FILE) return { outputs: readOutputsFile(file, stack), source: file };
    const result = deps.stackOutput(stack);
    if (!result.ok) throw new OutputsFileError(`No stack outputs file at ${file}, and ${result.reason}.\n${howToProduceOutputs(file, stack)}`);
    const source = `pulumi stack output --json --stack ${stack}`;
    let json: unknown;
    try {
        json = JSON.parse(result.json);
    } catch {
        throw new OutputsFileError(`\`${source}\` did not print JSON.\n${howToProduceOutputs(file, stack)}`);
    }
    return { outputs: parseOutputs(json, source, stack), source };
}

export async function runVerify(argv: readonly string[], deps: VerifyDeps = defaultDeps): Promise<number> {
    let stack: string | undefined;
    let junit: string | undefined;
    let sarif: string | undefined;
    let roleArn: string | undefined;
    try {
        ({ stack, junit, sarif, "role-arn": roleArn } = parseArgs({
            args: [...argv],
            options: { stack: { type: "string" }, junit: { type: "string" }, sarif: { type: "string" }, "role-arn": { type: "string" } },
            allowPositionals: false,
        }).values);
    } catch (err) {
        deps.printError(`${(err as Error).message}\nusage: npm run verify -- [--stack <stack>] [--role-arn <auditorRoleArn>] [--junit <file.xml>] [--sarif <file.sarif>]`);
        return 2;
    }
    let outputs: StackOutputs;
    let source: string;
    let region: string;
    try {
        ({ outputs, source } = loadOutputs(stack, deps));
        const resolved = resolveRegion(outputs, deps.env);
        region = resolved.region;
        if (resolved.warning) deps.printError(`warning: ${resolved.warning}`);
        deps.print(`Verifying ${stack ? `stack ${stack}` : "the deployed stack"}: outputs from ${source}, region ${region} (from ${resolved.source})\n`);
    } catch (err) {
        if (err instanceof OutputsFileError) {
            deps.printError(err.message);
            return 2;
        }
        throw err;
    }
    let credentials: AssumedCredentials | undefined;
    if (roleArn !== undefined) {
        try {
            credentials = await (deps.assumeRole ?? sdk().assumeRole)(roleArn, region);
        } catch (err) {
            deps.printError(`Could not assume ${roleArn}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n(people need an MFA session first; in CI, the deploy role's credentials: docs/access.md)`);
            return 2;
        }
        deps.print(`Checks run as ${roleArn}\n`);
    }
    const checks = deps.checks ?? allChecks();
    const findings = await runChecks(checks, { clients: deps.clientsFor(region, credentials), outputs });
    deps.print(renderReport(findings));
    const name = stack ?? (outputs.has("environmentSuffix") ? outputs.string("environmentSuffix") : "stack");
    if (junit) deps.print(`Wrote ${writeReport(junit, findingsToJUnit(findings, name))} (JUnit XML)`);
    if (sarif) deps.print(`Wrote ${writeReport(sarif, `${JSON.stringify(findingsToSarif(findings, checks, name), null, 2)}\n`)} (SARIF 2.1.0)`);
    const code = exitCode(findings);
    if (code !== 0 && !findings.some((f) => f.status === "fail")) deps.printError("Nothing was verified: every check was skipped (are these the outputs of a tap stack?).");
    return code;
}

/** Writes a report file, creating its directory; returns the path. */
function writeReport(file: string, text: string): string {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
    return file;
}
