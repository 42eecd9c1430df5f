/**
 * Recorded AWS responses for the verify tests: every fixture is a response AWS documents (an API
 * reference example, an AWS CLI example, or a response quoted in an AWS SDK issue thread), kept
 * as data in test/verify/fixtures/<client>/<name>.json with its `source`, and turned into what the
 * SDK hands a check by the SDK's own deserializer wherever the fixture is a wire body. So a check
 * meets what AWS sends (`"lastStatus": "SUCCESS"`), not what the SDK's TypeScript types promise
 * (`"Success"`). A fixture without a source does not load.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import type { VerifyClients } from "../../tooling/verify/clients";

export const FIXTURE_DIR = path.join(__dirname, "fixtures");

/** How a fixture's body is written down. */
export type FixtureFormat =
    /** The HTTP response body of a JSON-protocol API (API reference example, or AWS CLI output of one, which prints the same members). */
    | "json"
    /** The HTTP response body of an XML-protocol API (EC2, S3, IAM, ELB, RDS, Auto Scaling): an API reference example. */
    | "xml"
    /** AWS CLI output of an XML-protocol API: botocore's parse of the XML, member names as in the SDK (same Smithy model). */
    | "cli";

export interface Fixture {
    /** Where AWS documents this response: a URL, and the example's name when the page has several. */
    readonly source: string;
    /** The client of `VerifyClients` that receives it (`config`, `ssm`, `s3`, ...). */
    readonly client: keyof VerifyClients;
    /** The API operation, e.g. `DescribeConfigurationRecorderStatus`. */
    readonly operation: string;
    readonly format: FixtureFormat;
    /** The response body (an object for json/cli, XML text for xml). */
    readonly body: unknown;
    /** Response headers, for operations that answer in headers (S3 HeadBucket). */
    readonly headers?: Readonly<Record<string, string>>;
    /** What differs from the documented example, and why (a variant keeps the documented shape and casing). */
    readonly derived?: string;
    /** Members whose ISO 8601 text the SDK's model keeps as a string (GuardDuty's CreatedAt, Security Hub's SubscribedAt), not a Date. */
    readonly stringDates?: readonly string[];
}

/** The SDK package and client class of each `VerifyClients` member, and whether its protocol is awsJson (timestamps as epoch seconds). */
const CLIENTS: Readonly<Record<keyof VerifyClients, { pkg: string; cls: string; epochJson?: true }>> = {
    ec2: { pkg: "client-ec2", cls: "EC2Client" },
    autoScaling: { pkg: "client-auto-scaling", cls: "AutoScalingClient" },
    cloudTrail: { pkg: "client-cloudtrail", cls: "CloudTrailClient", epochJson: true },
    guardDuty: { pkg: "client-guardduty", cls: "GuardDutyClient" },
    config: { pkg: "client-config-service", cls: "ConfigServiceClient", epochJson: true },
    s3: { pkg: "client-s3", cls: "S3Client" },
    kms: { pkg: "client-kms", cls: "KMSClient", epochJson: true },
    elb: { pkg: "client-elastic-load-balancing-v2", cls: "ElasticLoadBalancingV2Client" },
    wafv2: { pkg: "client-wafv2", cls: "WAFV2Client", epochJson: true },
    wafv2Global: { pkg: "client-wafv2", cls: "WAFV2Client", epochJson: true },
    rds: { pkg: "client-rds", cls: "RDSClient" },
    budgets: { pkg: "client-budgets", cls: "BudgetsClient", epochJson: true },
    securityHub: { pkg: "client-securityhub", cls: "SecurityHubClient" },
    accessAnalyzer: { pkg: "client-accessanalyzer", cls: "AccessAnalyzerClient" },
    inspector2: { pkg: "client-inspector2", cls: "Inspector2Client" },
    ssm: { pkg: "client-ssm", cls: "SSMClient", epochJson: true },
    iam: { pkg: "client-iam", cls: "IAMClient" },
    backup: { pkg: "client-backup", cls: "BackupClient" },
    sns: { pkg: "client-sns", cls: "SNSClient" },
    sfn: { pkg: "client-sfn", cls: "SFNClient", epochJson: true },
    events: { pkg: "client-eventbridge", cls: "EventBridgeClient", epochJson: true },
};

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every value of `value`, strings matching ISO 8601 timestamps replaced by `convert(string)`, but under the keys `keep`. */
function mapTimestamps(value: unknown, convert: (iso: string) => unknown, keep: readonly string[] = []): unknown {
    if (typeof value === "string") return ISO_TIMESTAMP.test(value) ? convert(value) : value;
    if (Array.isArray(value)) return value.map((v) => mapTimestamps(v, convert, keep));
    if (value && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keep.includes(k) ? v : mapTimestamps(v, convert, keep)]));
    return value;
}

