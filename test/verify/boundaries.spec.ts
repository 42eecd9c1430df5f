/** access.permissions-boundaries against GetRole responses: the deploy role's own boundary, the workload boundary on the stack's roles. */
import { GetRoleCommand, IAMClient, Role } from "@aws-sdk/client-iam";
import { permissionsBoundaries } from "../../tooling/verify/boundaries";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, findings, mockedClients, outputs, REGION, verdicts } from "./support";

const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const DEPLOY = arn("role", "tap-prod-use1-deploy");
const SUPPORT = arn("role", "tap-prod-use1-support");
const AUDITOR = arn("role", "tap-prod-use1-auditor");
const INSTANCE = arn("role", "tap-prod-use1-app-role-1a2b3c4");
const DEPLOY_BOUNDARY = arn("policy", "tap-prod-use1-deploy-boundary");
const WORKLOAD_BOUNDARY = arn("policy", "tap-prod-use1-workload-boundary");
const STACK = {
    deployRoleArn: DEPLOY,
    supportRoleArn: SUPPORT,
    auditorRoleArn: AUDITOR,
    instanceRoleArn: INSTANCE,
    deployBoundaryArn: DEPLOY_BOUNDARY,
    workloadBoundaryArn: WORKLOAD_BOUNDARY,
};

const newMocks = () => mockedClients({ iam: new IAMClient({ region: REGION }) });
let documented: Role;
beforeAll(async () => {
    documented = (await sdkResponse<{ Role: Role }>("iam/GetRole.cli-example")).Role;
});
/** GetRole answers each role (its AWS CLI example, test/verify/fixtures/iam) with the boundary `boundaries` gives it (none when absent). */
function answer(mocks: ReturnType<typeof newMocks>, boundaries: Record<string, string | undefined>): void {
    for (const role of [DEPLOY, SUPPORT, AUDITOR, INSTANCE]) {
        const name = role.split("/").pop()!;
        const boundary = boundaries[role];
        mocks.iam.on(GetRoleCommand, { RoleName: name }).resolves({
            Role: {
                ...documented,
                RoleName: name,
                Arn: role,
                ...(boundary && {
                    PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: boundary },
                }),
            },
        });
    }
}

describe("access.permissions-boundaries (IAM.1)", () => {
    it("passes the deploy role with its own boundary and every named stack role with the workload boundary, asking GetRole by name", async () => {
        const mocks = newMocks();
        answer(mocks, {
            [DEPLOY]: DEPLOY_BOUNDARY,
            [SUPPORT]: WORKLOAD_BOUNDARY,
            [AUDITOR]: WORKLOAD_BOUNDARY,
            [INSTANCE]: WORKLOAD_BOUNDARY,
        });
        expect(verdicts(await findings(permissionsBoundaries, mocks, outputs(STACK)))).toEqual([
            [DEPLOY, "pass"],
            [INSTANCE, "pass"],
            [SUPPORT, "pass"],
            [AUDITOR, "pass"],
        ]);
        expect(
            mocks.iam
                .commandCalls(GetRoleCommand)
                .map((c) => c.args[0].input.RoleName)
                .sort(),
        ).toEqual(["tap-prod-use1-app-role-1a2b3c4", "tap-prod-use1-auditor", "tap-prod-use1-deploy", "tap-prod-use1-support"]);
    });

    it("fails a stack role without the workload boundary, one with another boundary, and a deploy role with the workload one, naming each", async () => {
        const mocks = newMocks();
        answer(mocks, { [DEPLOY]: WORKLOAD_BOUNDARY, [SUPPORT]: undefined, [AUDITOR]: DEPLOY_BOUNDARY, [INSTANCE]: WORKLOAD_BOUNDARY });
        const found = await findings(permissionsBoundaries, mocks, outputs(STACK));
        expect(found.map((f) => [f.resource, f.status, f.reason])).toEqual([
            [DEPLOY, "fail", `permissions boundary ${WORKLOAD_BOUNDARY}, not ${DEPLOY_BOUNDARY}`],
            [INSTANCE, "pass", `boundary ${WORKLOAD_BOUNDARY}`],
            [SUPPORT, "fail", `permissions boundary none, not ${WORKLOAD_BOUNDARY}`],
            [AUDITOR, "fail", `permissions boundary ${DEPLOY_BOUNDARY}, not ${WORKLOAD_BOUNDARY}`],
        ]);
    });

    it("leaves a deploy role with no boundary at all to access.deploy-role, still judging the other roles", async () => {
        const mocks = newMocks();
        answer(mocks, { [DEPLOY]: undefined, [SUPPORT]: WORKLOAD_BOUNDARY, [AUDITOR]: WORKLOAD_BOUNDARY, [INSTANCE]: undefined });
        expect(verdicts(await findings(permissionsBoundaries, mocks, outputs(STACK)))).toEqual([
            [INSTANCE, "fail"],
            [SUPPORT, "pass"],
            [AUDITOR, "pass"],
        ]);
    });

    it("is skipped on a stack without a CI deploy role", async () => {
        const [finding] = await findings(permissionsBoundaries, newMocks(), outputs({ supportRoleArn: SUPPORT }));
        expect(finding.reason).toBe("skipped: output deployRoleArn not in this stack");
    });
});
