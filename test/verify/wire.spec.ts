/**
 * The verifier's behaviour against a real account's answers, over HTTP: a local server on
 * 127.0.0.1 plays KMS (throttling, 5xx, AccessDenied, an HTML error page, silence) and the real
 * SDK clients of `createClients` talk to it. Pagination is checked with mocked pages.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import {
    EC2Client,
    RouteTable,
    DescribeRouteTablesCommand,
    DescribeLaunchTemplateVersionsCommand,
    DescribeInstancesCommand,
} from "@aws-sdk/client-ec2";
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { Check } from "../../tooling/verify/check";
import { createClients, VerifyClients } from "../../tooling/verify/clients";
import { launchTemplateHardened } from "../../tooling/verify/compute";
import { keyRotationEnabled } from "../../tooling/verify/kms";
import { privateRoutesViaNat } from "../../tooling/verify/network";
import { runCheck, runChecks } from "../../tooling/verify/runner";
import { DEV_OUTPUTS, findings, mockedClients, outputs, REGION } from "./support";

type Answer = (request: IncomingMessage, response: ServerResponse) => void;
const json =
    (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
    (_req, res) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1", ...headers });
        res.end(JSON.stringify(body));
    };
const throttled = json(400, { __type: "ThrottlingException", message: "Rate exceeded" });
const rotationOn = json(200, { KeyRotationEnabled: true, RotationPeriodInDays: 365 });

let server: Server;
let endpoint: string;
/** The targets (`TrentService.GetKeyRotationStatus`) the server was asked for, in order. */
let asked: string[] = [];
/** Answers, in order; the last repeats. */
let script: Answer[] = [];

