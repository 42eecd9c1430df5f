/**
 * The deploy-readiness rules (tooling/plan/readiness) and their pack rules (policy/rules/readiness.ts),
 * each on a planted bad plan and on the same plan put right. The plans are built by hand: a rule reads
 * types, inputs, providers and options, so a few resources show what it catches.
 */
import fc from "fast-check";
import { evaluate, PolicySubject } from "../../policy/api";
import { installsWithoutReboot, READINESS_POLICIES, unsentTrustKeys } from "../../policy/rules/readiness";
import type { Plan, PlannedResource } from "../../tooling/mock-runtime/harness";
import { checkReadiness, READINESS_RULES, ReadinessInput, StackFilePlan } from "../../tooling/plan/readiness";
import { sameAccount, SINGLETONS } from "../../tooling/plan/readiness/account-singleton";
import { minutesOf } from "../../tooling/plan/readiness/provider-timeout";

type Options = Partial<Pick<PlannedResource, "protect" | "retainOnDelete" | "customTimeouts" | "provider">>;

/** A managed resource of the plan, in us-east-1 unless its provider says otherwise. */
function res(type: string, name: string, inputs: Record<string, unknown>, o: Options = {}): PlannedResource {
    return {
        urn: `urn:pulumi:dev::tap::${type}::${name}`,
        type,
        name,
        custom: true,
        provider: o.provider ?? "aws-us-east-1",
        dependsOn: [],
        retainOnDelete: o.retainOnDelete ?? false,
        protect: o.protect ?? false,
        inputs,
        state: inputs,
        id: name,
        ...(o.customTimeouts && { customTimeouts: o.customTimeouts }),
    };
}

const provider = (region: string): PlannedResource => ({
    ...res("pulumi:providers:aws", `aws-${region}`, { region }),
    provider: undefined,
});

function stackFile(stack: string, resources: PlannedResource[], account?: string): StackFilePlan {
    return {
        stackFile: `Pulumi.${stack}.yaml`,
        account,
        plan: { project: "tap", stack, resources: [provider("us-east-1"), provider("us-west-2"), ...resources], outputs: {} },
    };
}

const rule = (name: string, input: ReadinessInput) => READINESS_RULES[name](input);
const alone = (resources: PlannedResource[]): ReadinessInput => ({ stack: stackFile("dev", resources), others: [] });
const pack = (resources: PlannedResource[]) =>
    evaluate(
        resources.map((r): PolicySubject => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.inputs, id: r.id, protect: r.protect })),
        READINESS_POLICIES,
    );
const packViolations = (resources: PlannedResource[]) =>
    pack(resources)
        .results.filter((r) => r.violations.length > 0)
        .map((r) => r.policy);

