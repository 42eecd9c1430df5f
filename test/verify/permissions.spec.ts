/**
 * The auditor role's actions (lib/access/verify-permissions.ts) are the checks' own: one entry per
 * check, and, per service area, exactly the IAM actions of the SDK commands its file sends. A new
 * check, or a new call in one, fails here until the table (and so the auditor role) names it.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { DescribeListenersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { GetRoleCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { RESOURCE_LEVEL_VERIFY_ACTIONS, VERIFY_PERMISSIONS, verifyActions } from "../../lib/access/verify-permissions";
import { resourceScopedActions } from "../../policy/action-catalogue";
import { ALL_CHECKS } from "../../tooling/verify/checks";
import type { VerifyClients } from "../../tooling/verify/clients";
import { runCheck } from "../../tooling/verify/runner";
import { allMockedClients } from "./all-clients";
import { TRAIL_ARN, tierOutputs } from "./support";

/** The IAM service prefix of each SDK client package the checks use. */
const SERVICE_OF_PACKAGE: Readonly<Record<string, string>> = {
    "client-ec2": "ec2",
    "client-auto-scaling": "autoscaling",
    "client-cloudtrail": "cloudtrail",
    "client-config-service": "config",
    "client-guardduty": "guardduty",
    "client-kms": "kms",
    "client-rds": "rds",
    "client-s3": "s3",
    "client-wafv2": "wafv2",
    "client-elastic-load-balancing-v2": "elasticloadbalancing",
    "client-iam": "iam",
    "client-budgets": "budgets",
    "client-securityhub": "securityhub",
    "client-accessanalyzer": "access-analyzer",
    "client-inspector2": "inspector2",
    "client-ssm": "ssm",
    "client-backup": "backup",
    "client-sns": "sns",
    "client-sfn": "states",
    "client-eventbridge": "events",
};
/** S3's IAM actions are named after the configuration, not the API operation. */
const IRREGULAR: Readonly<Record<string, string>> = {
    "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "s3:GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
    "s3:HeadBucket": "s3:ListBucket",
    "budgets:DescribeBudget": "budgets:ViewBudget",
    "budgets:DescribeNotificationsForBudget": "budgets:ViewBudget",
    "budgets:DescribeSubscribersForNotification": "budgets:ViewBudget",
};

/** The IAM action of one SDK operation of a service. */
const iamAction = (service: string, operation: string) => IRREGULAR[`${service}:${operation}`] ?? `${service}:${operation}`;
/** The IAM service prefix of each client of `VerifyClients`. */
const SERVICE_OF_CLIENT: Readonly<Record<string, string>> = {
    ec2: "ec2",
    autoScaling: "autoscaling",
    cloudTrail: "cloudtrail",
    guardDuty: "guardduty",
    config: "config",
    s3: "s3",
    kms: "kms",
    elb: "elasticloadbalancing",
    wafv2: "wafv2",
    rds: "rds",
    iam: "iam",
    budgets: "budgets",
    securityHub: "securityhub",
    accessAnalyzer: "access-analyzer",
    inspector2: "inspector2",
    ssm: "ssm",
    backup: "backup",
    sns: "sns",
    sfn: "states",
    events: "events",
};
const VERIFY_DIR = path.resolve(__dirname, "../../tooling/verify");
/** The ids of the checks a file of tooling/verify defines. */
const checksOfFile = (file: string) =>
    [...readFileSync(path.join(VERIFY_DIR, `${file}.ts`), "utf8").matchAll(/^\s+id: "([a-z0-9.-]+)",$/gm)].map((m) => m[1]);
/** The files of tooling/verify that define checks. */
const CHECK_FILES = readdirSync(VERIFY_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .filter((f) => checksOfFile(f).length > 0)
    .sort();

/** The other check files a check file imports (their helpers send calls on its behalf). */
function importedCheckFiles(file: string): string[] {
    const source = readFileSync(path.join(VERIFY_DIR, `${file}.ts`), "utf8");
    return [...source.matchAll(/from\s*"\.\/([a-z-]+)"/g)].map((m) => m[1]).filter((f) => CHECK_FILES.includes(f));
}

/** The IAM actions of the commands and paginators a check file imports from the SDK. */
function actionsOfFile(area: string): string[] {
    const source = readFileSync(path.join(VERIFY_DIR, `${area}.ts`), "utf8");
    const actions: string[] = [];
    for (const [, names, pkg] of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/([a-z0-9-]+)"/g)) {
        const service = SERVICE_OF_PACKAGE[pkg];
        expect([pkg, service !== undefined]).toEqual([pkg, true]);
        for (const name of names
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean)) {
            const operation = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
            if (operation) actions.push(iamAction(service, operation));
        }
    }
    return [...new Set(actions)].sort();
}

type Mocks = ReturnType<typeof allMockedClients>;
/**
 * Answers that lead the checks past their first call (a group with an instance, a trail, a role
 * with an inline policy, HTTP and HTTPS listeners), so their second calls are recorded too.
 */
