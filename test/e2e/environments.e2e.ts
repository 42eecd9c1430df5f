/**
 * The post-deploy checks over the wire: the fixture builds the dev and prod stacks' environments
 * in a local moto_server from their plans, and every check must pass on the compliant one
 * (but where moto does not emulate AWS: gaps.ts), and each broken variant must fail exactly
 * its check, with a reason naming the deviation.
 */
import { ACMClient } from "@aws-sdk/client-acm";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { XMLParser } from "fast-xml-parser";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PROJECT_DIR } from "../../tooling/plan/stack-files";
import { nodeArgsOf } from "../npm-scripts";
import { Finding } from "../../tooling/verify/check";
import { ALL_CHECKS } from "../../tooling/verify/checks";
import { createClients } from "../../tooling/verify/clients";
import { StackOutputs } from "../../tooling/verify/outputs";
import { runChecks } from "../../tooling/verify/runner";
import { deploy, Environment, FixtureClients } from "./fixture";
import { MOTO_GAPS, deployedByFixture } from "./gaps";
import { assertLoopbackEndpoint, MotoServer, startMoto } from "./moto";
import { BASE_VARIANTS, TIER_VARIANTS, Variant } from "./variants";
import { planReference } from "../../tooling/plan/urn-inventory";

const REGION = "us-east-1";
/** prod has no tap:certificateArn in its stack file (HTTP only until one is set): give it one, so the HTTPS listener exists. */
const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-4098-8765-43210fedcba9";

/** prod has no deploy role until a repository is named (tap:githubRepository): name one, so the OIDC provider and deploy role exist. */
const GITHUB_REPOSITORY = "example-org/tap";

let moto: MotoServer;
let clients: FixtureClients;
let outputsDir: string;

beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env);
    assertLoopbackEndpoint(process.env);
    clients = {
        ...createClients(REGION, { maxAttempts: 2 }),
        logs: new CloudWatchLogsClient({ region: REGION }),
        acm: new ACMClient({ region: REGION }),
    };
    outputsDir = mkdtempSync(path.join(tmpdir(), "tap-e2e-"));
});

afterAll(async () => {
    // Stops exactly the server this file started, whatever happened above.
    Object.values(clients ?? {}).forEach((client) => client.destroy());
    await moto?.stop();
    if (outputsDir) rmSync(outputsDir, { recursive: true, force: true });
});

/** The stack's plan (the real program on the mock runtime): once per stack per run. */

/** The checks moto cannot answer as AWS would (gaps.ts): left out of the variant runs, where they would only repeat. */
const GAP_CHECKS = new Set(MOTO_GAPS.filter((g) => g.seen).map((g) => g.check));
/** The checks of the areas the fixture deploys (gaps.ts names the others). */
const FIXTURE_CHECKS = ALL_CHECKS.filter((c) => deployedByFixture(c.id));
const FIXTURE_CHECK_IDS = new Set(FIXTURE_CHECKS.map((c) => c.id));
/** The areas not deployed fail or skip on moto's environment as they please: reports are judged on the others. */
const deployedArea = (checkId: string) => FIXTURE_CHECK_IDS.has(checkId);
/** moto's gaps among the checks that run on an environment (those of skipped areas do not). */
const gapsThatRun = (skippedAreas: readonly string[]) => [...GAP_CHECKS].filter((id) => !skippedAreas.includes(id.split(".")[0])).sort();
const VARIANT_CHECKS = FIXTURE_CHECKS.filter((c) => !GAP_CHECKS.has(c.id));

const verify = (env: Environment, checks = FIXTURE_CHECKS) => runChecks(checks, { clients, outputs: new StackOutputs(env.outputs) });
const failedChecks = (findings: readonly Finding[]) => [...new Set(findings.filter((f) => f.status === "fail").map((f) => f.checkId))];

