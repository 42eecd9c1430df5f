/**
 * Runs the mutants of tooling/mutants/mutants.ts against the two guards of the program: the policy
 * pack (each weakened stack planned on mocks in this process, the pack evaluated over it: fast, for
 * CI) and the unit tests (the area's jest specs, with the mutant named in TAP_MUTANT so that every
 * plan they make is weakened: slow, on demand). No copy of the source: a mutant is a resource
 * transform registered before the program runs (tooling/mutants/transform.ts).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { evaluatePolicies } from "../../policy/api";
import { PROJECT_DIR, readStackFiles } from "../plan/stack-files";
import { CONTROL_AREAS, WHOLE_PROGRAM_SPECS } from "./areas";
import { Mutant, MutantPlan, mutantTransform } from "./mutants";

/** A us-east-1 ACM certificate (only planned, never used) for the load balancer's HTTPS listener and the CDN. */
const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
/**
 * What prod+tls fails on purpose, waived beside Pulumi.prod.yaml's own waivers: the pack's securityhub-expected-result
 * would otherwise fail the unweakened plan, and no mutant could be told apart.
 */
const TLS_WAIVERS = {
    "ELB.18": { reason: "port 80 stays open to redirect to HTTPS, so that the ELB.1 mutant has a redirect to weaken", standards: ["fsbp"] },
    "CloudFront.4": {
        reason: "a static site from one bucket: origin failover would need a replicated bucket in a second region",
        standards: ["fsbp"],
    },
    "CloudFront.5": {
        reason: "access logs go through CloudWatch Logs delivery (v2), which the control's Config rule does not read",
        standards: ["fsbp"],
    },
};
const TLS_CONFIG: Readonly<Record<string, string>> = {
    // Pulumi.prod.yaml's load balancer already has TLS (its placeholder certificate, 443 only): keep port 80's redirect for the ELB.1 mutant.
    "tap:redirectHttpToHttps": "true",
    "tap:enableCdn": "true",
    "tap:cdnCertificateArn": CERTIFICATE_ARN,
    "tap:cdnAliases": '["static.example.com"]',
    "tap:securityHubControlWaivers": JSON.stringify({
        ...JSON.parse(readStackFiles(PROJECT_DIR, "prod").config["tap:securityHubControlWaivers"] ?? "{}"),
        ...TLS_WAIVERS,
    }),
};

/** Each plan: a stack file and keys set over it (`undefined`: the key removed). */
export const PLANS: Readonly<Record<MutantPlan, { stack: string; overrides: Readonly<Record<string, string | undefined>> }>> = {
    dev: { stack: "dev", overrides: {} },
    prod: { stack: "prod", overrides: {} },
    /** prod (web and data tiers) with certificates: the HTTPS listener and the CDN. */
    "prod+tls": { stack: "prod", overrides: TLS_CONFIG },
    /** prod over two regions: each region's vault, the primary copying its recovery points into the other's. */
    "prod+regions": { stack: "prod", overrides: { "tap:regions": '["us-east-1","us-west-2"]' } },
    /** prod with one app instance instead of a group: Patch Manager installs in place (and reboots). */
    "prod+instance": {
        stack: "prod",
        overrides: {
            "tap:computeMode": "instance",
            "tap:asgMinSize": undefined,
            "tap:asgMaxSize": undefined,
            "tap:asgDesiredCapacity": undefined,
            "tap:protectFromScaleIn": undefined,
        },
    },
    /** prod creating the account's Session Manager preferences document (off by default: one per account and region). */
    "prod+sessions": { stack: "prod", overrides: { "tap:createSessionPreferences": "true" } },
    /** prod with its CI deploy role (GitHub OIDC from one repository's environment). */
    "prod+ci": { stack: "prod", overrides: { "tap:githubRepository": "acme/tap", "tap:githubEnvironment": "production" } },
};

export interface PackVerdict {
    /** `policy: resource` of each mandatory violation the unweakened stack does not have. */
    readonly caughtBy: readonly string[];
    /** Logical names of the resources the mutant changed (never empty: a mutant that changes nothing fails the run). */
    readonly changed: readonly string[];
}