describe("account-singleton: one per account (and region), across the project's stack files", () => {
    const detector = () => res("aws:guardduty/detector:Detector", "gd", { enable: true });
    const hub = (region: string) => res("aws:securityhub/account:Account", `hub-${region}`, {}, { provider: `aws-${region}` });

    it("flags a detector two stack files of one account create in the same region, naming both files and the key that adopts it", () => {
        const findings = rule("account-singleton", {
            stack: stackFile("dev", [detector()], "shared"),
            others: [stackFile("prod", [detector()], "shared")],
        });
        expect(findings).toEqual([expect.objectContaining({ rule: "account-singleton", resource: "Pulumi.dev.yaml" })]);
        expect(findings[0].message).toMatch(
            /Pulumi\.dev\.yaml and Pulumi\.prod\.yaml both manage the GuardDuty detector of account shared \(us-east-1\).*tap:createGuardDutyDetector false/,
        );
        expect(findings[0].source).toMatch(/one detector per account per Region/);
    });

    it("passes separate accounts, and the same singleton in different regions", () => {
        expect(
            rule("account-singleton", {
                stack: stackFile("dev", [detector()], "workloads-dev"),
                others: [stackFile("prod", [detector()], "workloads-prod")],
            }),
        ).toEqual([]);
        expect(
            rule("account-singleton", {
                stack: stackFile("dev", [hub("us-east-1")], "a"),
                others: [stackFile("prod", [hub("us-west-2")], "a")],
            }),
        ).toEqual([]);
    });

    it("an unstated account is assumed shared: the worst case, until the stack files say otherwise", () => {
        expect(
            rule("account-singleton", {
                stack: stackFile("dev", [hub("us-east-1")]),
                others: [stackFile("prod", [hub("us-east-1")], "x")],
            }),
        ).toHaveLength(1);
        fc.assert(
            fc.property(fc.option(fc.constantFrom("a", "b")), fc.option(fc.constantFrom("a", "b")), (a, b) => {
                const shared = sameAccount(
                    { stackFile: "x", account: a ?? undefined, plan: { project: "", stack: "", resources: [], outputs: {} } },
                    { stackFile: "y", account: b ?? undefined, plan: { project: "", stack: "", resources: [], outputs: {} } },
                );
                return shared === (a === null || b === null || a === b);
            }),
        );
    });

    it("only the ACCOUNT analyzer and the Session Manager document named SSM-SessionManagerRunShell are singletons", () => {
        const analyzer = (type?: string) => res("aws:accessanalyzer/analyzer:Analyzer", `aa-${type}`, type ? { type } : {});
        const doc = (name: string) => res("aws:ssm/document:Document", name, { name, documentType: "Session" });
        const both = (r: PlannedResource) =>
            rule("account-singleton", { stack: stackFile("dev", [r], "a"), others: [stackFile("prod", [r], "a")] }).length;
        expect([
            both(analyzer()),
            both(analyzer("ACCOUNT")),
            both(analyzer("ORGANIZATION")),
            both(doc("SSM-SessionManagerRunShell")),
            both(doc("tap-dev-use1-patch-refresh")),
        ]).toEqual([1, 1, 0, 1, 0]);
    });

    it("an idempotent account setting collides only when a destroy would switch it off for the other stack", () => {
        const ebs = (retain: boolean) =>
            res("aws:ebs/encryptionByDefault:EncryptionByDefault", "ebs", { enabled: true }, { retainOnDelete: retain });
        const clash = (a: boolean, b: boolean) =>
            rule("account-singleton", { stack: stackFile("dev", [ebs(a)], "x"), others: [stackFile("prod", [ebs(b)], "x")] }).length;
        expect([clash(true, true), clash(true, false), clash(false, false)]).toEqual([0, 1, 1]);
    });

    it("every singleton cites where AWS documents it and names the key that adopts or skips it", () => {
        expect(SINGLETONS.length).toBeGreaterThan(0);
        for (const s of SINGLETONS) expect([s.type, s.source.length > 20, /^tap:/.test(s.adoptKey)]).toEqual([s.type, true, true]);
    });
});

