/**
 * The run's plan cache (test/support.ts `cached`): a configuration is planned once per run, the spec
 * files of the other worker wait for its plan instead of planning it again, and a lock left by a
 * holder that died or takes too long never hangs the run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { askPlanServer, cached, Plan, PLAN_CACHE_ENV, PLAN_SERVER_ENV, planCacheFile, planKey } from "./support";

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

/** Each test of the calling describe gets a fresh plan cache directory as the run's (PLAN_CACHE_ENV), removed after it. */
function freshPlanCache(): { readonly dir: string } {
    const cache = { dir: "" };
    const before = process.env[PLAN_CACHE_ENV];
    beforeEach(() => {
        cache.dir = mkdtempSync(path.join(tmpdir(), "tap-plan-cache-spec-"));
        process.env[PLAN_CACHE_ENV] = cache.dir;
    });
    afterEach(() => {
        rmSync(cache.dir, { recursive: true, force: true });
        if (before === undefined) delete process.env[PLAN_CACHE_ENV];
        else process.env[PLAN_CACHE_ENV] = before;
    });
    return cache;
}

describe("the run's plan cache", () => {
    const cache = freshPlanCache();
    const lockFileOf = (key: string) => `${planCacheFile(cache.dir, key)}.lock`;

    it("plans a configuration once while a second asker waits for the first one's plan, and leaves no lock", async () => {
        const first = slowPlan("a");
        const second = slowPlan("b");
        const [one, two] = await Promise.all([cached("k", first.run), cached("k", second.run)]);
        expect([first.counter.runs, second.counter.runs]).toEqual([1, 0]);
        expect(two).toEqual(one);
        expect(readdirSync(cache.dir).filter((f) => !f.endsWith(".json"))).toEqual([]);
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
        expect(await cached("k", next.run, { waitMs: 60_000 })).toEqual(planOf("b"));
        expect(next.counter.runs).toBe(1);
        expect(performance.now() - started).toBeLessThan(10_000);
    });

    it("waits a bounded time for a live holder that never writes its plan, then plans it itself", async () => {
        const lock = lockFileOf("k");
        writeFileSync(lock, String(process.pid)); // alive, and never writing
        const next = slowPlan("b", 10);
        const started = performance.now();
        expect(await cached("k", next.run, { waitMs: 500 })).toEqual(planOf("b"));
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

describe("the cache's `ask`: a plan server writes the plan, or leaves it to the asker", () => {
    const cache = freshPlanCache();

    it("reads the plan the server wrote, planning nothing itself", async () => {
        const own = slowPlan("own", 10);
        const ask = async () => {
            writeFileSync(planCacheFile(cache.dir, "k"), JSON.stringify(planOf("server")));
            return true;
        };
        expect(await cached("k", own.run, { ask })).toEqual(planOf("server"));
        expect(own.counter.runs).toBe(0);
    });

    it("plans itself when the server has no plan for it", async () => {
        const own = slowPlan("own", 10);
        expect(await cached("k", own.run, { ask: async () => false })).toEqual(planOf("own"));
        expect(own.counter.runs).toBe(1);
    });
});

describe("the run's plan server (test/plan-server.ts, started by test/global-setup.cjs)", () => {
    const socket = process.env[PLAN_SERVER_ENV];
    const dir = process.env[PLAN_CACHE_ENV];

    it("runs for this jest run, and answers with the plan written into the run's cache", async () => {
        expect([socket, dir]).toEqual([expect.any(String), expect.any(String)]);
        // The dev stack with no config: the plan most spec files share (made once, here or by them).
        const request = { stack: "dev", config: {}, mutant: process.env.TAP_MUTANT ?? "" };
        expect(await askPlanServer(socket!, request)).toBe(true);
        const plan = JSON.parse(readFileSync(planCacheFile(dir!, planKey("dev", {}, request.mutant)), "utf8")) as Plan;
        expect(plan.resources.length).toBeGreaterThan(100);
    });

    it("answers no for a configuration the program refuses, and still plans the next one", async () => {
        const mutant = process.env.TAP_MUTANT ?? "";
        expect(await askPlanServer(socket!, { stack: "dev", config: { "tap:vpcCidr": "10.0.0.0/8" }, mutant })).toBe(false);
        expect(await askPlanServer(socket!, { stack: "dev", config: {}, mutant })).toBe(true);
    });

    it("answers no when there is no server, at once", async () => {
        expect(await askPlanServer(path.join(tmpdir(), "tap-no-such-plan-server.sock"), { stack: "dev", config: {}, mutant: "" })).toBe(
            false,
        );
    });
});
