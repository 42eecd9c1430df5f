/**
 * Deploy readiness of the shipped stack files (issue 24's measures): the readiness rules and their
 * pack rules flag the first-deploy defects on a plan of the program as it was before the fix (kept in
 * test/readiness/fixtures: `npm run plan -- --json` of Pulumi.dev.yaml and Pulumi.prod.yaml at
 * b04f7c3, computed state dropped), and none on the program and stack files of today.
 */
import { evaluate, PolicySubject } from "../../policy/api";
import { READINESS_POLICIES } from "../../policy/rules/readiness";
import { checkReadiness, otherStackFiles, ReadinessFinding, stackFilePlan, StackFilePlan } from "../../tooling/plan/readiness";
import { inTurn, Plan, planStackFile, stackFileConfig } from "../support";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const preFix = (stack: "dev" | "prod"): Plan => require(`../readiness/fixtures/pre-fix-${stack}.json`) as Plan;

/** Both stack files, each checked against the other. */
function bothWays(dev: StackFilePlan, prod: StackFilePlan): ReadinessFinding[] {
    return [...checkReadiness({ stack: dev, others: [prod] }), ...checkReadiness({ stack: prod, others: [dev] })];
}

const readinessPack = (plan: Plan) =>
    evaluate(
        plan.resources.map((r): PolicySubject => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            inputs: r.inputs,
            id: r.custom ? r.id : undefined,
            parent: r.parent,
            dependsOn: r.dependsOn,
            protect: r.protect,
        })),
        READINESS_POLICIES,
    );
const violations = (plan: Plan) =>
    readinessPack(plan)
        .results.flatMap((r) => r.violations.map((v) => `${r.policy}: ${v.resource}`))
        .sort();

describe("the plan of the program before the first-deploy fixes (fixtures, no tap:awsAccount in either file)", () => {
    const dev = { stackFile: "Pulumi.dev.yaml", plan: preFix("dev") };
    const prod = { stackFile: "Pulumi.prod.yaml", plan: preFix("prod") };
    const findings = bothWays(dev, prod);
    const byRule = (rule: string) => findings.filter((f) => f.rule === rule);

    it("is the plan of both shipped stack files", () => {
        expect([dev.plan.stack, prod.plan.stack, dev.plan.resources.length > 100, prod.plan.resources.length > 100]).toEqual([
            "dev",
            "prod",
            true,
            true,
        ]);
    });

    it("account-singleton: both files create the detector, the Config recorder and channel, Security Hub, the account analyzer and SSM-SessionManagerRunShell in us-east-1 of one account", () => {
        const what = byRule("account-singleton")
            .filter((f) => f.resource === "Pulumi.dev.yaml")
            .map((f) => /both manage (.*?) of the same account/.exec(f.message)?.[1]);
        expect(what).toEqual([
            "the GuardDuty detector",
            "the AWS Config recorder",
            "the AWS Config delivery channel",
            "Security Hub",
            "the IAM Access Analyzer account analyzer",
            "the Session Manager preferences document SSM-SessionManagerRunShell",
        ]);
        expect(byRule("account-singleton").filter((f) => f.resource === "Pulumi.prod.yaml")).toHaveLength(what.length);
    });

    it("trust-condition, perpetual-diff, destroy-blocker, provider-timeout: the trail's role, RUNTIME_MONITORING, dev's trail bucket, prod's Inspector", () => {
        const at = (rule: string) =>
            byRule(rule)
                .map((f) => f.resource.split("::").pop())
                .sort();
        expect(at("trust-condition")).toEqual(["tap-dev-use1-cloudtrail-logs-role", "tap-prod-use1-cloudtrail-logs-role"]);
        expect(at("perpetual-diff")).toEqual(["tap-dev-use1-guardduty-runtime-monitoring", "tap-prod-use1-guardduty-runtime-monitoring"]);
        expect(at("destroy-blocker")).toEqual(["tap-dev-use1-cloudtrail"]);
        expect(at("provider-timeout")).toEqual(["tap-prod-use1-inspector", "tap-prod-use1-inspector"]);
    });

    it("the pack's readiness rules flag the same resources, plus SSM.2's NoReboot installs and the budget filtering on unactivated tags", () => {
        expect(violations(dev.plan)).toEqual([
            "budget-counts-from-first-day: tap-dev-use1-budget",
            "iam-service-trust-keys-sent: tap-dev-use1-cloudtrail-logs-role",
            "provider-echoed-inputs-declared-whole: tap-dev-use1-guardduty-runtime-monitoring",
            "s3-object-lock-destroyable: tap-dev-use1-cloudtrail",
            "ssm-patch-install-reboots: tap-dev-use1-patch-install",
        ]);
        expect(violations(prod.plan)).toEqual([
            "budget-counts-from-first-day: tap-prod-use1-budget",
            "iam-service-trust-keys-sent: tap-prod-use1-cloudtrail-logs-role",
            "provider-echoed-inputs-declared-whole: tap-prod-use1-guardduty-runtime-monitoring",
            "ssm-patch-install-reboots: tap-prod-use1-patch-install",
        ]);
    });
});