function describeEnvironment(
    stack: string,
    overrides: Record<string, string>,
    variants: readonly Variant[],
    skippedAreas: readonly string[],
) {
    describe(`the ${stack} stack's environment on moto`, () => {
        let env: Environment;
        let outputsFile: string;

        beforeAll(async () => {
            await moto.reset();
            env = await deploy(await planReference(stack, overrides), clients);
            outputsFile = path.join(outputsDir, `${stack}.json`);
            // As `pulumi stack output --json` prints them.
            writeFileSync(outputsFile, `${JSON.stringify(env.outputs, null, 2)}\n`);
        }, 180_000); // 3-6 s on an idle machine; far more on a loaded one

        it("has outputs with the plan's keys, every planned id replaced by moto's", () => {
            const planned = Object.keys(env.plan.outputs).filter((k) => k !== "regions");
            expect(Object.keys(JSON.parse(readFileSync(outputsFile, "utf8"))).sort()).toEqual(planned.sort());
            expect(env.ids.size).toBeGreaterThan(10);
            const text = JSON.stringify(env.outputs);
            // (Names the program sets, e.g. the trail's ARN, are the same planned and deployed.)
            for (const [plannedId, real] of env.ids) if (plannedId !== real) expect(text).not.toContain(plannedId);
        });

        it("passes every check moto can answer; the others fail only as gaps.ts says", async () => {
            const findings = await verify(env);
            const skipped = findings.filter((f) => f.status === "skipped").map((f) => f.checkId.split(".")[0]);
            expect([...new Set(skipped)]).toEqual(skippedAreas);
            const notPassed = findings.filter((f) => f.status === "fail");
            expect(findings.filter((f) => f.status === "pass").length).toBeGreaterThan(40);
            expect(failedChecks(notPassed).sort()).toEqual(gapsThatRun(skippedAreas));
            for (const finding of notPassed) expect(finding.reason).toMatch(MOTO_GAPS.find((g) => g.check === finding.checkId)!.seen!);
        });

        it.each(variants.map((v) => [v.name, v] as const))("%s: fails exactly its check, naming the deviation", async (_name, variant) => {
            const repair = await variant.breaks({ clients, env });
            try {
                const findings = await verify(env, VARIANT_CHECKS);
                expect(failedChecks(findings)).toEqual([variant.check]);
                const failed = findings.filter((f) => f.status === "fail");
                expect(failed.length).toBeGreaterThan(0);
                for (const finding of failed) expect(finding.reason).toMatch(variant.reason);
            } finally {
                await repair();
            }
        });

        it("passes again once every variant is repaired", async () => {
            expect(failedChecks(await verify(env, VARIANT_CHECKS))).toEqual([]);
        });

        it("npm run verify, as a user runs it on the outputs file, prints the table and writes JUnit and SARIF", async () => {
            // The flow-log variants replaced the flow log: export the outputs again, as a redeploy would.
            writeFileSync(outputsFile, `${JSON.stringify(env.outputs, null, 2)}\n`);
            const junit = path.join(outputsDir, `${stack}.xml`);
            const sarif = path.join(outputsDir, `${stack}.sarif`);
            const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
                execFile(
                    process.execPath,
                    [...nodeArgsOf("verify"), "--stack", stack, "--junit", junit, "--sarif", sarif],
                    {
                        cwd: PROJECT_DIR,
                        encoding: "utf8",
                        env: { ...process.env, TAP_OUTPUTS_FILE: outputsFile },
                    },
                    (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
                );
            });
            // Exit 1: moto's gaps fail (gaps.ts); everything else passed.
            expect(run.code).toBe(1);
            expect(run.stdout).toMatch(/^network\.flow-logs\s+CIS 3\.7 \/ EC2\.6\s+fl-[0-9a-f]+\s+PASS/m);
            const xml = new XMLParser({
                ignoreAttributes: false,
                attributeNamePrefix: "",
                isArray: (name) => ["testsuite", "testcase"].includes(name),
            }).parse(readFileSync(junit, "utf8"));
            const cases = (xml.testsuites.testsuite as { testcase: { classname: string; failure?: unknown }[] }[]).flatMap(
                (suite) => suite.testcase,
            );
            expect(cases.length).toBeGreaterThan(40);
            expect([...new Set(cases.filter((c) => c.failure).map((c) => c.classname))].filter(deployedArea).sort()).toEqual(
                gapsThatRun(skippedAreas),
            );
            const log = JSON.parse(readFileSync(sarif, "utf8"));
            const errors = log.runs[0].results
                .filter((r: { level: string }) => r.level === "error")
                .map((r: { ruleId: string }) => r.ruleId);
            expect([...new Set(errors as string[])].filter(deployedArea).sort()).toEqual(gapsThatRun(skippedAreas));
        });
    });
}

/**
 * The Session Manager preferences document is one per account and region, so the stack files leave
 * it alone by default (tap:createSessionPreferences false); the fixture's account is the stack's
 * own, so it creates it, as one stack of an account does, and ssm.session-preferences has it to judge.
 */
const SESSION_PREFERENCES = { "tap:createSessionPreferences": "true" };
describeEnvironment("dev", SESSION_PREFERENCES, BASE_VARIANTS, ["elb", "waf", "rds", "endpoints", "access", "backup"]);
describeEnvironment(
    "prod",
    { ...SESSION_PREFERENCES, "tap:certificateArn": CERTIFICATE, "tap:githubRepository": GITHUB_REPOSITORY },
    TIER_VARIANTS,
    [],
);
