/**
 * Shared by the specs: plan the TapStack on mocks for a given raw config (whole-program plans), and
 * the configurations the specs plan. A component's own spec plans that component alone
 * (tooling/mock-runtime/component.ts, `planComponent`); a whole-stack plan is for what only the whole
 * program has (wiring between components, tags, URNs, compliance, outputs, the stack files).
 *
 * jest runs every spec file in its own module registry, so whole-stack plans are shared through the
 * run's plan cache: a directory test/global-setup.cjs makes for each run (and removes after it),
 * where the first spec to plan a configuration writes the plan as JSON and every other reads it. The
 * program is deterministic (test/stack-files/determinism.spec.ts), so a plan read there is the plan
 * the spec would have made. The planning modules (Pulumi, the program) load on the first plan made
 * here, so a spec whose plans are all in the cache loads none of them.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import * as path from "node:path";
import type { Plan } from "../tooling/mock-runtime/harness";
import type { TapMocks } from "../tooling/mock-runtime/mocks";
import { REFERENCE_PLANS } from "../tooling/plan/reference-plans";
import { PROJECT_DIR, readStackFiles } from "../tooling/plan/stack-files";

export { byRef, managed, names, nonEmpty, ofType, one, policyDocument, TIER_OUTPUTS } from "./plan-queries";
export type { Plan, PlannedResource } from "../tooling/mock-runtime/harness";
export type { StandIns } from "../tooling/mock-runtime/component";

const plans = new Map<string, Promise<Plan>>();

/** The environment variable naming the run's plan cache (set by test/global-setup.cjs). */
export const PLAN_CACHE_ENV = "TAP_PLAN_CACHE";

/** The environment variable naming the socket of the run's plan server (test/plan-server.ts; set by test/global-setup.cjs). */
export const PLAN_SERVER_ENV = "TAP_PLAN_SERVER";