describe("the shipped stack files today", () => {
    let dev: StackFilePlan;
    let prod: StackFilePlan;
    beforeAll(async () => {
        const [devPlan, prodPlan] = await inTurn([() => planStackFile("dev"), () => planStackFile("prod")]);
        dev = { stackFile: "Pulumi.dev.yaml", account: stackFileConfig("dev")["tap:awsAccount"], plan: devPlan };
        prod = { stackFile: "Pulumi.prod.yaml", account: stackFileConfig("prod")["tap:awsAccount"], plan: prodPlan };
    });

    it("name an account each, two different ones (the layout docs/first-deploy.md recommends)", () => {
        expect([dev.account, prod.account]).toEqual(["workloads-dev", "workloads-prod"]);
    });

    it("plan with 0 readiness findings, each checked against the other, and 0 violations of the pack's readiness rules", () => {
        expect(bothWays(dev, prod)).toEqual([]);
        expect([violations(dev.plan), violations(prod.plan)]).toEqual([[], []]);
    });

    it("would still collide in one account (the rule is what keeps the layout honest): Config's service-linked role, the detector, Config, Security Hub and the analyzer", () => {
        const oneAccount = bothWays({ ...dev, account: "shared" }, { ...prod, account: "shared" }).filter(
            (f) => f.resource === "Pulumi.dev.yaml",
        );
        // As a set: the findings follow the plan's order, which is not the property.
        expect(oneAccount.map((f) => /both manage (.*?) of account/.exec(f.message)?.[1]).sort()).toEqual(
            [
                "a service-linked role of the same service",
                "the GuardDuty detector",
                "the AWS Config recorder",
                "the AWS Config delivery channel",
                "Security Hub",
                "the IAM Access Analyzer account analyzer",
            ].sort(),
        );
    });
});

describe("the project's other stack files, for the cross-stack check", () => {
    it("are planned when they may share the account, and skipped when they name another (npm run plan itself: program.test.ts)", async () => {
        const planned: string[] = [];
        const planner = (stack: string) => {
            planned.push(stack);
            return planStackFile(stack);
        };
        const shared = await otherStackFiles("dev", "workloads-prod", planner);
        expect(shared.map((o) => [o.stackFile, o.account, o.plan.resources.length > 100])).toEqual([
            ["Pulumi.prod.yaml", "workloads-prod", true],
        ]);
        expect(await otherStackFiles("dev", undefined, planner)).toHaveLength(1);
        expect(await otherStackFiles("dev", "workloads-dev", planner)).toEqual([]);
        expect(planned).toEqual(["prod", "prod"]);
        const devPlan = await planStackFile("dev", { "tap:awsAccount": "workloads-prod" });
        expect(
            checkReadiness({ stack: stackFilePlan("dev", devPlan, { "tap:awsAccount": "workloads-prod" }), others: shared }).filter(
                (f) => f.rule === "account-singleton",
            ).length,
        ).toBeGreaterThan(0);
    });
});
