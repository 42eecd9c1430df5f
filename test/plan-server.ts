/**
 * The run's plan server: one node process that makes every whole-stack plan the spec files ask for
 * (test/support.ts `planTap`), from dist/ (the JavaScript test/global-setup.cjs has just built from
 * the same sources), and writes each to the run's plan cache as JSON for the spec files to read.
 *
 * Why: a whole-stack plan made inside a jest spec file costs 2-5x the CPU of the same plan in plain
 * node (measured on the suite's 33 configurations, node 22: 52 s of CPU under jest, 15 s here in one
 * process), because every spec file loads the program and Pulumi afresh in its own module registry and
 * runs them cold. Here they load once and stay warm. Plans are made one at a time (the mock runtime is
 * one per process), each configuration once.
 *
 * Started by test/global-setup.cjs (`node dist/test/plan-server.js <cache dir> <socket>`, with an IPC
 * channel it answers "ready" on; the spec files find the socket in PLAN_SERVER_ENV), stopped by
 * test/global-teardown.cjs; it also exits when jest goes away (the IPC channel closes). Protocol, over
 * the Unix socket: one connection per plan, the request as one JSON line `{ stack, config, mutant }`, the answer as one JSON
 * line, `{ ok: true }` once the plan is in the cache or `{ ok: false, error }`. A spec that gets no
 * plan this way (no server, an error, a bad configuration) plans in its own process, as without the
 * server: the program's own error, with its class and stack, is the one the spec sees.
 */
import { createServer, Socket } from "node:net";
import { PLAN_CACHE_ENV, PLAN_SERVER_ENV, PlanRequest, planTap } from "./support";

function main(): void {
    const [dir, socketPath] = process.argv.slice(2);
    if (!dir || !socketPath) throw new Error("usage: plan-server <plan cache directory> <socket path>");
    // This process plans through the cache itself, never through a server.
    process.env[PLAN_CACHE_ENV] = dir;
    delete process.env[PLAN_SERVER_ENV];

    let queue: Promise<unknown> = Promise.resolve();
    /** Plans in turn: the mock runtime is one per process (and TAP_MUTANT is read while planning). */
    const plan = (request: PlanRequest): Promise<unknown> => {
        const job = queue.then(() => {
            if (request.mutant) process.env.TAP_MUTANT = request.mutant;
            else delete process.env.TAP_MUTANT;
            return planTap(request.config, request.stack);
        });
        queue = job.catch(() => undefined);
        return job;
    };

    const server = createServer((socket: Socket) => {
        let received = "";
        socket.setEncoding("utf8");
        socket.on("error", () => socket.destroy());
        socket.on("data", (chunk: string) => {
            received += chunk;
            const end = received.indexOf("\n");
            if (end < 0) return;
            const answer = (body: object) => socket.end(`${JSON.stringify(body)}\n`);
            let request: PlanRequest;
            try {
                request = JSON.parse(received.slice(0, end)) as PlanRequest;
            } catch (err) {
                answer({ ok: false, error: String(err) });
                return;
            }
            plan(request).then(
                () => answer({ ok: true }),
                (err: unknown) => answer({ ok: false, error: err instanceof Error ? err.message : String(err) }),
            );
        });
    });
    server.listen(socketPath, () => process.send?.("ready"));
    // jest gone (or its teardown done): nothing will ask any more.
    process.on("disconnect", () => process.exit(0));
}

main();
