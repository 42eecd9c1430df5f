/**
 * The verify fixtures: every one is a response AWS documents, with its source, and loads into
 * what the SDK returns; a fixture without a source does not load.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fixtureNames, readFixture, sdkResponse } from "./fixtures";

describe("verify fixtures", () => {
    const names = fixtureNames();

    it("exist", () => {
        expect(names.length).toBeGreaterThan(5);
    });

    it.each(names)("%s names where AWS documents it and loads through the SDK", async (name) => {
        const fixture = readFixture(name);
        expect(fixture.source).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|github\.com\/aws\/)/);
        expect(await sdkResponse(name)).toEqual(expect.any(Object));
    });

    it("refuses a fixture without a source, or with one that is not a URL", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "tap-fixtures-"));
        mkdirSync(path.join(dir, "config"));
        const body = { client: "config", operation: "DescribeDeliveryChannelStatus", format: "json", body: { DeliveryChannelsStatus: [] } };
        writeFileSync(path.join(dir, "config", "none.json"), JSON.stringify(body));
        writeFileSync(path.join(dir, "config", "vague.json"), JSON.stringify({ ...body, source: "the SDK's types" }));
        expect(fixtureNames(dir)).toEqual(["config/none", "config/vague"]);
        expect(() => readFixture("config/none", dir)).toThrow(/fixture config\/none has no source/);
        expect(() => readFixture("config/vague", dir)).toThrow(/has no source/);
    });

    it("hands the check what AWS sends: Config's upper-case status and a Date for the epoch seconds", async () => {
        const out = await sdkResponse<{ ConfigurationRecordersStatus: { lastStatus: string; lastStatusChangeTime: Date }[] }>(
            "config/DescribeConfigurationRecorderStatus.success",
        );
        expect(out.ConfigurationRecordersStatus[0].lastStatus).toBe("SUCCESS");
        expect(out.ConfigurationRecordersStatus[0].lastStatusChangeTime).toEqual(new Date(1452193834344));
    });
});

/**
 * Spec files that mock AWS clients answer with documented responses (they read ./fixtures), but for
 * those whose subject is the verifier's own machinery, where any answer serves.
 */
const MACHINERY: Readonly<Record<string, string>> = {
    "permissions.spec.ts": "records which commands each check sends; every client answers {}",
    "runner.spec.ts": "the runner over stand-in checks (skips, throws, timeouts)",
    "wire.spec.ts": "retries, timeouts and error bodies over HTTP (throttling, 5xx, HTML pages) and paging",
};

describe("spec files that mock AWS", () => {
    const dir = __dirname;
    const mocking = readdirSync(dir).filter(
        (f) => f.endsWith(".spec.ts") && /mockedClients|allMockedClients/.test(readFileSync(`${dir}/${f}`, "utf8")),
    );

    it("answer with documented responses (read test/verify/fixtures), but for the verifier's machinery", () => {
        expect(mocking.length).toBeGreaterThan(15);
        const undocumented = mocking.filter((f) => !MACHINERY[f] && !readFileSync(`${dir}/${f}`, "utf8").includes('from "./fixtures"'));
        expect(undocumented).toEqual([]);
    });
});
