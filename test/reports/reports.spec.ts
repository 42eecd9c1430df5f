/**
 * The CI reports: verify's findings and the plan's compliance verdict as JUnit XML (parsed back
 * with an XML parser) and SARIF 2.1.0 (checked against the schema's requirements), each finding
 * carrying its control id; and `npm run verify -- --junit F --sarif F` writing both.
 */
import { DescribeFlowLogsCommand, DescribeSecurityGroupsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { ComplianceReport } from "../../policy/api";
import { complianceToJUnit, complianceToSarif } from "../../tooling/reports/compliance";
import { xmlEscape } from "../../tooling/reports/junit";
import { controlTags } from "../../tooling/reports/sarif";
import { findingsToJUnit, findingsToSarif } from "../../tooling/reports/verify";
import { Finding } from "../../tooling/verify/check";
import { ALL_CHECKS } from "../../tooling/verify/checks";
import { runVerify } from "../../tooling/verify/cli";
import { defaultSecurityGroupEmpty, flowLogsActive } from "../../tooling/verify/network";
import { DEV_OUTPUTS, mockedClients, REGION } from "../verify/support";
import { sarifProblems } from "./sarif-shape";

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
});
type Case = {
    name: string;
    classname: string;
    failure?: { message: string; "#text"?: string };
    skipped?: { message: string };
    properties?: { property: { name: string; value: string }[] };
};
type Suite = { name: string; tests: string; failures: string; skipped: string; testcase: Case[] };
const parseJUnit = (xml: string) => {
    expect(XMLValidator.validate(xml)).toBe(true);
    return parser.parse(xml).testsuites as { tests: string; failures: string; skipped: string; testsuite: Suite[] };
};
const propertyOf = (c: Case, name: string) => c.properties?.property.find((p) => p.name === name)?.value;

const FINDINGS: Finding[] = [
    {
        checkId: "network.flow-logs",
        control: "CIS 3.7 / EC2.6",
        resource: "fl-1",
        status: "fail",
        reason: 'TrafficType REJECT, not ALL & <nothing> "else"',
    },
    {
        checkId: "network.default-sg-empty",
        control: "CIS 5.4 / EC2.2",
        resource: "sg-1",
        status: "pass",
        reason: "no inbound or outbound rules",
    },
    {
        checkId: "kms.rotation",
        control: "CIS 3.6 / KMS.4",
        resource: "key-1",
        status: "fail",
        reason: "could not verify: AccessDenied on kms:GetKeyRotationStatus (AccessDeniedException: no)",
    },
    {
        checkId: "rds.not-public",
        control: "CIS 2.3.3 / RDS.2",
        resource: "-",
        status: "skipped",
        reason: "skipped: output dbEndpoint not in this stack",
    },
];

describe("verify findings as JUnit XML", () => {
    const report = parseJUnit(findingsToJUnit(FINDINGS, "dev"));

    it("is valid XML whose counts are the findings': failed, skipped, total", () => {
        expect(report).toMatchObject({ tests: "4", failures: "2", skipped: "1" });
        expect(report.testsuite.map((s) => [s.name, s.tests, s.failures, s.skipped])).toEqual([
            ["verify.network", "2", "1", "0"],
            ["verify.kms", "1", "1", "0"],
            ["verify.rds", "1", "0", "1"],
        ]);
    });

    it("carries each finding's control id, in the case's name and as a property, and the reason as the failure message", () => {
        const cases = report.testsuite.flatMap((s) => s.testcase);
        expect(cases).toHaveLength(FINDINGS.length);
        cases.forEach((c, i) => {
            expect(c.name).toContain(`[${FINDINGS[i].control}]`);
            expect(propertyOf(c, "control")).toBe(FINDINGS[i].control);
            expect(c.classname).toBe(FINDINGS[i].checkId);
        });
        expect(cases[0].failure?.message).toBe(FINDINGS[0].reason); // escaped, then parsed back unchanged
        expect(cases[1].failure).toBeUndefined();
        expect(cases[2].failure?.message).toMatch(/^could not verify: AccessDenied on kms:GetKeyRotationStatus/);
        expect(cases[3].skipped?.message).toBe("skipped: output dbEndpoint not in this stack");
    });

    it("escapes text so that any reason survives a round trip (control characters XML cannot hold are dropped)", () => {
        const samples = ["a&b", "<x>", `"'`, "tab\tnewline\n", "bell\u0007", "é ü 中", "]]>", "&amp;"];
        for (const text of samples) {
            const xml = `<r a="${xmlEscape(text)}">${xmlEscape(text)}</r>`;
            expect(XMLValidator.validate(xml)).toBe(true);
            const expected = text.replace(/\u0007/g, "");
            const parsed = new XMLParser({
                ignoreAttributes: false,
                attributeNamePrefix: "@",
                trimValues: false,
                processEntities: true,
            }).parse(xml).r;
            expect(parsed["#text"]).toBe(expected);
        }
    });
});