/** What a spec asks the plan server for: the plan `planTap(config, stack)` makes with TAP_MUTANT set to `mutant` ("": none). */
export interface PlanRequest {
    readonly stack: string;
    readonly config: Record<string, string>;
    readonly mutant: string;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first plan made here: a spec that reads its plans from the cache never loads Pulumi */
const harness = () => require("../tooling/mock-runtime/harness") as typeof import("../tooling/mock-runtime/harness");
const program = () => require("../lib/program") as typeof import("../lib/program");
const component = () => require("../tooling/mock-runtime/component") as typeof import("../tooling/mock-runtime/component");
/* eslint-enable @typescript-eslint/no-require-imports */

/** One component planned alone on stand-ins (tooling/mock-runtime/component.ts); loads Pulumi on its first call, not with this module. */
export const planComponent: typeof import("../tooling/mock-runtime/component").planComponent = (build, options) =>
    component().planComponent(build, options);

/** A component plan's resources without the stand-ins (tooling/mock-runtime/component.ts). */
export const ownResources: typeof import("../tooling/mock-runtime/component").ownResources = (plan) => component().ownResources(plan);

/**
 * One plan with every non-default setting the specs need that do not interfere with each other:
 * each spec asserts the settings it cares about, and one plan serves them all.
 */
export const VARIANT_CONFIG: Readonly<Record<string, string>> = {
    "aws:region": "eu-west-1",
    "tap:owner": "secops",
    "tap:enableAccountHardening": "false",
    "tap:forceDestroyBuckets": "false",
    "tap:asgMinSize": "2",
    "tap:asgDesiredCapacity": "3",
    "tap:asgMaxSize": "5",
    "tap:rootVolumeSizeGiB": "64",
    "tap:instanceType": "t3.small",
    "tap:createGuardDutyDetector": "false",
    "tap:natGatewayStrategy": "none",
    "tap:vpcEndpoints": "true",
    "tap:cloudTrailMultiRegion": "false",
    "tap:cloudTrailCoveredBy": "org-trail",
    "tap:cloudTrailDataEventBuckets": '["tap-dev-data"]',
    "tap:alarmEmail": "secops@example.com",
    "tap:createConfigRecorder": "false",
    "tap:configRecorderName": "default",
    "tap:createSessionPreferences": "false",
    "tap:sessionIdleTimeoutMinutes": "5",
};

/** The GuardDuty detector the `DATA_AND_CDN` plan adopts by id. */
export const ADOPTED_DETECTOR_ID = "0123456789abcdef0123456789abcdef";

/**
 * Plans the stack the way bin/tap.ts builds it, with `raw` as its Pulumi config. The program is
 * deterministic, so a config is planned once and its plan shared (tests only read plans); pass
 * `mocks` to watch the registrations of a fresh run.
 */
export function planTap(raw: Record<string, string> = {}, stack = "dev", mocks?: TapMocks): Promise<Plan> {
    const run = () => harness().runOnMocks(() => program().tapProgram(raw, stack), { stack, config: raw, mocks });
    if (mocks) return run();
    // TAP_MUTANT weakens every plan (tooling/mutants): a weakened plan is a plan of its own.
    const mutant = process.env.TAP_MUTANT ?? "";
    const key = planKey(stack, raw, mutant);
    const server = process.env[PLAN_SERVER_ENV];
    const ask = server ? () => askPlanServer(server, { stack, config: raw, mutant }) : undefined;
    if (!plans.has(key)) plans.set(key, cached(key, run, { ask }));
    return plans.get(key)!;
}

/** The cache key of a whole-stack plan: the stack, its config, and the mutant TAP_MUTANT names ("": none). */
export function planKey(stack: string, raw: Readonly<Record<string, string>>, mutant: string): string {
    return JSON.stringify([stack, Object.entries(raw).sort(), mutant]);
}

/** Where the plan of `key` is kept in the plan cache `dir` (its lock: the same name with `.lock`). */
export function planCacheFile(dir: string, key: string): string {
    return path.join(dir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
}

/** How long a spec waits for the spec file planning the same configuration in another worker before planning it itself. */
const PLAN_WAIT_MS = 120_000;

/**
 * The plan of `key` from the run's plan cache, or `run`'s, written there for the other spec files.
 * One spec plans a configuration: it holds `<plan>.lock` (created exclusively, its pid inside) while
 * it plans, and a spec of another worker asking for the same configuration meanwhile waits for the
 * plan file instead of planning it too. A holder that died (its pid gone), or one that takes longer
 * than `waitMs`, is not waited for: the spec plans the configuration itself.
 * `ask`: asks the run's plan server to write the plan into the cache first (test/plan-server.ts); false
 * (no plan from it) leaves the plan to this process, as above.
 */
export async function cached(
    key: string,
    run: () => Promise<Plan>,
    { waitMs = PLAN_WAIT_MS, ask }: { readonly waitMs?: number; readonly ask?: () => Promise<boolean> } = {},
): Promise<Plan> {
    const dir = process.env[PLAN_CACHE_ENV];
    if (!dir) return run();
    const file = planCacheFile(dir, key);
    if (ask && (await ask())) {
        const plan = readPlan(file);
        if (plan) return plan;
    }
    const lock = `${file}.lock`;
    const deadline = performance.now() + waitMs;
    let holding = false;
    for (;;) {
        const plan = readPlan(file);
        if (plan) return plan;
        holding = takeLock(lock);
        if (holding) break;
        const holder = lockHolder(lock);
        if (holder === "gone") continue; // released since: its plan is written, or it failed and the lock is free
        if (holder === "dead" || performance.now() > deadline) break;
        await new Promise((later) => setTimeout(later, 100));
    }
    try {
        const plan = await run();
        // Written whole, then renamed: a reader sees the complete plan or none (two workers planning the same config write the same plan).
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, JSON.stringify(plan));
        renameSync(partial, file);
        return plan;
    } finally {
        // A failed plan leaves no lock either: a spec waiting for it plans the configuration itself (and fails the same way).
        if (holding) rmSync(lock, { force: true });
    }
}

/**
 * Asks the plan server on `socket` for a plan (test/plan-server.ts): true once it is in the run's
 * cache; false when the server cannot make it (a bad configuration: the spec plans it itself and gets
 * the program's own error), is not there, or has not answered within PLAN_WAIT_MS.
 */
export function askPlanServer(socket: string, request: PlanRequest): Promise<boolean> {
    return new Promise((answered) => {
        let reply = "";
        const connection = createConnection(socket);
        const give = (ok: boolean) => {
            connection.destroy();
            clearTimeout(timer);
            answered(ok);
        };
        const timer = setTimeout(() => give(false), PLAN_WAIT_MS);
        connection.setEncoding("utf8");
        connection.on("error", () => give(false));
        connection.on("data", (chunk: string) => (reply += chunk));
        connection.on("end", () => {
            try {
                give((JSON.parse(reply) as { ok?: unknown }).ok === true);
            } catch {
                give(false);
            }
        });
        connection.write(`${JSON.stringify(request)}\n`);
    });
}

/** The plan in `file`, or undefined while no spec has written it. */
function readPlan(file: string): Plan | undefined {
    try {
        return JSON.parse(readFileSync(file, "utf8")) as Plan;
    } catch {
        return undefined;
    }
}

/** Creates `lock` with this process's pid, unless it exists (`wx`: exclusive, atomic). */
function takeLock(lock: string): boolean {
    try {
        mkdirSync(path.dirname(lock), { recursive: true });
        writeFileSync(lock, String(process.pid), { flag: "wx" });
        return true;
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw err;
    }
}

/** Whether the process holding `lock` still runs ("alive": a lock just created, its pid not yet written, too), died, or released it. */
function lockHolder(lock: string): "alive" | "dead" | "gone" {
    let pid: number;
    try {
        pid = Number(readFileSync(lock, "utf8"));
    } catch {
        return "gone";
    }
    if (!Number.isInteger(pid) || pid <= 0) return "alive";
    try {
        process.kill(pid, 0); // signal 0: only checks that the process exists (node's process.kill docs)
        return "alive";
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM" ? "alive" : "dead";
    }
}

/** The account/region-wide settings and AWS Config's service-linked role, retained in every profile (tearing one stack down must not switch them off). */
export const ACCOUNT_WIDE = [
    "aws:ebs/encryptionByDefault:EncryptionByDefault",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole",
];

/** Plans one after another: the mock runtime is one per process, two plans at once would mix. */
export async function inTurn(plans: Array<() => Promise<Plan>>): Promise<Plan[]> {
    const done: Plan[] = [];
    for (const plan of plans) done.push(await plan());
    return done;
}

/** One of the URN inventory's reference plans (the stack files as they are: `prod.txt` is Pulumi.prod.yaml), shared with every spec. */
export function referencePlan(file: (typeof REFERENCE_PLANS)[number]["file"]): Promise<Plan> {
    const ref = REFERENCE_PLANS.find((r) => r.file === file);
    if (!ref) throw new Error(`no reference plan ${file}`);
    return planStackFile(ref.stack, ref.overrides);
}

/** The config of a committed stack file (Pulumi.<stack>.yaml), as the CLI hands it to the program. */
export function stackFileConfig(stack: string): Record<string, string> {
    return readStackFiles(PROJECT_DIR, stack).config;
}

/** Plans a committed stack file as it is (shared like every planTap plan; `overrides` on top). */
export function planStackFile(stack: string, overrides: Readonly<Record<string, string>> = {}): Promise<Plan> {
    return planTap({ ...stackFileConfig(stack), ...overrides }, stack);
}

/** An ACM certificate in us-east-1: the HTTPS listener's (of a us-east-1 stack) and CloudFront's. */
export const TEST_CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

/** The CDN switched on, with what it requires (a us-east-1 certificate and the names it covers). */
export const CDN_CONFIG: Readonly<Record<string, string>> = {
    "tap:enableCdn": "true",
    "tap:cdnCertificateArn": TEST_CERTIFICATE_ARN,
    "tap:cdnAliases": '["static.example.com"]',
};

/** The web tier with a certificate, two allowed CIDRs, app port 8080 and every guard on. */
export const WEB_TIER_CONFIG: Readonly<Record<string, string>> = {
    "tap:enableWebTier": "true",
    "tap:certificateArn": TEST_CERTIFICATE_ARN,
    "tap:allowedIngressCidrs": '["203.0.113.0/24","198.51.100.0/24"]',
    "tap:appPort": "8080",
    "tap:protectFromScaleIn": "true",
    "tap:wafRateLimit": "500",
    "tap:deletionProtection": "true",
};

/** The hosted zone the stack's own domain lives in (tap:hostedZoneId). */
export const HOSTED_ZONE_ID = "Z0123456789ABCDEFGHIJ";

/**
 * A single instance (tap:computeMode instance) behind the web tier, whose TLS comes from the
 * stack's own domain (a DNS-validated certificate, no tap:certificateArn): the target group wiring
 * of an instance, and the certificate's, in one plan.
 */
export const INSTANCE_CONFIG: Readonly<Record<string, string>> = {
    "tap:computeMode": "instance",
    "tap:enableWebTier": "true",
    "tap:domainName": "app.example.com",
    "tap:hostedZoneId": HOSTED_ZONE_ID,
};

/** The database without the web tier, and the CDN, in eu-west-1 (CloudFront's pieces must still land in us-east-1). */
export const DATA_AND_CDN: Readonly<Record<string, string>> = {
    "aws:region": "eu-west-1",
    "tap:enableDatabase": "true",
    ...CDN_CONFIG,
    "tap:createGuardDutyDetector": "false",
    "tap:guardDutyDetectorId": ADOPTED_DETECTOR_ID,
    "tap:enablePatchManager": "false",
};

/** Access with keyless CI from one repository's GitHub environment (issue 19). */
export const ACCESS_CONFIG: Readonly<Record<string, string>> = {
    "tap:enableAccess": "true",
    "tap:githubRepository": "acme/tap",
    "tap:githubEnvironment": "production",
};

/** Every optional tier and Access on: what the whole-stack invariants (every bucket, log group, policy) must hold for. */
export const ALL_TIERS: Readonly<Record<string, string>> = {
    ...WEB_TIER_CONFIG,
    "tap:enableDatabase": "true",
    ...CDN_CONFIG,
    ...ACCESS_CONFIG,
};

/** The whole program: every tier and Access (global, over both regions' instances and keys), over two regions. */
export const TWO_REGIONS: Readonly<Record<string, string>> = { ...ALL_TIERS, "tap:regions": '["us-east-1","us-west-2"]' };