describe("trust-condition: service-role trust on keys the service does not send", () => {
    const trail = (condition?: object) =>
        res("aws:iam/role:Role", "trail-logs", {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "cloudtrail.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        ...(condition && { Condition: condition }),
                    },
                ],
            }),
        });

    it("flags CloudTrail's CloudWatch Logs role trusted under aws:SourceArn, in the plan and in the pack", () => {
        const bad = trail({ StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/t" } });
        expect(rule("trust-condition", alone([bad]))).toEqual([
            expect.objectContaining({
                rule: "trust-condition",
                resource: bad.urn,
                source: expect.stringMatching(/doesn't support the use of aws:SourceArn/),
            }),
        ]);
        expect(packViolations([bad])).toEqual(["iam-service-trust-keys-sent"]);
        expect(rule("trust-condition", alone([trail()]))).toEqual([]);
        expect(packViolations([trail()])).toEqual([]);
    });

    it("accepts the keys a service documents (aws:SourceAccount for Config), any case, and leaves services it has no entry for alone", () => {
        const role = (service: string, key: string) => ({
            Statement: [
                { Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", Condition: { StringEquals: { [key]: "1" } } },
            ],
        });
        expect(unsentTrustKeys(role("config.amazonaws.com", "aws:sourceaccount"))).toEqual([]);
        expect(unsentTrustKeys(role("config.amazonaws.com", "sts:ExternalId")).map((f) => f.key)).toEqual(["sts:ExternalId"]);
        expect(unsentTrustKeys(role("example.amazonaws.com", "aws:SourceArn"))).toEqual([]);
    });
});

describe("perpetual-diff: inputs the provider echoes back fuller", () => {
    const feature = (names: string[]) =>
        res("aws:guardduty/detectorFeature:DetectorFeature", "runtime", {
            name: "RUNTIME_MONITORING",
            status: "ENABLED",
            additionalConfigurations: names.map((name) => ({ name, status: name === "EC2_AGENT_MANAGEMENT" ? "ENABLED" : "DISABLED" })),
        });

    it("flags RUNTIME_MONITORING declaring EC2_AGENT_MANAGEMENT alone, in the plan and in the pack; passes all three", () => {
        const bad = feature(["EC2_AGENT_MANAGEMENT"]);
        expect(rule("perpetual-diff", alone([bad])).map((f) => f.message)).toEqual([
            expect.stringMatching(/leave out EKS_ADDON_MANAGEMENT, ECS_FARGATE_AGENT_MANAGEMENT/),
        ]);
        expect(packViolations([bad])).toEqual(["provider-echoed-inputs-declared-whole"]);
        const good = feature(["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"]);
        expect([rule("perpetual-diff", alone([good])), packViolations([good])]).toEqual([[], []]);
    });
});

describe("destroy-blocker: what a destroy cannot delete", () => {
    const bucket = (inputs: Record<string, unknown>, o: Options = {}) =>
        res("aws:s3/bucket:Bucket", "trail-bucket", { bucket: "trail-bucket", ...inputs }, o);
    const lock = (mode: string) =>
        res("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "trail-lock", {
            bucket: "trail-bucket",
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode, days: 7 } },
        });

    it("flags force-destroy over Object Lock switched on by a separate resource while the bucket's own objectLockEnabled is unset (plan and pack)", () => {
        const planted = [bucket({ forceDestroy: true }), lock("GOVERNANCE")];
        expect(rule("destroy-blocker", alone(planted)).map((f) => f.source)).toEqual([
            expect.stringMatching(/object_lock_enabled is true/),
        ]);
        expect(packViolations(planted)).toEqual(["s3-object-lock-destroyable"]);
        const fixed = [bucket({ forceDestroy: true, objectLockEnabled: true }), lock("GOVERNANCE")];
        expect([rule("destroy-blocker", alone(fixed)), packViolations(fixed)]).toEqual([[], []]);
    });

    it("flags COMPLIANCE retention on a bucket the destroy deletes, not on a retained or protected one", () => {
        const compliance = (o: Options) => [bucket({ forceDestroy: true, objectLockEnabled: true }, o), lock("COMPLIANCE")];
        expect(rule("destroy-blocker", alone(compliance({}))).map((f) => f.message)).toEqual([expect.stringMatching(/COMPLIANCE mode/)]);
        expect(rule("destroy-blocker", alone(compliance({ retainOnDelete: true })))).toEqual([]);
        expect([rule("destroy-blocker", alone(compliance({ protect: true }))), packViolations(compliance({ protect: true }))]).toEqual([
            [],
            [],
        ]);
    });

    it("flags a bucket the destroy deletes without forceDestroy, and a vault a backup plan fills without forceDestroy", () => {
        expect(rule("destroy-blocker", alone([bucket({ forceDestroy: false })])).map((f) => f.message)).toEqual([
            expect.stringMatching(/BucketNotEmpty/),
        ]);
        const vault = (forceDestroy?: boolean) =>
            res("aws:backup/vault:Vault", "vault", { name: "v", ...(forceDestroy !== undefined && { forceDestroy }) });
        const selection = res("aws:backup/selection:Selection", "sel", { resources: ["arn:aws:rds:us-east-1:123456789012:db:x"] });
        expect(rule("destroy-blocker", alone([vault(), selection]))).toHaveLength(1);
        expect(rule("destroy-blocker", alone([vault(true), selection]))).toEqual([]);
        expect(rule("destroy-blocker", alone([vault()]))).toEqual([]);
    });
});

