/**
 * `npm run verify -- [--stack dev] [--role-arn ARN] [--wait MINUTES] [--region-from-env] [--junit FILE] [--sarif FILE]`:
 * every check against the deployed stack, in each of its regions, as a table, and optionally as
 * JUnit XML and SARIF for CI.
 * Exit 0: all checks that could run passed. 1: a check failed, or none passed (nothing was
 * verified). 2: verification could not start (no outputs, no region). 3: nothing failed, but
 * something has not settled since the deploy (run again with `--wait`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { Check, CheckContext, Finding, isRegionalCheck, missingRequirement } from "./check";
import type { AssumedCredentials, VerifyClients } from "./clients";
import {
    howToProduceOutputs,
    OutputsFileError,
    outputsFilePath,
    OutputValueError,
    parseOutputs,
    readOutputsFile,
    resolveRegion,
    StackOutputs,
} from "./outputs";
import { findingsToJUnit, findingsToSarif } from "../reports/verify";
import { EXIT_PENDING, exitCode, longestWait, renderReport } from "./report";
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
    /** `--wait`'s clock and pause; tests pass a fake pair. @default Date.now and setTimeout */
    readonly now?: () => number;
    readonly sleep?: (ms: number) => Promise<void>;
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
    if (!result.ok)
        throw new OutputsFileError(`No stack outputs file at ${file}, and ${result.reason}.\n${howToProduceOutputs(file, stack)}`);
    const source = `pulumi stack output --json --stack ${stack}`;
    let json: unknown;
    try {
        json = JSON.parse(result.json);
    } catch {
        throw new OutputsFileError(`\`${source}\` did not print JSON.\n${howToProduceOutputs(file, stack)}`);
    }
    return { outputs: parseOutputs(json, source, stack), source };
}

const USAGE =
    "usage: npm run verify -- [--stack <stack>] [--role-arn <auditorRoleArn>] [--wait <minutes>] [--region-from-env] [--junit <file.xml>] [--sarif <file.sarif>]";

/** Seconds between two rounds of `--wait`: settling is measured in minutes, one read a minute is plenty. */
export const WAIT_POLL_SECONDS = 60;

/** One region's part of a run: its own outputs, clients and checks. */
interface RegionRun {
    readonly region: string;
    readonly context: CheckContext;
    readonly checks: readonly Check[];
}

/** Runs `checks` in one region; every finding says which region it was found in. */
async function runInRegion(run: RegionRun, checks: readonly Check[]): Promise<Finding[]> {
    return (await runChecks(checks, run.context)).map((f) => ({ ...f, region: run.region }));
}

export async function runVerify(argv: readonly string[], deps: VerifyDeps = defaultDeps): Promise<number> {
    let stack: string | undefined;
    let junit: string | undefined;
    let sarif: string | undefined;
    let roleArn: string | undefined;
    let waitMinutes = 0;
    let regionFromEnv = false;
    try {
        const values = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                junit: { type: "string" },
                sarif: { type: "string" },
                "role-arn": { type: "string" },
                wait: { type: "string" },
                "region-from-env": { type: "boolean" },
            },
            allowPositionals: false,
        }).values;
        ({ stack, junit, sarif, "role-arn": roleArn } = values);
        regionFromEnv = values["region-from-env"] === true;
        if (values.wait !== undefined) {
            waitMinutes = Number(values.wait);
            if (!/^\d+$/.test(values.wait.trim()) || waitMinutes < 1 || waitMinutes > 1440) {
                throw new Error(`--wait ${JSON.stringify(values.wait)}: a whole number of minutes from 1 to 1440`);
            }
        }
    } catch (err) {
        deps.printError(`${(err as Error).message}\n${USAGE}`);
        return 2;
    }
    let outputs: StackOutputs;
    let source: string;
    let region: string;
    try {
        ({ outputs, source } = loadOutputs(stack, deps));
        const resolved = resolveRegion(outputs, deps.env, { fromEnv: regionFromEnv });
        region = resolved.region;
        if (resolved.warning) deps.printError(`warning: ${resolved.warning}`);
        deps.print(
            `Verifying ${stack ? `stack ${stack}` : "the deployed stack"}: outputs from ${source}, region ${region} (from ${resolved.source})\n`,
        );
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
            deps.printError(
                `Could not assume ${roleArn}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n(people need an MFA session first; in CI, the deploy role's credentials: docs/access.md)`,
            );
            return 2;
        }
        deps.print(`Checks run as ${roleArn}\n`);
    }
    const checks = deps.checks ?? allChecks();
    let runs: RegionRun[];
    try {
        runs = regionRuns(outputs, region, checks, (code) => deps.clientsFor(code, credentials), regionFromEnv);
    } catch (err) {
        if (err instanceof OutputValueError) {
            deps.printError(err.message);
            return 2;
        }
        throw err;
    }
    if (runs.length > 1)
        deps.print(`Regions: ${runs.map((r) => r.region).join(", ")} (each judged with its own outputs under \`regions\`)\n`);
    let findings = (await Promise.all(runs.map((run) => runInRegion(run, run.checks)))).flat();
    if (waitMinutes > 0) findings = await settle(findings, runs, waitMinutes, deps);
    deps.print(renderReport(findings));
    const name = stack ?? (outputs.has("environmentSuffix") ? outputs.string("environmentSuffix") : "stack");
    if (junit) deps.print(`Wrote ${writeReport(junit, findingsToJUnit(findings, name))} (JUnit XML)`);
    if (sarif)
        deps.print(`Wrote ${writeReport(sarif, `${JSON.stringify(findingsToSarif(findings, checks, name), null, 2)}\n`)} (SARIF 2.1.0)`);
    const code = exitCode(findings);
    if (code === EXIT_PENDING) {
        deps.printError(
            `Not settled yet: ${findings.filter((f) => f.status === "pending").length} finding(s) still pending${waitMinutes > 0 ? ` after ${waitMinutes} min` : ""}; run again with --wait ${longestWait(findings)}.`,
        );
    } else if (code !== 0 && !findings.some((f) => f.status === "fail")) {
        deps.printError("Nothing was verified: every check was skipped (are these the outputs of a tap stack?).");
    }
    return code;
}