beforeAll(async () => {
    server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
            asked.push(String(req.headers["x-amz-target"]));
            const answer = script[Math.min(asked.length - 1, script.length - 1)];
            answer(req, res);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
    () =>
        new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
);
beforeEach(() => {
    asked = [];
    script = [];
});

/** Clients made by a test, destroyed after it: a request still waiting must not outlive the test. */
let made: VerifyClients[] = [];
afterEach(() => {
    made.forEach((clients) => Object.values(clients).forEach((client) => client.destroy()));
    made = [];
});
const kmsOnly = (options: Parameters<typeof createClients>[1] = {}): VerifyClients => {
    // The real clients sign their requests: test credentials, passed in (not the environment: other specs share this process).
    const clients = createClients(REGION, { endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, ...options });
    made.push(clients);
    return clients;
};
const rotation = async (clients: VerifyClients, check: Check = keyRotationEnabled, timeoutMs?: number) =>
    runCheck(check, { clients, outputs: outputs() }, { timeoutMs });

describe("retries (the SDK's adaptive strategy)", () => {
    it("is what every client is made with: adaptive, 5 attempts, the SDK's waits (the tests below shorten only the waits)", async () => {
        const clients = createClients(REGION);
        made.push(clients);
        const strategies = await Promise.all(
            Object.values(clients).map(async (client) => [(await client.config.retryStrategy()).mode, await client.config.maxAttempts()]),
        );
        expect(strategies).toEqual(Array(21).fill(["adaptive", 5]));
        expect(strategies).toHaveLength(Object.keys(clients).length);
    });

    // Throttling waits seconds on the SDK's timing (1 s backoff base, then its rate limiter):
    // `retryDelayMs` keeps the strategy and its decisions and shortens only the waits.
    it("retries a throttled call until AWS answers, then judges the answer", async () => {
        script = [throttled, throttled, rotationOn];
        const [finding] = await rotation(kmsOnly({ retryDelayMs: 1 }));
        expect(finding).toMatchObject({ status: "pass", reason: "rotation every 365 days" });
        expect(asked).toEqual(Array(3).fill("TrentService.GetKeyRotationStatus"));
    });

    it("retries a transient 503 (on the SDK's own timing: a 50 ms base)", async () => {
        script = [json(503, { __type: "ServiceUnavailableException", message: "try later" }), rotationOn];
        const [finding] = await rotation(kmsOnly());
        expect(finding.status).toBe("pass");
        expect(asked).toHaveLength(2);
    });

    it("gives up after maxAttempts, failing as unverified with the error, the action and the attempts", async () => {
        script = [throttled];
        const [finding] = await rotation(kmsOnly({ maxAttempts: 2, retryDelayMs: 1 }));
        expect(finding).toMatchObject({
            status: "fail",
            reason: "could not verify: ThrottlingException on kms:GetKeyRotationStatus after 2 attempts: Rate exceeded",
        });
        expect(asked).toHaveLength(2);
    });
});

describe("a missing permission", () => {
    it("is 'could not verify: AccessDenied on <action>', never a pass, and is not retried", async () => {
        script = [
            json(400, {
                __type: "AccessDeniedException",
                message: "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: kms:GetKeyRotationStatus on this resource",
            }),
        ];
        const [finding] = await rotation(kmsOnly());
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(/^could not verify: AccessDenied on kms:GetKeyRotationStatus \(AccessDeniedException: User: /);
        expect(asked).toHaveLength(1);
    });
});

describe("an API the endpoint does not implement (moto's HTML 500 page)", () => {
    it("is a clear 'could not verify', not a JSON parse error", async () => {
        script = [
            (_req, res) => {
                res.writeHead(500, { "content-type": "text/html" });
                res.end("<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>");
            },
        ];
        const [finding] = await rotation(kmsOnly({ maxAttempts: 2 }));
        expect(finding.status).toBe("fail");
        expect(finding.reason).toBe(
            "could not verify: kms:GetKeyRotationStatus answered HTTP 500 with a body that is not an AWS response: the endpoint does not implement this API (or a proxy answered)",
        );
        expect(finding.reason).not.toMatch(/JSON|SyntaxError|Deserialization/);
    });
});

describe("a bounded run", () => {
    const silent: Answer = () => undefined; // never answers

    it("abandons a request that does not answer within the request timeout, retries, then fails as unverified", async () => {
        script = [silent];
        const started = performance.now();
        const [finding] = await rotation(kmsOnly({ requestTimeoutMs: 100, maxAttempts: 2 }));
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(
            /^could not verify: TimeoutError on kms:GetKeyRotationStatus after 2 attempts: .*100 ms requestTimeout/,
        );
        expect(asked).toHaveLength(2);
        expect(performance.now() - started).toBeLessThan(5000);
    });

    it("fails a check that is still waiting at its deadline, and the whole run ends by then", async () => {
        script = [silent];
        const hung: Check = { ...keyRotationEnabled, id: "kms.hung" };
        const started = performance.now();
        const result = await runChecks(
            [keyRotationEnabled, hung],
            { clients: kmsOnly({ requestTimeoutMs: 60_000, maxAttempts: 1 }), outputs: outputs() },
            { timeoutMs: 100 },
        );
        expect(result.map((f) => [f.checkId, f.status, f.reason])).toEqual([
            ["kms.rotation", "fail", "could not verify: Timeout: no answer within 0.1 s (retries included)"],
            ["kms.hung", "fail", "could not verify: Timeout: no answer within 0.1 s (retries included)"],
        ]);
        expect(performance.now() - started).toBeLessThan(2000);
    });
});

describe("pagination", () => {
    it("reads every page of route tables: a private subnet's table on page 2 is found", async () => {
        const mocks = mockedClients({ ec2: new EC2Client({ region: REGION }) });
        const [first, second] = DEV_OUTPUTS.privateSubnetIds;
        const table = (subnet: string, n: number): RouteTable => ({
            RouteTableId: `rtb-${n}`,
            Associations: [{ SubnetId: subnet }],
            Routes: [{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: DEV_OUTPUTS.natGatewayIds[0], State: "active" as const }],
        });
        mocks.ec2
            .on(DescribeRouteTablesCommand)
            .resolvesOnce({ RouteTables: [table(first, 1)], NextToken: "page-2" })
            .resolvesOnce({ RouteTables: [table(second, 2)] });
        const result = await findings(privateRoutesViaNat, mocks);
        expect(result.map((f) => f.status)).toEqual(["pass", "pass"]);
        expect(mocks.ec2.commandCalls(DescribeRouteTablesCommand)[1].args[0].input).toMatchObject({ NextToken: "page-2" });
    });

    it("reads every page of launch template versions: a weak version on page 2 fails", async () => {
        const mocks = mockedClients({ ec2: new EC2Client({ region: REGION }), autoScaling: new AutoScalingClient({ region: REGION }) });
        const members = [1, 2].map((v) => ({
            InstanceId: `i-${v}`,
            LifecycleState: "InService",
            LaunchTemplate: { LaunchTemplateId: "lt-1", Version: String(v) },
        }));
        mocks.autoScaling
            .on(DescribeAutoScalingGroupsCommand)
            .resolves({ AutoScalingGroups: [{ AutoScalingGroupName: DEV_OUTPUTS.autoScalingGroupName, Instances: members } as never] });
        mocks.ec2
            .on(DescribeInstancesCommand)
            .resolves({ Reservations: [{ Instances: members.map((m) => ({ InstanceId: m.InstanceId })) }] });
        const hardened = { HttpTokens: "required" as const, HttpPutResponseHopLimit: 1 };
        mocks.ec2
            .on(DescribeLaunchTemplateVersionsCommand)
            .resolvesOnce({
                LaunchTemplateVersions: [{ VersionNumber: 1, LaunchTemplateData: { MetadataOptions: hardened } }],
                NextToken: "page-2",
            })
            .resolvesOnce({
                LaunchTemplateVersions: [
                    { VersionNumber: 2, LaunchTemplateData: { MetadataOptions: { ...hardened, HttpTokens: "optional" } } },
                ],
            });
        const result = await findings(launchTemplateHardened, mocks);
        expect(result.map((f) => [f.resource, f.status])).toEqual([
            ["lt-1 v1", "pass"],
            ["lt-1 v2", "fail"],
        ]);
        expect(result[1].reason).toContain("MetadataOptions.HttpTokens optional");
    });
});