describe("verify findings as SARIF", () => {
    const log = JSON.parse(JSON.stringify(findingsToSarif(FINDINGS, ALL_CHECKS, "dev")));

    it("meets what the SARIF 2.1.0 schema requires of it", () => {
        expect(sarifProblems(log)).toEqual([]);
    });

    it("has one rule per check that produced a finding, tagged with its control ids", () => {
        const rules = log.runs[0].tool.driver.rules as { id: string; properties: { tags: string[] } }[];
        expect(rules.map((r) => r.id)).toEqual(["network.flow-logs", "network.default-sg-empty", "kms.rotation", "rds.not-public"]);
        expect(rules[0].properties.tags).toEqual(["security", "CIS 3.7", "EC2.6"]);
    });

    it("reports a failure (or an unverified check) as an error, a pass and a skip as level none, each naming its control", () => {
        const results = log.runs[0].results as {
            ruleId: string;
            kind: string;
            level: string;
            message: { text: string };
            properties: { control: string };
        }[];
        expect(results.map((r) => [r.ruleId, r.kind, r.level])).toEqual([
            ["network.flow-logs", "fail", "error"],
            ["network.default-sg-empty", "pass", "none"],
            ["kms.rotation", "fail", "error"],
            ["rds.not-public", "notApplicable", "none"],
        ]);
        results.forEach((r, i) => {
            expect(r.message.text).toContain(`[${FINDINGS[i].control}]`);
            expect(r.properties.control).toBe(FINDINGS[i].control);
        });
    });

    it("would be caught by the shape check if a result lost its location or its level went out of range", () => {
        const broken = JSON.parse(JSON.stringify(log));
        broken.runs[0].results[0].locations = [];
        broken.runs[0].results[2].level = "critical";
        expect(sarifProblems(broken)).toEqual([
            "runs[0].results[0] has no location (code scanning needs one)",
            "runs[0].results[2].level critical",
        ]);
    });

    it("splits a control into its ids", () => {
        expect(controlTags("CIS 2.3.3 / RDS.2")).toEqual(["CIS 2.3.3", "RDS.2"]);
        expect(controlTags("design: >= 2 AZs")).toEqual(["design: >= 2 AZs"]);
    });
});

const COMPLIANCE: ComplianceReport = {
    pack: "tap-security",
    mandatoryViolations: 2,
    advisoryViolations: 1,
    results: [
        {
            policy: "s3-bucket-encrypted",
            controls: "S3.17",
            enforcementLevel: "mandatory",
            status: "fail",
            examined: 3,
            violations: [
                {
                    resource: "logs",
                    type: "aws:s3/bucket:Bucket",
                    urn: "urn:pulumi:dev::tap::aws:s3/bucket:Bucket::logs",
                    message: "no SSE <KMS>",
                },
                {
                    resource: "data",
                    type: "aws:s3/bucket:Bucket",
                    urn: "urn:pulumi:dev::tap::aws:s3/bucket:Bucket::data",
                    message: "no SSE",
                },
            ],
        },
        {
            policy: "ec2-imdsv2",
            controls: "CIS 5.6 / EC2.8",
            enforcementLevel: "advisory",
            status: "warn",
            examined: 1,
            violations: [
                {
                    resource: "lt",
                    type: "aws:ec2/launchTemplate:LaunchTemplate",
                    urn: "urn:pulumi:dev::tap::aws:ec2/launchTemplate:LaunchTemplate::lt",
                    message: "hop limit 2",
                },
            ],
        },
        {
            policy: "vpc-flow-logs",
            controls: "CIS 3.7 / EC2.6",
            enforcementLevel: "mandatory",
            status: "pass",
            examined: 1,
            violations: [],
        },
        { policy: "rds-encrypted", controls: "RDS.3", enforcementLevel: "mandatory", status: "n/a", examined: 0, violations: [] },
    ],
};