/**
 * The primary region runs every check on the flat outputs; each other region of `regions` runs the
 * regional checks its own outputs allow (stack-wide ones, such as the bucket checks that already
 * judge every region's buckets in their own region, run once). With `--region-from-env` pointing
 * elsewhere, only that region is checked, with the flat outputs, as asked.
 */
function regionRuns(
    outputs: StackOutputs,
    region: string,
    checks: readonly Check[],
    clientsFor: (code: string) => VerifyClients,
    fromEnv: boolean,
): RegionRun[] {
    const primary = outputs.has("region") ? outputs.string("region") : region;
    if (fromEnv && region !== primary) return [{ region, context: { clients: clientsFor(region), outputs }, checks }];
    return outputs.regionCodes(primary).map((code): RegionRun => {
        const view = outputs.forRegion(code, primary);
        const own = code === primary ? checks : checks.filter((c) => isRegionalCheck(c) && missingRequirement(c, view) === undefined);
        return { region: code, context: { clients: clientsFor(code), outputs: view }, checks: own };
    });
}

/**
 * `--wait <minutes>`: re-runs only the checks with a pending finding, a round a minute, until none
 * is pending or the minutes are up; the others' findings stand as first found.
 */
async function settle(first: Finding[], runs: readonly RegionRun[], minutes: number, deps: VerifyDeps): Promise<Finding[]> {
    const now = deps.now ?? Date.now;
    const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const deadline = now() + minutes * 60_000;
    let findings = first;
    while (findings.some((f) => f.status === "pending") && now() < deadline) {
        const open = findings.filter((f) => f.status === "pending");
        deps.print(
            `Waiting for ${open.length} pending finding(s) to settle (${[...new Set(open.map((f) => f.checkId))].join(", ")}); ${Math.ceil((deadline - now()) / 60_000)} min left\n`,
        );
        await sleep(Math.min(WAIT_POLL_SECONDS * 1000, Math.max(0, deadline - now())));
        const again = new Map<string, Finding[]>();
        for (const run of runs) {
            const ids = new Set(open.filter((f) => (f.region ?? run.region) === run.region).map((f) => f.checkId));
            const rerun = run.checks.filter((c) => ids.has(c.id));
            for (const f of await runInRegion(run, rerun))
                again.set(`${run.region} ${f.checkId}`, [...(again.get(`${run.region} ${f.checkId}`) ?? []), f]);
        }
        // Each re-run check's findings replace its earlier ones, in place.
        const replaced = new Set<string>();
        findings = findings.flatMap((f) => {
            const key = `${f.region} ${f.checkId}`;
            const fresh = again.get(key);
            if (!fresh) return [f];
            if (replaced.has(key)) return [];
            replaced.add(key);
            return fresh;
        });
    }
    return findings;
}

/** Writes a report file, creating its directory; returns the path. */
function writeReport(file: string, text: string): string {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
    return file;
}