function answerDeeply(m: Mocks): void {
    const instance = {
        InstanceId: "i-0aaaaaaaaaaaaaaa1",
        LifecycleState: "InService" as const,
        AvailabilityZone: "us-east-1a",
        HealthStatus: "Healthy",
        ProtectedFromScaleIn: false,
        LaunchTemplate: { LaunchTemplateId: "lt-0aaaaaaaaaaaaaaa1", Version: "1" },
    };
    m.autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [
            {
                AutoScalingGroupName: "tap-dev-use1-app",
                Instances: [instance],
                MinSize: 1,
                MaxSize: 1,
                DesiredCapacity: 1,
                DefaultCooldown: 300,
                AvailabilityZones: [],
                HealthCheckType: "EC2",
                CreatedTime: new Date(),
            },
        ],
    });
    m.ec2
        .on(DescribeInstancesCommand)
        .resolves({ Reservations: [{ Instances: [{ InstanceId: instance.InstanceId, State: { Name: "running" } }] }] });
    m.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [{ TrailARN: TRAIL_ARN, Name: "tap-dev-use1-trail" }] });
    m.iam.on(GetRoleCommand).resolves({
        Role: {
            RoleName: "tap-dev-use1-auditor",
            Path: "/",
            RoleId: "AROA",
            Arn: "arn",
            CreateDate: new Date(),
            AssumeRolePolicyDocument: "%7B%7D",
        },
    });
    m.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["inline"] });
    m.elb.on(DescribeListenersCommand).resolves({
        Listeners: [
            { ListenerArn: "l-http", Protocol: "HTTP", Port: 80 },
            { ListenerArn: "l-https", Protocol: "HTTPS", Port: 443, SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
        ],
    });
}

describe("the verify checks' IAM actions (the auditor role's policy)", () => {
    it("names every check, and only checks that exist", () => {
        expect(ALL_CHECKS.length).toBeGreaterThan(40);
        expect(Object.keys(VERIFY_PERMISSIONS).sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort());
    });

    it.each(CHECK_FILES)(
        "%s: its checks declare the SDK calls of their file (tooling/verify/<file>.ts), and beyond them only calls of the check files it imports",
        (file) => {
            const declared: string[] = [
                ...new Set<string>(checksOfFile(file).flatMap((id) => VERIFY_PERMISSIONS[id as keyof typeof VERIFY_PERMISSIONS] ?? [])),
            ].sort();
            const called = actionsOfFile(file);
            expect(called.length).toBeGreaterThan(0);
            const helpers = new Set(importedCheckFiles(file).flatMap(actionsOfFile));
            expect(called.filter((a) => !declared.includes(a))).toEqual([]);
            expect(declared.filter((a) => !called.includes(a) && !helpers.has(a))).toEqual([]);
        },
    );

    it("each check sends only commands its own entry lists (answers that lead each check to its later calls, every output present)", async () => {
        const mocks = allMockedClients() as unknown as Record<string, ReturnType<typeof mockClient>> & { clients: VerifyClients };
        const clientKeys = Object.keys(mocks).filter((k) => k !== "clients");
        expect(clientKeys.sort()).toEqual(Object.keys(SERVICE_OF_CLIENT).sort());
        const outputs = tierOutputs();
        const sentBy: Record<string, string[]> = {};
        // The answers hold for every call (none is answered once), so they are set once; each check starts from an empty call history.
        for (const key of clientKeys) mocks[key].onAnyCommand().resolves({});
        answerDeeply(mocks as unknown as Mocks);
        for (const check of ALL_CHECKS) {
            for (const key of clientKeys) mocks[key].resetHistory();
            await runCheck(check, { clients: mocks.clients, outputs });
            sentBy[check.id] = clientKeys.flatMap((key) =>
                mocks[key]
                    .calls()
                    .map((call) => iamAction(SERVICE_OF_CLIENT[key], (call.args[0] as object).constructor.name.replace(/Command$/, ""))),
            );
        }
        expect(Object.values(sentBy).flat().length).toBeGreaterThan(ALL_CHECKS.length);
        for (const [id, sent] of Object.entries(sentBy)) {
            const declared: readonly string[] = VERIFY_PERMISSIONS[id as keyof typeof VERIFY_PERMISSIONS];
            expect([id, [...new Set(sent)].filter((action) => !declared.includes(action))]).toEqual([id, []]);
        }
    });

    it("the actions the auditor gets on this account's resources only are exactly those the action catalogue says take resource-level permissions", () => {
        expect([...RESOURCE_LEVEL_VERIFY_ACTIONS].sort()).toEqual(verifyActions().filter((a) => resourceScopedActions(a).length > 0));
    });

    it("are all read-only", () => {
        for (const action of verifyActions()) expect(action).toMatch(/^[a-z0-9-]+:(Describe|Get|List|BatchGet|View)[A-Za-z]+$/);
    });
});