describe("provider-timeout: provider waits shorter than the service takes", () => {
    const enabler = (customTimeouts?: PlannedResource["customTimeouts"]) =>
        res("aws:inspector2/enabler:Enabler", "inspector", { resourceTypes: ["EC2"] }, { customTimeouts });

    it("flags Inspector's enabler on the provider's 5-minute default, and a wait still too short; passes 30 minutes", () => {
        expect(rule("provider-timeout", alone([enabler()])).map((f) => f.message)).toEqual([
            expect.stringMatching(/default 5m for create/),
            expect.stringMatching(/default 5m for delete/),
        ]);
        expect(rule("provider-timeout", alone([enabler({ create: "10m", delete: "1h" })])).map((f) => f.message)).toEqual([
            expect.stringMatching(/waits 10m for create/),
        ]);
        expect(rule("provider-timeout", alone([enabler({ create: "30m", delete: "30m" })]))).toEqual([]);
    });

    it("reads Go-style durations", () => {
        expect([minutesOf("30m"), minutesOf("1h"), minutesOf("1h30m"), minutesOf("90s"), minutesOf("soon"), minutesOf(undefined)]).toEqual([
            30,
            60,
            90,
            1.5,
            undefined,
            undefined,
        ]);
    });
});

describe("ssm-patch-install-reboots (SSM.2): no Install leaves patches InstalledPendingReboot", () => {
    const task = (reboot: string) =>
        res("aws:ssm/maintenanceWindowTask:MaintenanceWindowTask", "install", {
            taskArn: "AWS-RunPatchBaseline",
            taskInvocationParameters: {
                runCommandParameters: {
                    parameters: [
                        { name: "Operation", values: ["Install"] },
                        { name: "RebootOption", values: [reboot] },
                    ],
                },
            },
        });

    it("flags a window task and an association installing with NoReboot; passes RebootIfNeeded and a Scan", () => {
        expect(packViolations([task("NoReboot")])).toEqual(["ssm-patch-install-reboots"]);
        expect(packViolations([task("RebootIfNeeded")])).toEqual([]);
        const association = (p: Record<string, string>) =>
            installsWithoutReboot({ name: "AWS-RunPatchBaseline", parameters: p }, "aws:ssm/association:Association");
        expect([
            association({ Operation: "Install", RebootOption: "NoReboot" }),
            association({ Operation: "Scan", RebootOption: "NoReboot" }),
        ]).toEqual([true, false]);
    });
});

describe("sfn-log-destination: Step Functions logging CreateStateMachine accepts", () => {
    const machine = (level: string, logDestination: string) =>
        res("aws:sfn/stateMachine:StateMachine", "ack", { type: "EXPRESS", loggingConfiguration: { level, logDestination } });
    const group = (name: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;

    it("flags a destination without ':*' and a group outside /aws/vendedlogs/states/; passes the two together; ignores logging OFF", () => {
        expect(rule("sfn-log-destination", alone([machine("ALL", group("/aws/vendedlogs/states/ack"))])).map((f) => f.message)).toEqual([
            expect.stringMatching(/':\*' qualifier/),
        ]);
        expect(rule("sfn-log-destination", alone([machine("ERROR", `${group("/tap/ack")}:*`)])).map((f) => f.message)).toEqual([
            expect.stringMatching(/outside \/aws\/vendedlogs\/states\//),
        ]);
        expect(rule("sfn-log-destination", alone([machine("ALL", `${group("/aws/vendedlogs/states/ack")}:*`)]))).toEqual([]);
        expect(rule("sfn-log-destination", alone([machine("OFF", group("/tap/ack"))]))).toEqual([]);
        expect(packViolations([machine("ALL", group("/tap/ack"))])).toEqual(["sfn-log-destination-accepted"]);
    });
});

describe("the readiness rules together", () => {
    it("check every rule on a plan, and an empty plan has nothing to flag", () => {
        const empty: Plan = { project: "tap", stack: "dev", resources: [], outputs: {} };
        expect(Object.keys(READINESS_RULES)).toEqual([
            "account-singleton",
            "trust-condition",
            "perpetual-diff",
            "destroy-blocker",
            "provider-timeout",
            "deploy-role-coverage",
            "sfn-log-destination",
            "sfn-permissions",
            "sfn-express",
        ]);
        expect(checkReadiness({ stack: { stackFile: "Pulumi.dev.yaml", plan: empty }, others: [] })).toEqual([]);
    });
});
