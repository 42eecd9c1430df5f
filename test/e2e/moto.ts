/**
 * One moto server (a local AWS API emulator) per test file: started on 127.0.0.1 with a port the
 * OS picks (`-p 0`), stopped by the PID this process started, also when a test fails. Every AWS
 * call of the e2e suite goes to it; `assertLoopbackEndpoint` refuses any other endpoint.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { request } from "node:http";
import { isIP } from "node:net";

export interface MotoServer {
    readonly pid: number;
    /** `http://127.0.0.1:<port>` */
    readonly endpoint: string;
    /** The environment that sends the SDK (and `npm run verify`) to this server with fake credentials. */
    readonly env: Readonly<Record<string, string>>;
    /** Wipes every resource of every service (moto's `POST /moto-api/reset`). */
    reset(): Promise<void>;
    stop(): Promise<void>;
}

/** Whether `moto_server` is on the PATH (CI skips the e2e step, saying so, where it is not). */
export function motoAvailable(): boolean {
    const probe = spawnSync("moto_server", ["--help"], { stdio: "ignore" });
    return !probe.error && probe.status === 0;
}

/** Hosts that never leave this machine. `localhost` is not one of them: S3 would call `<bucket>.localhost`. */
export function isLoopbackHost(host: string): boolean {
    const bare = host.replace(/^\[|\]$/g, "");
    if (isIP(bare) === 4) return bare.startsWith("127.");
    if (isIP(bare) === 6) return bare === "::1";
    return false;
}

/**
 * Throws unless `AWS_ENDPOINT_URL` is set to a loopback IP address and no per-service
 * `AWS_ENDPOINT_URL_<SERVICE>` points elsewhere: without it the same SDK calls, with real
 * credentials, would write to a real account.
 */
export function assertLoopbackEndpoint(env: NodeJS.ProcessEnv): void {
    const endpoints = Object.entries(env).filter(([key, value]) => key.startsWith("AWS_ENDPOINT_URL") && value !== undefined);
    if (!env.AWS_ENDPOINT_URL) {
        throw new Error(
            "refusing to run: AWS_ENDPOINT_URL is not set, so the SDK would call real AWS; point it at a local moto_server (http://127.0.0.1:<port>)",
        );
    }
    for (const [key, value] of endpoints) {
        let host: string;
        try {
            host = new URL(value!).hostname;
        } catch {
            throw new Error(`refusing to run: ${key}=${value} is not a URL`);
        }
        if (!isLoopbackHost(host)) {
            throw new Error(
                `refusing to run: ${key}=${value} is not on a loopback address (127.0.0.0/8 or ::1); the e2e fixture writes resources and must never reach a real account`,
            );
        }
    }
}

const READY_TIMEOUT_MS = 20_000;

/** The HTTP status of one request, on a connection of its own (no keep-alive socket outlives the test). */
function status(method: string, url: string, timeoutMs = 1000): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = request(url, { method, agent: false, timeout: timeoutMs }, (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
        });
        req.on("timeout", () => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs / 1000} s`)));
        req.on("error", reject);
        req.end();
    });
}

const answers = (endpoint: string) =>
    status("GET", `${endpoint}/moto-api/`).then(
        (code) => code === 200,
        () => false,
    );

function exited(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", () => resolve());
    });
}

/** Starts `moto_server -H 127.0.0.1 -p 0`, reads the port it prints, waits until it answers. */
export async function startMoto(): Promise<MotoServer> {
    // AWS's managed policies (AWSSupportAccess, AWS_ConfigRole, ...) exist only when moto is told to load them.
    const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
    });
    const pid = child.pid;
    if (pid === undefined) throw new Error("moto_server did not start (is it installed? pip install 'moto[server]')");
    let log = "";
    // Should the test process end without afterAll (a crash, a kill), the server ends with it.
    const onExit = () => {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
    };
    process.once("exit", onExit);
    const stop = async () => {
        process.removeListener("exit", onExit);
        if (child.exitCode === null && child.signalCode === null) {
            process.kill(pid, "SIGTERM");
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([
                exited(child),
                new Promise((r) => {
                    timer = setTimeout(r, 5000);
                }),
            ]);
            clearTimeout(timer);
            if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
        }
    };
    try {
        const endpoint = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(
                () => reject(new Error(`moto_server printed no address within ${READY_TIMEOUT_MS / 1000} s:\n${log}`)),
                READY_TIMEOUT_MS,
            );
            const read = (chunk: Buffer) => {
                log += chunk.toString();
                const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
                if (match) {
                    clearTimeout(timer);
                    resolve(match[1]);
                }
            };
            child.stdout!.on("data", read);
            child.stderr!.on("data", read);
            child.once("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`moto_server exited (${code}) before answering:\n${log}`));
            });
        });
        const deadline = performance.now() + READY_TIMEOUT_MS;
        while (!(await answers(endpoint))) {
            if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}):\n${log}`);
            if (performance.now() > deadline)
                throw new Error(`moto_server at ${endpoint} did not answer within ${READY_TIMEOUT_MS / 1000} s`);
            await new Promise((r) => setTimeout(r, 100));
        }
        // The server logs every request to stderr: drain it so the pipe never fills.
        child.stdout!.removeAllListeners("data").resume();
        child.stderr!.removeAllListeners("data").resume();
        return {
            pid,
            endpoint,
            env: {
                AWS_ENDPOINT_URL: endpoint,
                AWS_ACCESS_KEY_ID: "testing",
                AWS_SECRET_ACCESS_KEY: "testing",
                AWS_SESSION_TOKEN: "testing",
                AWS_REGION: "us-east-1",
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            },
            async reset() {
                // A reset rebuilds the IAM backend with AWS's managed policies: a second or more on a busy machine.
                const code = await status("POST", `${endpoint}/moto-api/reset`, 15_000);
                if (code !== 200) throw new Error(`moto reset answered ${code}`);
            },
            stop,
        };
    } catch (err) {
        await stop();
        throw err;
    }
}