/** Reads and validates one fixture file (`config/DescribeConfigurationRecorderStatus.success`); throws when it has no source. */
export function readFixture(name: string, dir = FIXTURE_DIR): Fixture {
    const file = path.join(dir, `${name}.json`);
    const fixture = JSON.parse(readFileSync(file, "utf8")) as Partial<Fixture>;
    if (typeof fixture.source !== "string" || !/^https:\/\/\S+/.test(fixture.source.trim())) {
        throw new Error(
            `fixture ${name} has no source: every verify fixture is a response AWS documents, with the URL it was taken from ("source": "https://...")`,
        );
    }
    if (!fixture.client || !(fixture.client in CLIENTS))
        throw new Error(`fixture ${name}: client ${JSON.stringify(fixture.client)} is not a VerifyClients member`);
    if (!fixture.operation || !["json", "xml", "cli"].includes(fixture.format ?? ""))
        throw new Error(`fixture ${name}: needs operation and format (json, xml or cli)`);
    const whole =
        fixture.format === "xml"
            ? typeof fixture.body === "string"
            : Boolean(fixture.body) && typeof fixture.body === "object" && !Array.isArray(fixture.body);
    if (!whole) throw new Error(`fixture ${name}: body must be a whole response (an object; XML text for xml), not a --query projection`);
    return fixture as Fixture;
}

/** Every fixture name under `dir` (`config/DescribeConfigRules.managed`), sorted. */
export function fixtureNames(dir = FIXTURE_DIR): string[] {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\\/g, "/").replace(/\.json$/, ""))
        .sort();
}

/** The fixture's body, deep-copied, for a variant: `body((b) => { b.ConfigurationRecordersStatus[0].lastStatus = "FAILURE"; })`. */
/** An edit of a fixture's wire body before the SDK reads it (the body is untyped JSON). */
export type FixtureEdit = (body: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What the SDK returns for the fixture `name` (optionally edited first, on the wire body):
 * wire bodies go through the client's own deserializer (a client whose request handler answers
 * with the body); AWS CLI output of XML APIs is already in the SDK's shape, its timestamps made Dates.
 */
export async function sdkResponse<T = Record<string, unknown>>(name: string, edit?: FixtureEdit): Promise<T> {
    const fixture = readFixture(name);
    const body: unknown = structuredClone(fixture.body);
    if (edit) edit(body);
    const { pkg, cls, epochJson } = CLIENTS[fixture.client];
    if (fixture.format === "cli") return mapTimestamps(body, (iso) => new Date(iso), fixture.stringDates) as T;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require(`@aws-sdk/${pkg}`) as Record<string, new (input: unknown) => { send(c: unknown): Promise<unknown> }>;
    // The AWS CLI prints awsJson's epoch-second timestamps as ISO 8601: back to the wire's seconds.
    const wire =
        fixture.format === "xml"
            ? String(body)
            : JSON.stringify(epochJson ? mapTimestamps(body, (iso) => Date.parse(iso) / 1000, fixture.stringDates) : body);
    const client = new sdk[cls]({
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "fixture" },
        maxAttempts: 1,
        requestHandler: {
            handle: async () => ({
                response: {
                    statusCode: 200,
                    headers: { "content-type": fixture.format === "xml" ? "text/xml" : "application/json", ...fixture.headers },
                    body: Readable.from([Buffer.from(wire)]),
                },
            }),
        },
    });
    const input = fixture.client === "s3" ? { Bucket: "amzn-s3-demo-bucket" } : {};
    const { $metadata: _metadata, ...output } = (await client.send(new sdk[`${fixture.operation}Command`](input))) as Record<
        string,
        unknown
    >;
    return output as T;
}
