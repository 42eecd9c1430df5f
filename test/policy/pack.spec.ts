/**
 * The policy table itself: every policy can fail (a realistic bad configuration is flagged,
 * naming the offending resource) and can pass (a compliant configuration, which no other
 * policy flags either), and it only examines resource types @pulumi/aws v7 really has.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { evaluate, isStackPolicy, TAP_POLICIES } from "../../policy/api";
import { DEPRECATED_S3_TYPES } from "../../policy/rules/s3";
import { Plan } from "../../tooling/mock-runtime/harness";
import { failPrefix, FIXTURES, planFixtures, scenarioPrefix, subjectsNamed } from "./fixtures";

const names = TAP_POLICIES.map((p) => p.name);

describe("the tap-security policy table", () => {
    it("names each policy once, in kebab-case, citing the controls it implements", () => {
        expect(new Set(names).size).toBe(names.length);
        for (const p of TAP_POLICIES) {
            expect([p.name, /^[a-z0-9]+(-[a-z0-9]+)+$/.test(p.name)]).toEqual([p.name, true]);
            expect([p.name, p.controls]).toEqual([
                p.name,
                expect.stringMatching(/(CIS \d|[A-Za-z0-9]+\.\d+|seed \d{3}|aws-constraints|NIST 800-53 [A-Z]{2}-\d+)/),
            ]);
            expect(p.description.length).toBeGreaterThan(20);
        }
    });

    it("is mandatory but where a stated reason makes a control advisory", () => {
        const advisory = TAP_POLICIES.filter((p) => p.enforcementLevel === "advisory");
        expect(advisory.map((p) => p.name).sort()).toEqual([
            "app-data-bucket-backed-up",
            "backup-vault-lock",
            "budget-counts-from-first-day",
            "cloudtrail-bucket-object-lock",
            "cloudtrail-multi-region",
            "rds-deletion-protection",
            "rds-in-backup-plan",
        ]);
        for (const p of advisory) expect(p.enforcementLevel === "advisory" && p.advisoryReason.length).toBeGreaterThan(30);
    });

    it("examines only resource types that @pulumi/aws v7 defines (a mistyped token would make a policy never apply)", () => {
        const awsDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
        for (const type of new Set(TAP_POLICIES.flatMap((p) => p.resourceTypes))) {
            const [, module, className] = /^aws:([a-z0-9]+\/[A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(type) ?? [];
            expect([type, module !== undefined && className !== undefined]).toEqual([type, true]);
            const source = readFileSync(path.join(awsDir, `${module}.js`), "utf8");
            expect([type, source.includes(`__pulumiType = '${type}'`)]).toEqual([type, true]);
        }
    });

    it("knows every S3 type @pulumi/aws v7 deprecates as ...V2, and only those", () => {
        const s3Dir = path.join(path.dirname(require.resolve("@pulumi/aws/package.json")), "s3");
        const deprecated = readdirSync(s3Dir)
            .filter((f) => /V2\.d\.ts$/.test(f) && readFileSync(path.join(s3Dir, f), "utf8").includes("has been deprecated in favor of"))
            .map((f) => f.replace(/\.d\.ts$/, ""));
        expect(DEPRECATED_S3_TYPES.map((t) => t.split(/[/:]/)[2]).sort()).toEqual(deprecated.sort());
    });

    it("has a failing and a passing fixture for each policy, and none for a policy it lacks", () => {
        expect(Object.keys(FIXTURES).sort()).toEqual([...names].sort());
    });

    it("has stack policies for the relations the resources alone cannot show", () => {
        expect(TAP_POLICIES.filter(isStackPolicy).map((p) => p.name)).toEqual(
            expect.arrayContaining([
                "cloudtrail-after-bucket-policy",
                "config-recording-order",
                "private-route-tables-reach-nat",
                "s3-bucket-public-access-block-attached",
                "vpc-flow-logs-all-traffic",
            ]),
        );
    });
});

describe("every policy, on its fixtures (one mock run of them all)", () => {
    let plan: Plan;
    beforeAll(async () => {
        const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined); // Pulumi's own warning on the deprecated V2 fixture
        try {
            plan = await planFixtures();
        } finally {
            warn.mockRestore();
        }
    }, 120_000); // one plan of every fixture: ~10 s on an idle machine, longer on a loaded one

    describe.each(names)("%s", (name) => {
        it("flags the offending resource of a realistic bad configuration", () => {
            const result = evaluate(subjectsNamed(plan, failPrefix(name))).results.find((r) => r.policy === name)!;
            const offender = `${failPrefix(name)}${FIXTURES[name].offender}`;
            expect(result.violations.map((v) => v.resource)).toContain(offender);
            expect(result.status).toBe(result.enforcementLevel === "mandatory" ? "fail" : "warn");
            for (const v of result.violations) expect(v.message).toMatch(/\w{3,}/);
        });

        it(`passes a compliant configuration, which no other policy flags either`, () => {
            const report = evaluate(subjectsNamed(plan, scenarioPrefix(FIXTURES[name].pass)));
            expect(report.results.find((r) => r.policy === name)!.status).toBe("pass");
            const flagged = report.results.flatMap((r) => r.violations.map((v) => `${r.policy}: ${v.resource}: ${v.message}`));
            expect(flagged).toEqual([]);
        });
    });
});