/** Plans a stack with a plan's config (and a mutant), and returns its mandatory violations as `policy: resource`. */
async function judge(plan: MutantPlan, mutant?: Mutant): Promise<{ violations: string[]; changed: string[] }> {
    const { stack, overrides } = PLANS[plan];
    const raw = Object.fromEntries(
        Object.entries({ ...readStackFiles(PROJECT_DIR, stack).config, ...overrides }).filter(
            (e): e is [string, string] => e[1] !== undefined,
        ),
    );
    // The planning modules load here, on the first plan: the mutant list, the areas and the plans' table
    // (test/policy/mutants.spec.ts reads them) load no Pulumi.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { runOnMocks } = require("../mock-runtime/harness") as typeof import("../mock-runtime/harness");
    const { TapMocks } = require("../mock-runtime/mocks") as typeof import("../mock-runtime/mocks");
    const { tapProgram } = require("../../lib/program") as typeof import("../../lib/program");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const mocks = new TapMocks(raw["aws:region"] ?? "us-east-1");
    const changed: string[] = [];
    const transforms = mutant ? [mutantTransform(mutant.id, mocks, (name) => changed.push(name))] : [];
    const report = evaluatePolicies(await runOnMocks(() => tapProgram(raw, stack), { stack, config: raw, mocks, transforms }));
    const violations = report.results
        .filter((r) => r.enforcementLevel === "mandatory")
        .flatMap((r) => r.violations.map((v) => `${r.policy}: ${v.resource}`));
    return { violations, changed };
}

/**
 * The pack half: each mutant's plan against the unweakened stack's. A mandatory violation the
 * unweakened plan already has is reported (`onBaseline`) and not counted as a catch: it is a defect of
 * the program or of a rule on that plan (the stack files' own plans are held to none by their tests),
 * not something the weakening revealed.
 */
export async function runPackHalf(
    mutants: readonly Mutant[],
    onBaseline: (plan: MutantPlan, violations: readonly string[]) => void = () => undefined,
): Promise<Map<string, PackVerdict>> {
    const baseline = new Map<MutantPlan, Set<string>>();
    for (const plan of new Set(mutants.map((m) => m.plan ?? "prod"))) {
        const { violations } = await judge(plan);
        baseline.set(plan, new Set(violations));
        if (violations.length > 0) onBaseline(plan, [...new Set(violations)]);
    }
    const verdicts = new Map<string, PackVerdict>();
    const stale: string[] = [];
    for (const mutant of mutants) {
        const { violations, changed } = await judge(mutant.plan ?? "prod", mutant);
        if (changed.length === 0) {
            stale.push(
                `mutant ${mutant.id} applies to nothing on the ${mutant.plan ?? "prod"} plan: no ${mutant.type}${mutant.name ? ` named like ${mutant.name}` : ""} has a ${mutant.path || "value"} it changes`,
            );
        }
        const known = baseline.get(mutant.plan ?? "prod")!;
        verdicts.set(mutant.id, { caughtBy: [...new Set(violations)].filter((v) => !known.has(v)), changed });
    }
    if (stale.length > 0) throw new Error(`${stale.join("\n")}\n(update tooling/mutants/mutants.ts)`);
    return verdicts;
}

/** The spec files the tests half runs for a mutant: its area's, and the whole-program ones. */
export function specsOf(mutant: Mutant): string[] {
    return [...new Set([...CONTROL_AREAS[mutant.area].specs, ...WHOLE_PROGRAM_SPECS])];
}

/** Tests that run the pack itself: left out of the tests half, so the two figures stay independent. */
export const PACK_TESTS = /tap-security|the pack/;

/**
 * The tests half: per mutant, jest on its area's specs with TAP_MUTANT set (every plan of those specs
 * weakened), the pack's own tests filtered out. The unweakened specs must pass first. Caught when jest fails.
 */
export function runTestsHalf(mutants: readonly Mutant[], onResult?: (id: string, caught: boolean) => void): Map<string, boolean> {
    const jest = (specs: readonly string[], mutant?: string) =>
        spawnSync(
            process.execPath,
            [
                path.join(PROJECT_DIR, "node_modules", "jest", "bin", "jest.js"),
                "--ci",
                "--silent",
                "--testNamePattern",
                `^(?!.*(${PACK_TESTS.source}))`,
                ...specs,
            ],
            { cwd: PROJECT_DIR, encoding: "utf8", env: { ...process.env, CI: "true", TAP_MUTANT: mutant ?? "" } },
        );
    const allSpecs = [...new Set(mutants.flatMap(specsOf))];
    const baseline = jest(allSpecs);
    if (baseline.status !== 0) throw new Error(`the unweakened program fails its own tests:\n${baseline.stderr.slice(-3000)}`);
    const caught = new Map<string, boolean>();
    for (const mutant of mutants) {
        caught.set(mutant.id, jest(specsOf(mutant), mutant.id).status !== 0);
        onResult?.(mutant.id, caught.get(mutant.id)!);
    }
    return caught;
}
