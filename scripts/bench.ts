/**
 * npm run bench: wall time, on this machine, of the offline plan (dev, prod, dev over three
 * regions) and of the unit test run, the median of 3 runs each; then how the program's own
 * planning time grows with the number of regions (in one process, startup excluded).
 * Targets (2 cores): plan < 2.5 s, unit tests < 20 s, growth no worse than linear.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { tapProgram } from "../lib/program";
import { runOnMocks } from "../tooling/mock-runtime/harness";

const root = path.resolve(__dirname, "..");
const THREE_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const tsx = require.resolve("tsx/cli");
const jest = require.resolve("jest/bin/jest");

interface Bench { readonly label: string; readonly args: string[]; readonly targetSeconds: number }

const benches: Bench[] = [
    { label: "plan dev", args: [tsx, "scripts/plan.ts", "--stack", "dev"], targetSeconds: 2.5 },
    { label: "plan prod", args: [tsx, "scripts/plan.ts", "--stack", "prod"], targetSeconds: 2.5 },
    { label: "plan dev x3", args: [tsx, "scripts/plan.ts", "--stack", "dev", "--set", `tap:regions=${JSON.stringify(THREE_REGIONS)}`], targetSeconds: 2.5 },
    { label: "unit tests", args: [jest, "--silent"], targetSeconds: 20 },
];

function timeOnce(args: string[]): number {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
    return seconds;
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

async function main(): Promise<number> {
    let missed = 0;
    console.log("what          median   runs (s)              target");
    for (const bench of benches) {
        const runs = [0, 1, 2].map(() => timeOnce(bench.args));
        const m = median(runs);
        const ok = m < bench.targetSeconds;
        if (!ok) missed++;
        console.log(`${bench.label.padEnd(12)}  ${m.toFixed(2).padStart(6)}   ${runs.map((r) => r.toFixed(2)).join(" ").padEnd(20)}  < ${bench.targetSeconds} s ${ok ? "ok" : "MISSED"}`);
    }

    await planMillis(1); // warm-up: module loading and JIT
    const millis = [await planMillis(1), await planMillis(2), await planMillis(3)];
    // Linear: each region costs about what the first did. 20% slack for noise on a shared machine.
    const linear = millis[2] <= 3 * millis[0] * 1.2;
    if (!linear) missed++;
    console.log(`\nplanning time by regions (in process): ${millis.map((m, i) => `${i + 1}: ${m.toFixed(0)} ms`).join(", ")}`);
    console.log(`3 regions / 1 region = ${(millis[2] / millis[0]).toFixed(2)} (linear: <= 3) ${linear ? "ok" : "MISSED"}`);
    return missed ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err);
    process.exit(1);
});
