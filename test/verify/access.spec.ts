/**
 * Access checks against GetRole / ListAttachedRolePolicies / ListRolePolicies / GetRolePolicy
 * answers built on the ones AWS documents (test/verify/fixtures/iam: the AWS CLI examples), and `--role-arn`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DescribeFlowLogsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
    GetRoleCommand,
    GetRolePolicyCommand,
    IAMClient,
    ListAttachedRolePoliciesCommand,
    ListRolePoliciesCommand,
    Role,
} from "@aws-sdk/client-iam";
import { auditorPolicy, githubTrust, humanTrust, trustDocument } from "../../lib/access/policies";
import { verifyActions } from "../../lib/access/verify-permissions";
import { auditorRole, deployRole, supportRole } from "../../tooling/verify/access";
import { runVerify } from "../../tooling/verify/cli";
import { flowLogsActive } from "../../tooling/verify/network";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, DEV_OUTPUTS, findings, mockedClients, outputs, REGION, verdicts } from "./support";

const SUPPORT_ARN = `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-support`;
const AUDITOR_ARN = `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-auditor`;
const DEPLOY_ARN = `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-deploy`;
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const ACCESS_OUTPUTS = { supportRoleArn: SUPPORT_ARN, auditorRoleArn: AUDITOR_ARN, deployRoleArn: DEPLOY_ARN };

let documentedRole: Role;
beforeAll(async () => {
    documentedRole = (await sdkResponse<{ Role: Role }>("iam/GetRole.cli-example")).Role;
});
/** The documented role (GetRole's AWS CLI example) as one of the stack's: its name and ARN, its trust policy URL-encoded as IAM returns it. */
const role = (arn: string, trust: object, extra: Partial<Role> = {}): Role => ({
    ...documentedRole,
    RoleName: arn.split("/").pop()!,
    Arn: arn,
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
    ...extra,
});
const withMfa = trustDocument(humanTrust("aws", ACCOUNT));
const withoutMfa = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }],
};

const newMocks = () => mockedClients({ iam: new IAMClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});
const stack = () => outputs(ACCESS_OUTPUTS);

const SCOPE = { partition: "aws", account: "123456789012", bucketPrefix: "tap-dev-" };

describe("access.support-role (CIS 1.17)", () => {
    it("passes a role people assume with MFA, holding AWSSupportAccess alone", async () => {
        mocks.iam.on(GetRoleCommand).resolves({ Role: role(SUPPORT_ARN, withMfa) });
        mocks.iam
            .on(ListAttachedRolePoliciesCommand)
            .resolves({ AttachedPolicies: [{ PolicyName: "AWSSupportAccess", PolicyArn: "arn:aws:iam::aws:policy/AWSSupportAccess" }] });
        mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
        expect(verdicts(await findings(supportRole, mocks, stack()))).toEqual([[SUPPORT_ARN, "pass"]]);
        expect(mocks.iam.commandCalls(GetRoleCommand)[0].args[0].input).toEqual({ RoleName: "tap-dev-use1-support" });
    });

    it("fails a role assumable without MFA, or holding more than AWSSupportAccess, naming each", async () => {
        mocks.iam.on(GetRoleCommand).resolves({ Role: role(SUPPORT_ARN, withoutMfa) });
        mocks.iam
            .on(ListAttachedRolePoliciesCommand)
            .resolves({ AttachedPolicies: [{ PolicyName: "AWSSupportAccess" }, { PolicyName: "ReadOnlyAccess" }] });
        mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["extra"] });
        const [finding] = await findings(supportRole, mocks, stack());
        expect(finding.status).toBe("fail");
        expect(finding.reason).toMatch(
            /without MFA.*; attached policies \["AWSSupportAccess","ReadOnlyAccess"\], not AWSSupportAccess alone; inline policies \["extra"\]/,
        );
    });

    it("is skipped on a stack without Access", async () => {
        expect((await findings(supportRole, mocks, outputs()))[0].reason).toBe("skipped: output supportRoleArn not in this stack");
    });
});

describe("access.auditor-role", () => {
    const answer = (policy: object, attached: string[] = []) => {
        mocks.iam.on(GetRoleCommand).resolves({ Role: role(AUDITOR_ARN, withMfa) });
        mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: attached.map((PolicyName) => ({ PolicyName })) });
        mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["tap-dev-use1-auditor-read"] });
        mocks.iam.on(GetRolePolicyCommand).resolves({
            RoleName: "tap-dev-use1-auditor",
            PolicyName: "tap-dev-use1-auditor-read",
            PolicyDocument: encodeURIComponent(JSON.stringify(policy)),
        });
    };

    it("passes the policy the program generates: exactly the checks' actions", async () => {
        answer(auditorPolicy(verifyActions(), SCOPE));
        expect(await findings(auditorRole, mocks, stack())).toEqual([
            expect.objectContaining({
                status: "pass",
                reason: `${verifyActions().length} read-only actions, exactly the checks'; assumable with MFA`,
            }),
        ]);
    });

    it("fails an auditor that could change something, or lacks what a check calls, or has a managed policy", async () => {
        answer(auditorPolicy([...verifyActions().filter((a) => a !== "kms:DescribeKey"), "s3:PutBucketPolicy"], SCOPE), ["ReadOnlyAccess"]);
        const [finding] = await findings(auditorRole, mocks, stack());
        expect(finding.reason).toBe(
            "managed policies attached: ReadOnlyAccess; allows what no check calls: s3:PutBucketPolicy; lacks what checks call: kms:DescribeKey",
        );
    });
});

