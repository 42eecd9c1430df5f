/**
 * The run's plan cache (test/support.ts `cached`): a configuration is planned once per run, the spec
 * files of the other worker wait for its plan instead of planning it again, and a lock left by a
 * holder that died or takes too long never hangs the run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { cached, Plan, PLAN_CACHE_ENV, planCacheFile } from "./support";

const planOf = (stack: string): Plan => ({ project: "tap", stack, resources: [], outputs: { stack } });

/** A plan that takes `ms` and counts its runs. */
function slowPlan(stack: string, ms = 300) {
    const counter = { runs: 0 };
    const run = async () => {
        counter.runs++;
        await new Promise((done) => setTimeout(done, ms));
        return planOf(stack);
    };
    return { counter, run };
}

describe("the run's plan cache", () => {
    let dir: string;
    const before = process.env[PLAN_CACHE_ENV];
    beforeEach(() => {
        dir = mkdtempSync(path.join(tmpdir(), "tap-plan-cache-spec-"));
        process.env[PLAN_CACHE_ENV] = dir;
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
        if (before === undefined) delete process.env[PLAN_CACHE_ENV];
        else process.env[PLAN_CACHE_ENV] = before;
    });
    const lockFileOf = (key: string) => `${planCacheFile(dir, key)}.lock`;

    it("plans a configuration once while a second asker waits for the first one's plan, and leaves no lock", async () => {
        const first = slowPlan("a");
        const second = slowPlan("b");
        const [one, two] = await Promise.all([cached("k", first.run), cached("k", second.run)]);
        expect([first.counter.runs, second.counter.runs]).toEqual([1, 0]);
        expect(two).toEqual(one);
        expect(readdirSync(dir).filter((f) => !f.endsWith(".json"))).toEqual([]);
        // Read from the cache afterwards, planned by nobody.
        const third = slowPlan("c");
        expect(await cached("k", third.run)).toEqual(planOf("a"));
        expect(third.counter.runs).toBe(0);
    });

    it("plans a different configuration without waiting", async () => {
        const first = slowPlan("a");
        const other = slowPlan("b");
        await Promise.all([cached("k1", first.run), cached("k2", other.run)]);
        expect([first.counter.runs, other.counter.runs]).toEqual([1, 1]);
    });

    it("does not wait for a holder that died: its configuration is planned by the next asker", async () => {
        const lock = lockFileOf("k");
        const dead = spawnSync(process.execPath, ["-e", ""]).pid!; // a process that has exited
        writeFileSync(lock, String(dead));
        const next = slowPlan("b", 10);
        const started = performance.now();
        expect(await cached("k", next.run, 60_000)).toEqual(planOf("b"));
        expect(next.counter.runs).toBe(1);
        expect(performance.now() - started).toBeLessThan(10_000);
    });

    it("waits a bounded time for a live holder that never writes its plan, then plans it itself", async () => {
        const lock = lockFileOf("k");
        writeFileSync(lock, String(process.pid)); // alive, and never writing
        const next = slowPlan("b", 10);
        const started = performance.now();
        expect(await cached("k", next.run, 500)).toEqual(planOf("b"));
        expect(next.counter.runs).toBe(1);
        expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    });

    it("hands a failed plan's configuration to the asker that waited: it plans it itself (and fails the same way)", async () => {
        const failing = async () => {
            await new Promise((done) => setTimeout(done, 200));
            throw new Error("bad config");
        };
        const waiting = slowPlan("b", 10);
        const [one, two] = await Promise.allSettled([cached("k", failing), cached("k", waiting.run)]);
        expect(one.status).toBe("rejected");
        expect(two).toEqual({ status: "fulfilled", value: planOf("b") });
        expect(waiting.counter.runs).toBe(1);
    });
});
