/**
 * The tap-security pack (policy/serve-pack.ts), started by Pulumi's own policy runner from the policy/
 * directory exactly as `pulumi preview --policy-pack policy` starts it, answers the engine's gRPC
 * calls (on 127.0.0.1) with the rules' verdicts. The runner type-checks the pack with ts-node
 * before it serves: about 4 s of CPU, which is why this is part of the wire tests
 * (`npm run test:e2e`) rather than `npm test`. Needs no moto server. The adapter itself:
 * test/policy/crossguard.spec.ts.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

// The runner type-checks the pack with ts-node before it serves (most of this file's time): it
// starts first, and this file loads the rest (Pulumi, gRPC) meanwhile.
const runner = startRunner();
afterAll(() => {
    runner.child.kill();
});

import { TAP_POLICIES } from "../../policy/api";

/* eslint-disable @typescript-eslint/no-require-imports -- the engine's own gRPC stubs, as @pulumi/policy's server loads them */
const grpc = require("@grpc/grpc-js");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

/** How the engine sends a string it cannot know during a preview. */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const urn = (type: string, name: string) => `urn:pulumi:dev::tap::${type}::${name}`;
const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

/** Starts policy/ with Pulumi's policy runner, as the CLI does (`pulumi-analyzer-policy`); resolves with the port it serves on. */
function startRunner(): { child: ChildProcess; port: Promise<string> } {
    const runnerPath = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    const child = spawn(process.execPath, [runnerPath, "127.0.0.1:0", "."], {
        cwd: path.resolve(__dirname, "../../policy"),
        stdio: ["ignore", "pipe", "pipe"],
    });
    const port = new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const line = /^(\d+)\s*$/m.exec(out);
            if (line) resolve(line[1]);
        });
        child.stderr!.on("data", (chunk: Buffer) => {
            err += chunk.toString();
        });
        child.on("exit", (code) => reject(new Error(`the policy pack exited (${code}) before serving:\n${out}${err}`)));
    });
    port.catch(() => undefined); // reported by the tests that wait for it
    return { child, port };
}

/** Connects to the pack the runner serves. */
async function startPack(): Promise<{
    child: ChildProcess;
    client: Record<string, (req: unknown, cb: (err: Error | null, res: unknown) => void) => void>;
}> {
    const port = await runner.port;
    return { child: runner.child, client: new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

const call = <T>(
    client: Record<string, (req: unknown, cb: (err: Error | null, res: unknown) => void) => void>,
    method: string,
    request: unknown,
) => new Promise<T>((resolve, reject) => client[method](request, (err, res) => (err ? reject(err) : resolve(res as T))));

interface Diagnostic {
    getPolicyname(): string;
    getEnforcementlevel(): number;
    getMessage(): string;
    getUrn(): string;
}
const MANDATORY = 1;

function analyzerResource(kind: "AnalyzeRequest" | "AnalyzerResource", type: string, name: string, props: Record<string, unknown>) {
    const r = new analyzerPb[kind]();
    r.setType(type);
    r.setName(name);
    r.setUrn(urn(type, name));
    r.setProperties(Struct.fromJavaScript(props));
    r.setOptions(new analyzerPb.AnalyzerResourceOptions());
    return r;
}

describe("the tap-security pack under Pulumi's policy runner (policy/, gRPC)", () => {
    let pack: Awaited<ReturnType<typeof startPack>>;
    beforeAll(async () => {
        pack = await startPack();
    }, 60_000);

    it("serves every policy of the table, under the pack's name, with its enforcement level", async () => {
        const info = await call<{ getName(): string; getPoliciesList(): Array<{ getName(): string; getEnforcementlevel(): number }> }>(
            pack.client,
            "getAnalyzerInfo",
            new Empty(),
        );
        expect(info.getName()).toBe("tap-security");
        const served = Object.fromEntries(
            info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel() === MANDATORY ? "mandatory" : "advisory"]),
        );
        expect(served).toEqual(Object.fromEntries(TAP_POLICIES.map((p) => [p.name, p.enforcementLevel])));
    });

    it("refuses seed 000's trail selector during a preview, and runs despite the bucket name being unknown", async () => {
        const request = analyzerResource("AnalyzeRequest", "aws:cloudtrail/trail:Trail", "trail", {
            s3BucketName: UNKNOWN_STRING,
            kmsKeyId: UNKNOWN_STRING,
            enableLogFileValidation: true,
            isMultiRegionTrail: true,
            cloudWatchLogsGroupArn: UNKNOWN_STRING,
            cloudWatchLogsRoleArn: UNKNOWN_STRING,
            eventSelectors: [
                {
                    readWriteType: "All",
                    includeManagementEvents: true,
                    dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::*/"] }],
                },
            ],
        });
        const response = await call<{ getDiagnosticsList(): Diagnostic[] }>(pack.client, "analyze", request);
        const diagnostics = response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()]);
        expect(diagnostics).toEqual([["cloudtrail-s3-data-event-selectors", MANDATORY]]);
    });

    it("checks relations by property dependency while ids are unknown, reporting the offending resource's URN", async () => {
        const resource = (type: string, name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}) => {
            const r = analyzerResource("AnalyzerResource", type, name, props);
            for (const [key, urns] of Object.entries(deps)) {
                const d = new analyzerPb.AnalyzerPropertyDependencies();
                d.setUrnsList(urns);
                r.getPropertydependenciesMap().set(key, d);
            }
            r.setDependenciesList(Object.values(deps).flat());
            return r;
        };
        const request = new analyzerPb.AnalyzeStackRequest();
        request.setResourcesList([
            resource(BUCKET, "logs", { bucket: UNKNOWN_STRING, arn: UNKNOWN_STRING, forceDestroy: true }),
            resource(BUCKET, "data", { bucket: UNKNOWN_STRING, arn: UNKNOWN_STRING, forceDestroy: true }),
            resource(
                PAB,
                "logs-pab",
                {
                    bucket: UNKNOWN_STRING,
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                },
                { bucket: [urn(BUCKET, "logs")] },
            ),
        ]);
        const response = await call<{ getDiagnosticsList(): Diagnostic[] }>(pack.client, "analyzeStack", request);
        const pab = response.getDiagnosticsList().filter((d) => d.getPolicyname() === "s3-bucket-public-access-block-attached");
        expect(pab.map((d) => d.getUrn())).toEqual([urn(BUCKET, "data")]);
        expect(response.getDiagnosticsList().filter((d) => /can't run/.test(d.getMessage()))).toEqual([]);
    });

    it("reads the engine's protect option: in a stack that protects its key, an unprotected bucket is reported", async () => {
        const resource = (type: string, name: string, props: Record<string, unknown>, protect: boolean) => {
            const r = analyzerResource("AnalyzerResource", type, name, props);
            r.getOptions().setProtect(protect);
            return r;
        };
        const analyze = async (bucketProtected: boolean) => {
            const request = new analyzerPb.AnalyzeStackRequest();
            request.setResourcesList([
                resource("aws:kms/key:Key", "key", { policy: UNKNOWN_STRING }, true),
                resource(BUCKET, "logs", { bucket: UNKNOWN_STRING, arn: UNKNOWN_STRING }, bucketProtected),
            ]);
            const response = await call<{ getDiagnosticsList(): Diagnostic[] }>(pack.client, "analyzeStack", request);
            return response
                .getDiagnosticsList()
                .filter((d) => d.getPolicyname() === "stateful-resources-protected")
                .map((d) => d.getUrn());
        };
        expect(await analyze(false)).toEqual([urn(BUCKET, "logs")]);
        expect(await analyze(true)).toEqual([]);
    });
});