describe("access.auditor-role reads what a statement allows, not only its Action", () => {
    it("fails an Allow by NotAction (the IAM User Guide's NotAction-with-Allow shape), which grants every action it does not name", async () => {
        // "NotAction": "iam:*" with "Effect": "Allow" on "Resource": "*": the IAM User Guide's example of NotAction with Allow.
        const generated = auditorPolicy(verifyActions(), SCOPE) as { Version: string; Statement: object[] };
        const policy = {
            ...generated,
            Statement: [...generated.Statement, { Sid: "AllowAllButIam", Effect: "Allow", NotAction: "iam:*", Resource: "*" }],
        };
        mocks.iam.on(GetRoleCommand).resolves({ Role: role(AUDITOR_ARN, withMfa) });
        mocks.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
        mocks.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["tap-dev-use1-auditor-read"] });
        mocks.iam.on(GetRolePolicyCommand).resolves({
            RoleName: "tap-dev-use1-auditor",
            PolicyName: "tap-dev-use1-auditor-read",
            PolicyDocument: encodeURIComponent(JSON.stringify(policy)),
        });
        const [finding] = await findings(auditorRole, mocks, stack());
        expect(finding).toMatchObject({ status: "fail", reason: 'tap-dev-use1-auditor-read AllowAllButIam allows by NotAction "iam:*"' });
    });
});

describe("access.deploy-role", () => {
    const bounded = {
        PermissionsBoundary: {
            PermissionsBoundaryType: "PermissionsBoundaryPolicy" as const,
            PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/tap-dev-use1-deploy-boundary`,
        },
        MaxSessionDuration: 7200,
    };

    it("passes one repository's OIDC trust with a boundary", async () => {
        mocks.iam.on(GetRoleCommand).resolves({
            Role: role(DEPLOY_ARN, trustDocument(githubTrust(PROVIDER_ARN, "repo:acme/tap:environment:production")), bounded),
        });
        expect(verdicts(await findings(deployRole, mocks, stack()))).toEqual([[DEPLOY_ARN, "pass"]]);
    });

    it("fails a wildcard subject, and a role without a boundary", async () => {
        const trust = {
            Version: "2012-10-17",
            Statement: [
                {
                    ...githubTrust(PROVIDER_ARN, "x"),
                    Condition: {
                        StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" },
                        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                    },
                },
            ],
        };
        mocks.iam.on(GetRoleCommand).resolves({ Role: role(DEPLOY_ARN, trust) });
        const [finding] = await findings(deployRole, mocks, stack());
        expect(finding.reason).toMatch(/with a wildcard operator.*any subject.*; no permissions boundary$/);
    });

    it("fails a deploy role people assume instead of an OIDC token", async () => {
        mocks.iam.on(GetRoleCommand).resolves({ Role: role(DEPLOY_ARN, withMfa, bounded) });
        expect((await findings(deployRole, mocks, stack()))[0].reason).toBe(`trusts arn:aws:iam::${ACCOUNT}:root, no OIDC provider`);
    });
});

describe("npm run verify -- --role-arn", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tap-verify-role-"));
    const file = path.join(dir, "flat-outputs.json");
    writeFileSync(file, JSON.stringify(DEV_OUTPUTS));
    const credentials = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token" };

    it("runs the checks with the assumed role's credentials", async () => {
        const ec2 = mockedClients({ ec2: new EC2Client({ region: REGION }) });
        ec2.ec2.on(DescribeFlowLogsCommand).resolves({
            FlowLogs: [
                {
                    FlowLogId: DEV_OUTPUTS.flowLogId,
                    ResourceId: DEV_OUTPUTS.vpcId,
                    TrafficType: "ALL",
                    FlowLogStatus: "ACTIVE",
                    DeliverLogsStatus: "SUCCESS",
                },
            ],
        });
        const assumeRole = jest.fn(async () => credentials);
        const clientsFor = jest.fn(() => ec2.clients);
        const out: string[] = [];
        const code = await runVerify(["--role-arn", AUDITOR_ARN], {
            env: { TAP_OUTPUTS_FILE: file },
            clientsFor,
            assumeRole,
            checks: [flowLogsActive],
            stackOutput: () => ({ ok: false, reason: "unused" }),
            print: (t) => out.push(t),
            printError: () => undefined,
        });
        expect(code).toBe(0);
        expect(assumeRole).toHaveBeenCalledWith(AUDITOR_ARN, REGION);
        expect(clientsFor).toHaveBeenCalledWith(REGION, credentials);
        expect(out[1]).toBe(`Checks run as ${AUDITOR_ARN}\n`);
    });

    it("stops with exit 2, naming the role and the AWS error, when the role cannot be assumed", async () => {
        const err: string[] = [];
        const clientsFor = jest.fn();
        const denied = Object.assign(new Error("not authorized to perform: sts:AssumeRole"), { name: "AccessDenied" });
        const code = await runVerify(["--role-arn", AUDITOR_ARN], {
            env: { TAP_OUTPUTS_FILE: file },
            clientsFor,
            assumeRole: async () => {
                throw denied;
            },
            stackOutput: () => ({ ok: false, reason: "unused" }),
            print: () => undefined,
            printError: (t) => err.push(t),
        });
        expect(code).toBe(2);
        expect(err[0]).toMatch(new RegExp(`^Could not assume ${AUDITOR_ARN}: AccessDenied: not authorized`));
        expect(clientsFor).not.toHaveBeenCalled();
    });
});