describe("the plan's compliance verdict as JUnit XML and SARIF", () => {
    it("JUnit: a case per policy, failed by a mandatory violation, passed with its text by an advisory one, skipped when not applicable", () => {
        const report = parseJUnit(complianceToJUnit(COMPLIANCE, "dev"));
        const cases = report.testsuite[0].testcase;
        expect(cases.map((c) => [c.classname, c.failure ? "fail" : c.skipped ? "skipped" : "pass"])).toEqual([
            ["s3-bucket-encrypted", "fail"],
            ["ec2-imdsv2", "pass"],
            ["vpc-flow-logs", "pass"],
            ["rds-encrypted", "skipped"],
        ]);
        expect(cases[0].failure?.message).toBe("2 mandatory violation(s): logs, data");
        expect(cases[0].failure?.["#text"]).toContain("logs (aws:s3/bucket:Bucket): no SSE <KMS>");
        cases.forEach((c, i) => expect(propertyOf(c, "control")).toBe(COMPLIANCE.results[i].controls));
    });

    it("SARIF: a rule per policy with its controls, a result per violation (error mandatory, warning advisory) at the resource's URN", () => {
        const log = JSON.parse(JSON.stringify(complianceToSarif(COMPLIANCE, "dev")));
        expect(sarifProblems(log)).toEqual([]);
        const results = log.runs[0].results as {
            ruleId: string;
            level: string;
            locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
        }[];
        expect(results.map((r) => [r.ruleId, r.level, r.locations[0].logicalLocations[0].fullyQualifiedName])).toEqual([
            ["s3-bucket-encrypted", "error", "urn:pulumi:dev::tap::aws:s3/bucket:Bucket::logs"],
            ["s3-bucket-encrypted", "error", "urn:pulumi:dev::tap::aws:s3/bucket:Bucket::data"],
            ["ec2-imdsv2", "warning", "urn:pulumi:dev::tap::aws:ec2/launchTemplate:LaunchTemplate::lt"],
        ]);
        expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("Pulumi.dev.yaml");
        expect(log.runs[0].tool.driver.rules[1].properties.tags).toEqual(["security", "CIS 5.6", "EC2.8"]);
    });
});

describe("npm run verify -- --junit FILE --sarif FILE", () => {
    it("writes both next to its table, with the same findings", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "tap-reports-"));
        const outputsFile = path.join(dir, "flat-outputs.json");
        writeFileSync(outputsFile, JSON.stringify(DEV_OUTPUTS));
        const mocks = mockedClients({ ec2: new EC2Client({ region: REGION }) });
        mocks.ec2.on(DescribeFlowLogsCommand).resolves({
            FlowLogs: [{ FlowLogId: DEV_OUTPUTS.flowLogId, ResourceId: DEV_OUTPUTS.vpcId, TrafficType: "REJECT", FlowLogStatus: "ACTIVE" }],
        });
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
            SecurityGroups: [
                { GroupId: "sg-0default", GroupName: "default", VpcId: DEV_OUTPUTS.vpcId, IpPermissions: [], IpPermissionsEgress: [] },
            ],
        });
        const out: string[] = [];
        const junit = path.join(dir, "reports/verify.xml");
        const sarif = path.join(dir, "reports/verify.sarif");
        const code = await runVerify(["--stack", "dev", "--junit", junit, "--sarif", sarif], {
            env: { TAP_OUTPUTS_FILE: outputsFile },
            clientsFor: () => mocks.clients,
            stackOutput: () => ({ ok: false, reason: "no" }),
            print: (t) => out.push(t),
            printError: () => undefined,
            checks: [flowLogsActive, defaultSecurityGroupEmpty],
        });
        expect(code).toBe(1);
        expect(out).toContain(`Wrote ${junit} (JUnit XML)`);
        const cases = parseJUnit(readFileSync(junit, "utf8")).testsuite.flatMap((s) => s.testcase);
        expect(cases.map((c) => [c.classname, c.failure?.message ?? "pass"])).toEqual([
            ["network.flow-logs", "TrafficType REJECT, not ALL"],
            ["network.default-sg-empty", "pass"],
        ]);
        const log = JSON.parse(readFileSync(sarif, "utf8"));
        expect(sarifProblems(log)).toEqual([]);
        expect(log.runs[0].automationDetails.id).toBe("tap-verify/dev/");
        expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
            ["network.flow-logs", "error"],
            ["network.default-sg-empty", "none"],
        ]);
    });
});
