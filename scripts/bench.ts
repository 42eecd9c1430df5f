/**
 * npm run bench: on this machine, in one run so that the figures compare as ratios whatever the
 * machine's speed that day (medians):
 *   - a bare `require('@pulumi/pulumi'); require('@pulumi/aws')`: the floor any plan pays;
 *   - `npm run plan` of dev, prod and dev over three regions, each as a ratio to that floor
 *     (target <= 2x: npm, tooling/run.cjs's check that dist/ is up to date, the program's own imports
 *     and planning on the mocks are the overhead); and `npm run plan` of dev the first time after a
 *     change (dist/.build-record.json removed: every file built again), for information;
 *   - the unit tests (`npm test`): wall and CPU time, each as a ratio to the floor (target: wall
 *     <= 20x), and the slowest test file (target <= 6 s);
 *   - how the program's planning time grows with the number of regions (in process: linear).
 * The floor is timed between the other runs, so that a change of the machine's load touches them alike: the plans
 * are compared with the floor runs taken in turns with them, `npm test` with those taken in turns with it;
 * the machine's load average is printed at the start and at the end (a shared machine: the ratios hold, the seconds vary).
 * `npm run bench -- --plan` stops after the plans.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { tapProgram } from "../lib/program";
import { runOnMocks } from "../tooling/mock-runtime/harness";
import { PROJECT_DIR } from "../tooling/plan/stack-files";

const root = PROJECT_DIR;
const THREE_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
/** Rounds of the floor and the three plans; of the floor and `npm test`. */
const PLAN_ROUNDS = 5;
const TEST_ROUNDS = 3;

interface Timing {
    readonly wall: number;
    readonly cpu: number;
}

const logs = mkdtempSync(path.join(tmpdir(), "tap-bench-log-"));

