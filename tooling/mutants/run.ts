/**
 * Runs the mutants of tooling/mutants/mutants.ts against the two guards of the program: the
 * policy pack (each mutated program planned on mocks, the pack evaluated in-process: fast, for CI)
 * and the unit tests (the program's jest specs run on a mutated copy of the project: slow, on demand).
 *
 * Each mutant runs in its own copy under a temporary directory whose node_modules is a symlink to
 * the project's, so the mutated program loads the very same @pulumi/pulumi as the mock harness.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { evaluatePolicies } from "../../policy/api";
import { runOnMocks } from "../mock-runtime/harness";
import { PROJECT_DIR, readStackFiles } from "../plan/stack-files";
import { Mutant, MutantPlan } from "./mutants";

/** A us-east-1 ACM certificate (only planned, never used) for the load balancer's HTTPS listener and the CDN. */
const CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
const TLS_CONFIG: Readonly<Record<string, string>> = {
    // Pulumi.prod.yaml's load balancer already has TLS (its placeholder domain, 443 only): keep port 80's redirect for the ELB.1 mutant.
    "tap:redirectHttpToHttps": "true",
    "tap:enableCdn": "true",
    "tap:cdnCertificateArn": CERTIFICATE_ARN,
    "tap:cdnAliases": '["static.example.com"]',
};

export const PLANS: Readonly<Record<MutantPlan, { stack: string; overrides: Readonly<Record<string, string>> }>> = {
    dev: { stack: "dev", overrides: {} },
    prod: { stack: "prod", overrides: {} },
    /** prod (web and data tiers) with certificates: the HTTPS listener and the CDN. */
    "prod+tls": { stack: "prod", overrides: TLS_CONFIG },
};

/**
 * What the program's own tests are: the stack specs (test/program.test.ts, the CLI's, is left out
 * for time), without the spec that runs the pack over the tested plans (that would count the pack twice).
 */
export const PROGRAM_TESTS = ["test/stack.test.ts", "test/stack-files.test.ts"];
/** The spec that runs the pack over the tested plans. */
const COMPLIANCE_SPEC = "stack/compliance.spec.ts";

/** The whole-program invariants (every bucket, log group, policy of the stack), run for every mutant. */
const WHOLE_PROGRAM = "the program as a whole";
const MONITORING = ["Monitoring", "CIS metric filter", "S3 data-event", "GuardDuty adoption"];
const SECURITY = ["SecurityBaseline", "non-default configuration"];

/**
 * The specs relevant to a program file (their top-level describe names), so a mutant runs the
 * tests of the component it weakens plus the whole-program ones, not the whole suite: a lower
 * bound on what the tests catch, in minutes rather than an hour.
 */
const SPECS_OF: Readonly<Record<string, readonly string[]>> = {
    "lib/compute/compute.ts": ["Compute"],
    "lib/security/key-policy.ts": SECURITY,
    "lib/security/security-baseline.ts": SECURITY,
    "lib/security/global-baseline.ts": SECURITY,
    "lib/security/secure-bucket.ts": ["SecureBucket", ...SECURITY],
    "lib/monitoring/audit-trail.ts": MONITORING,
    "lib/monitoring/config-recording.ts": MONITORING,
    "lib/monitoring/threat-detection.ts": MONITORING,
    "lib/monitoring/security-alarms.ts": MONITORING,
    "lib/monitoring/cis-metric-filters.ts": MONITORING,
    "lib/regional-stack.ts": [...MONITORING, "a stack over two regions"],
    "lib/data/database.ts": ["Database"],
    "lib/web/web-tier.ts": ["WebTier", "ALB log writers", "web ACL rules", "Compute with"],
    "lib/web/web-acl-rules.ts": ["WebTier", "web ACL rules"],
    "lib/web/static-site.ts": ["StaticSite"],
    "lib/network/vpc-network.ts": ["VpcNetwork", "TapStack wiring"],
    "lib/config/index.ts": ["parseTapConfig", "config key table", "a stack over two regions"],
};

/** jest's --testNamePattern for a program file (every spec, for a file the table does not know). */
export function testNamePattern(file: string): string {
    const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const specs = SPECS_OF[file];
    // test/specs.ts names each spec's tests after its file first: `stack/compute.spec.ts Compute ...`.
    return specs ? `^\\S+\\.spec\\.ts (${[...specs, WHOLE_PROGRAM].map(escape).join("|")})` : `^(?!${escape(COMPLIANCE_SPEC)} )`;
}

