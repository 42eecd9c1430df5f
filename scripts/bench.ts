/**
 * npm run bench: wall time, on this machine, of the offline plan (dev, prod) and of the unit
 * test run; the median of 3 runs each. Targets (2 cores): plan < 2.5 s, unit tests < 20 s.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const tsx = require.resolve("tsx/cli");
const jest = require.resolve("jest/bin/jest");

interface Bench { readonly label: string; readonly args: string[]; readonly targetSeconds: number }

const benches: Bench[] = [
    { label: "plan dev", args: [tsx, "scripts/plan.ts", "--stack", "dev"], targetSeconds: 2.5 },
    { label: "plan prod", args: [tsx, "scripts/plan.ts", "--stack", "prod"], targetSeconds: 2.5 },
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

let missed = 0;
console.log("what          median   runs (s)              target");
for (const bench of benches) {
    const runs = [0, 1, 2].map(() => timeOnce(bench.args));
    const m = median(runs);
    const ok = m < bench.targetSeconds;
    if (!ok) missed++;
    console.log(`${bench.label.padEnd(12)}  ${m.toFixed(2).padStart(6)}   ${runs.map((r) => r.toFixed(2)).join(" ").padEnd(20)}  < ${bench.targetSeconds} s ${ok ? "ok" : "MISSED"}`);
}
process.exit(missed ? 1 : 0);
