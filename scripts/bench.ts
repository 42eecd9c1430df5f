/**
 * npm run bench: on this machine, in one run so that the figures compare as ratios whatever the
 * machine's speed that day (medians of 3):
 *   - a bare `require('@pulumi/pulumi'); require('@pulumi/aws')`: the floor any plan pays;
 *   - `npm run plan` of dev, prod and dev over three regions, each as a ratio to that floor
 *     (target <= 2x: npm, the program's own imports and planning on the mocks are the overhead;
 *     tooling/plan/ts-loader.cjs says how the plan starts);
 *   - the unit tests (`npm test`): wall time (target <= 12 s on 2 cores), CPU time, and the
 *     slowest test file (target <= 6 s);
 *   - how the program's planning time grows with the number of regions (in process: linear).
 * `npm run bench -- --plan` stops after the plans.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { tapProgram } from "../lib/program";
import { runOnMocks } from "../tooling/mock-runtime/harness";

const root = path.resolve(__dirname, "..");
const THREE_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
/** Rounds of the floor and the three plans. */
const PLAN_ROUNDS = 5;

interface Timing { readonly wall: number; readonly cpu: number }

/** Wall and CPU seconds (user + system of the child and its children) of one command. */
function timeOnce(command: string, args: string[]): Timing {
    const start = process.hrtime.bigint();
    const run = spawnSync("/usr/bin/env", ["bash", "-c", 'TIMEFORMAT="%U %S"; { time "$@" >/dev/null 2>&1; } 2>&1', "bench", command, ...args], { cwd: root, encoding: "utf8" });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const [user, sys] = run.stdout.trim().split(/\s+/).slice(-2).map(Number);
    if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stdout}${run.stderr}`);
    return { wall, cpu: user + sys };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medianOf = (command: string, args: string[]) => {
    const runs = [0, 1, 2].map(() => timeOnce(command, args));
    return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), runs };
};

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

/** The slowest test file of one jest run, from its JSON report. */
function slowestTestFile(): { file: string; seconds: number } {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "tap-bench-")), "jest.json");
    spawnSync(npm, ["test", "--silent", "--", "--json", `--outputFile=${out}`], { cwd: root, encoding: "utf8" });
    const report = JSON.parse(readFileSync(out, "utf8")) as { testResults: { name: string; startTime: number; endTime: number }[] };
    const slowest = report.testResults.map((t) => ({ file: path.relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000 }))
        .sort((a, b) => b.seconds - a.seconds)[0];
    return slowest;
}

async function main(): Promise<number> {
    let missed = 0;
    const verdict = (ok: boolean) => {
        if (!ok) missed++;
        return ok ? "ok" : "MISSED";
    };
    // Untimed: after a change of the sources the first plan transpiles them and fills V8's code
    // cache (tooling/plan/ts-loader.cjs), as any plan after it finds them.
    timeOnce(npm, ["run", "-s", "plan", "--", "--stack", "dev"]);
    // The floor and the plans take turns, so that a change of the machine's load touches them alike.
    const floorArgs = ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"];
    const plans = [
        ["npm run plan (dev)", ["run", "-s", "plan", "--", "--stack", "dev"]],
        ["npm run plan (prod)", ["run", "-s", "plan", "--", "--stack", "prod"]],
        ["npm run plan (dev x3)", ["run", "-s", "plan", "--", "--stack", "dev", "--set", `tap:regions=${JSON.stringify(THREE_REGIONS)}`]],
    ] as const;
    const floorRuns: number[] = [];
    const planRuns: number[][] = plans.map(() => []);
    for (let i = 0; i < PLAN_ROUNDS; i++) {
        floorRuns.push(timeOnce(process.execPath, floorArgs).wall);
        plans.forEach(([, args], p) => planRuns[p].push(timeOnce(npm, [...args]).wall));
    }
    const floor = median(floorRuns);
    console.log(`bare require of @pulumi/pulumi + @pulumi/aws: ${floor.toFixed(2)} s (the floor; median of ${PLAN_ROUNDS}, taking turns with the plans)\n`);
    console.log("what                      median   ratio to floor   target");
    plans.forEach(([label], p) => {
        const wall = median(planRuns[p]);
        const ratio = wall / floor;
        console.log(`${label.padEnd(24)}  ${wall.toFixed(2).padStart(6)} s   ${ratio.toFixed(2).padStart(5)}x          <= 2x ${verdict(ratio <= 2)}`);
    });
    if (process.argv.includes("--plan")) return missed ? 1 : 0;
    const tests = medianOf(npm, ["test", "--silent"]);
    console.log(`${"npm test".padEnd(24)}  ${tests.wall.toFixed(2).padStart(6)} s   (CPU ${tests.cpu.toFixed(1)} s)     <= 12 s ${verdict(tests.wall <= 12)}`);
    const slowest = slowestTestFile();
    console.log(`${"slowest test file".padEnd(24)}  ${slowest.seconds.toFixed(2).padStart(6)} s   ${slowest.file.padEnd(16)} <= 6 s ${verdict(slowest.seconds <= 6)}`);

    await planMillis(1); // warm-up: module loading and JIT
    const millis = [await planMillis(1), await planMillis(2), await planMillis(3)];
    // Linear: each region costs about what the first did. 20% slack for noise on a shared machine.
    const linear = millis[2] <= 3 * millis[0] * 1.2;
    console.log(`\nplanning time by regions (in process): ${millis.map((m, i) => `${i + 1}: ${m.toFixed(0)} ms`).join(", ")}`);
    console.log(`3 regions / 1 region = ${(millis[2] / millis[0]).toFixed(2)} (linear: <= 3) ${verdict(linear)}`);
    return missed ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err);
    process.exit(1);
});