/** Wall and CPU seconds (user + system of the child and its children) of one command. */
function timeOnce(command: string, args: string[]): Timing {
    // The command's own output goes to a file, read only when it fails (what failed, not just that it did).
    const log = path.join(logs, "last-command.log");
    const start = process.hrtime.bigint();
    const run = spawnSync(
        "/usr/bin/env",
        ["bash", "-c", 'TIMEFORMAT="%U %S"; { time "$@" >"$BENCH_LOG" 2>&1; } 2>&1', "bench", command, ...args],
        { cwd: root, encoding: "utf8", env: { ...process.env, BENCH_LOG: log } },
    );
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const [user, sys] = run.stdout.trim().split(/\s+/).slice(-2).map(Number);
    if (run.status !== 0)
        throw new Error(`${command} ${args.join(" ")} failed (exit ${run.status}): ${readFileSync(log, "utf8").slice(-3000)}${run.stderr}`);
    return { wall, cpu: user + sys };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds to plan the stack over the first `n` regions, in this process (median of 3). */
async function planMillis(n: number): Promise<number> {
    const raw = { "tap:regions": JSON.stringify(THREE_REGIONS.slice(0, n)) };
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
        const start = process.hrtime.bigint();
        await runOnMocks(() => tapProgram(raw, "dev"), { stack: "dev", config: raw });
        runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(runs);
}

/** The slowest test file of a jest run, from its JSON report. */
function slowestTestFile(out: string): { file: string; seconds: number } {
    const report = JSON.parse(readFileSync(out, "utf8")) as { testResults: { name: string; startTime: number; endTime: number }[] };
    const slowest = report.testResults
        .map((t) => ({ file: path.relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000 }))
        .sort((a, b) => b.seconds - a.seconds)[0];
    return slowest;
}

const load = () =>
    loadavg()
        .map((l) => l.toFixed(2))
        .join(", ");

async function main(): Promise<number> {
    console.log(`load average at the start (1, 5, 15 min): ${load()}`);
    let missed = 0;
    const verdict = (ok: boolean) => {
        if (!ok) missed++;
        return ok ? "ok" : "MISSED";
    };
    // Untimed: the first run after a change reads the sources and modules from disk, as any run after it finds them in memory.
    timeOnce(npm, ["run", "-s", "plan", "--", "--stack", "dev"]);
    const floorArgs = ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"];
    const plans = [
        ["npm run plan (dev)", ["run", "-s", "plan", "--", "--stack", "dev"]],
        ["npm run plan (prod)", ["run", "-s", "plan", "--", "--stack", "prod"]],
        ["npm run plan (dev x3)", ["run", "-s", "plan", "--", "--stack", "dev", "--set", `tap:regions=${JSON.stringify(THREE_REGIONS)}`]],
    ] as const;
    const floorRuns: number[] = [];
    const testFloorRuns: number[] = [];
    const planRuns: number[][] = plans.map(() => []);
    const rebuiltRuns: number[] = [];
    for (let i = 0; i < PLAN_ROUNDS; i++) {
        floorRuns.push(timeOnce(process.execPath, floorArgs).wall);
        plans.forEach(([, args], p) => planRuns[p].push(timeOnce(npm, [...args]).wall));
        rmSync(path.join(root, "dist", ".build-record.json"), { force: true });
        rebuiltRuns.push(timeOnce(npm, [...plans[0][1]]).wall);
    }
    const withTests = !process.argv.includes("--plan");
    // Each timed `npm test` writes jest's JSON report (per-file times): the slowest file is read from the median run.
    const reports = mkdtempSync(path.join(tmpdir(), "tap-bench-"));
    const testRuns: (Timing & { report: string })[] = [];
    for (let i = 0; withTests && i < TEST_ROUNDS; i++) {
        testFloorRuns.push(timeOnce(process.execPath, floorArgs).wall);
        const report = path.join(reports, `jest-${i}.json`);
        testRuns.push({ ...timeOnce(npm, ["test", "--silent", "--", "--json", `--outputFile=${report}`]), report });
    }
    const floor = median(floorRuns);
    console.log(
        `bare require of @pulumi/pulumi + @pulumi/aws: ${floor.toFixed(2)} s (the floor of the plans; median of ${floorRuns.length}, taking turns with them)\n`,
    );
    console.log("what                      median           ratio to floor   target");
    plans.forEach(([label], p) => {
        const wall = median(planRuns[p]);
        const ratio = wall / floor;
        console.log(
            `${label.padEnd(24)}  ${wall.toFixed(2).padStart(6)} s         ${ratio.toFixed(2).padStart(5)}x          <= 2x ${verdict(ratio <= 2)}`,
        );
    });
    const rebuilt = median(rebuiltRuns);
    console.log(
        `${"  dev, after a change".padEnd(24)}  ${rebuilt.toFixed(2).padStart(6)} s         ${(rebuilt / floor).toFixed(2).padStart(5)}x          (every file built again first)`,
    );
    if (!withTests) {
        console.log(`\nload average at the end (1, 5, 15 min): ${load()}`);
        return missed ? 1 : 0;
    }
    const testFloor = median(testFloorRuns);
    console.log(
        `\nbare require of @pulumi/pulumi + @pulumi/aws: ${testFloor.toFixed(2)} s (the floor of npm test; median of ${testFloorRuns.length}, taking turns with it)`,
    );
    const wall = median(testRuns.map((r) => r.wall));
    const cpu = median(testRuns.map((r) => r.cpu));
    console.log(
        `${"npm test".padEnd(24)}  ${wall.toFixed(2).padStart(6)} s wall     ${(wall / testFloor).toFixed(1).padStart(5)}x          <= 20x ${verdict(wall / testFloor <= 20)}`,
    );
    console.log(
        `${"".padEnd(24)}  ${cpu.toFixed(2).padStart(6)} s CPU      ${(cpu / testFloor).toFixed(1).padStart(5)}x (CPU over the floor's wall)`,
    );
    const slowest = slowestTestFile(testRuns.find((r) => r.wall === wall)?.report ?? testRuns[0].report);
    console.log(
        `${"slowest test file".padEnd(24)}  ${slowest.seconds.toFixed(2).padStart(6)} s         ${slowest.file.padEnd(16)} <= 6 s ${verdict(slowest.seconds <= 6)}`,
    );

    await planMillis(1); // warm-up: module loading and JIT
    const millis = [await planMillis(1), await planMillis(2), await planMillis(3)];
    // Linear: each region costs about what the first did. 20% slack for noise on a shared machine.
    const linear = millis[2] <= 3 * millis[0] * 1.2;
    console.log(`\nplanning time by regions (in process): ${millis.map((m, i) => `${i + 1}: ${m.toFixed(0)} ms`).join(", ")}`);
    console.log(`3 regions / 1 region = ${(millis[2] / millis[0]).toFixed(2)} (linear: <= 3) ${verdict(linear)}`);
    console.log(`\nload average at the end (1, 5, 15 min): ${load()}`);
    return missed ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (err: unknown) => {
        console.error(err);
        process.exit(1);
    },
);