/** The project files a mutated copy needs: the program for the pack half, everything jest reads for the tests half. */
const PROGRAM_FILES = ["lib"];
const PROJECT_FILES = ["lib", "bin", "policy", "tooling", "scripts", "test", "docs", "README.md", "package.json", "tsconfig.json", "jest.config.js", "Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"];

/** Applies a mutant to a copy; its search text must occur exactly once. */
export function applyMutant(dir: string, mutant: Mutant): void {
    const file = path.join(dir, mutant.file);
    const source = readFileSync(file, "utf8");
    const count = source.split(mutant.search).length - 1;
    if (count !== 1) throw new Error(`mutant ${mutant.id}: the search text occurs ${count} times in ${mutant.file} (must be exactly once): update tooling/mutants/mutants.ts`);
    writeFileSync(file, source.replace(mutant.search, () => mutant.replace));
}

/** A copy of `files` of the project in `dir`, with the mutant applied, and node_modules linked. */
function copyProject(dir: string, files: readonly string[], mutant?: Mutant): void {
    mkdirSync(dir, { recursive: true });
    for (const f of files) cpSync(path.join(PROJECT_DIR, f), path.join(dir, f), { recursive: true });
    symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
    if (mutant) applyMutant(dir, mutant);
}

export interface PackVerdict {
    /** `policy: resource` of each mandatory violation the unmutated program does not have. */
    readonly caughtBy: readonly string[];
}

/** Plans the program in `dir` with a plan's config, and returns its mandatory violations as `policy: resource`. */
async function mandatory(dir: string, plan: MutantPlan): Promise<string[]> {
    const { stack, overrides } = PLANS[plan];
    const raw = { ...readStackFiles(PROJECT_DIR, stack).config, ...overrides };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { tapProgram } = require(path.join(dir, "lib", "program.ts")) as typeof import("../../lib/program");
    const report = evaluatePolicies(await runOnMocks(() => tapProgram(raw, stack), { stack, config: raw }));
    return report.results
        .filter((r) => r.enforcementLevel === "mandatory")
        .flatMap((r) => r.violations.map((v) => `${r.policy}: ${v.resource}`));
}

/** The pack half: each mutant's plan against the unmutated program's (which must have no mandatory violation). */
export async function runPackHalf(mutants: readonly Mutant[], work = mkdtempSync(path.join(os.tmpdir(), "tap-mutants-"))): Promise<Map<string, PackVerdict>> {
    try {
        const plans = [...new Set(mutants.map((m) => m.plan ?? "prod"))];
        const baselineDir = path.join(work, "baseline");
        copyProject(baselineDir, PROGRAM_FILES);
        for (const plan of plans) {
            const found = await mandatory(baselineDir, plan);
            if (found.length > 0) throw new Error(`the unmutated program already violates the pack on the ${plan} plan: ${found.join("; ")}`);
        }
        const verdicts = new Map<string, PackVerdict>();
        for (const mutant of mutants) {
            const dir = path.join(work, mutant.id);
            copyProject(dir, PROGRAM_FILES, mutant);
            verdicts.set(mutant.id, { caughtBy: [...new Set(await mandatory(dir, mutant.plan ?? "prod"))] });
        }
        return verdicts;
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

/**
 * The tests half: the program's specs on a copy of the project, one mutant at a time, the file
 * restored after each (one copy at one path, so ts-jest recompiles only the mutated file). The
 * unmutated copy must pass first. Caught when jest fails.
 */
export function runTestsHalf(mutants: readonly Mutant[], onResult?: (id: string, caught: boolean) => void): Map<string, boolean> {
    const work = mkdtempSync(path.join(os.tmpdir(), "tap-mutant-tests-"));
    const dir = path.join(work, "project");
    const jest = (pattern: string) => spawnSync(process.execPath, [path.join(PROJECT_DIR, "node_modules", "jest", "bin", "jest.js"), "--ci", "--silent", "--testNamePattern", pattern, ...PROGRAM_TESTS], {
        cwd: dir, encoding: "utf8", env: { ...process.env, CI: "true" },
    });
    const caught = new Map<string, boolean>();
    try {
        copyProject(dir, PROJECT_FILES);
        const baseline = jest(testNamePattern(""));
        if (baseline.status !== 0) throw new Error(`the unmutated program fails its own tests:\n${baseline.stderr.slice(-2000)}`);
        for (const mutant of mutants) {
            const file = path.join(dir, mutant.file);
            const original = readFileSync(file, "utf8");
            try {
                applyMutant(dir, mutant);
                caught.set(mutant.id, jest(testNamePattern(mutant.file)).status !== 0);
            } finally {
                writeFileSync(file, original);
            }
            onResult?.(mutant.id, caught.get(mutant.id)!);
        }
        return caught;
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}
