/**
 * The e2e suite's safety (unit tests, in `npm test`): the fixture refuses to run, before any AWS
 * call, unless every endpoint is on a loopback address, so it can never write to a real account.
 */
import { deploy, FixtureClients } from "./fixture";
import { assertLoopbackEndpoint, isLoopbackHost } from "./moto";

describe("isLoopbackHost", () => {
    it("accepts 127.0.0.0/8 and ::1 only; never a name, not even localhost", () => {
        expect(["127.0.0.1", "127.1.2.3", "[::1]", "::1"].filter(isLoopbackHost)).toHaveLength(4);
        expect(
            [
                "localhost",
                "10.0.0.1",
                "0.0.0.0",
                "128.0.0.1",
                "ec2.us-east-1.amazonaws.com",
                "127.0.0.1.nip.io",
                "::ffff:127.0.0.1",
                "",
            ].filter(isLoopbackHost),
        ).toEqual([]);
    });
});

describe("assertLoopbackEndpoint", () => {
    it("refuses when AWS_ENDPOINT_URL is unset: the SDK would call real AWS", () => {
        expect(() => assertLoopbackEndpoint({})).toThrow(/AWS_ENDPOINT_URL is not set/);
    });

    it("refuses an endpoint off loopback, or a per-service one that points elsewhere", () => {
        expect(() => assertLoopbackEndpoint({ AWS_ENDPOINT_URL: "https://s3.amazonaws.com" })).toThrow(
            /AWS_ENDPOINT_URL=https:\/\/s3\.amazonaws\.com is not on a loopback address/,
        );
        expect(() => assertLoopbackEndpoint({ AWS_ENDPOINT_URL: "http://localhost:5000" })).toThrow(/not on a loopback address/);
        expect(() =>
            assertLoopbackEndpoint({
                AWS_ENDPOINT_URL: "http://127.0.0.1:5000",
                AWS_ENDPOINT_URL_S3: "https://s3.eu-west-1.amazonaws.com",
            }),
        ).toThrow(/AWS_ENDPOINT_URL_S3=/);
        expect(() => assertLoopbackEndpoint({ AWS_ENDPOINT_URL: "not a url" })).toThrow(/is not a URL/);
    });

    it("accepts a moto server on 127.0.0.1", () => {
        expect(() =>
            assertLoopbackEndpoint({ AWS_ENDPOINT_URL: "http://127.0.0.1:41234", AWS_ENDPOINT_URL_S3: "http://127.0.0.1:41234" }),
        ).not.toThrow();
    });
});

describe("deploy", () => {
    it("makes no AWS call at all when the endpoint is not on loopback", async () => {
        const send = jest.fn();
        const clients = new Proxy({}, { get: () => ({ send }) }) as FixtureClients;
        const saved = process.env.AWS_ENDPOINT_URL;
        process.env.AWS_ENDPOINT_URL = "https://kms.us-east-1.amazonaws.com";
        try {
            await expect(deploy({ project: "tap", stack: "dev", resources: [], outputs: {} }, clients)).rejects.toThrow(/refusing to run/);
        } finally {
            if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
            else process.env.AWS_ENDPOINT_URL = saved;
        }
        expect(send).not.toHaveBeenCalled();
    });
});
