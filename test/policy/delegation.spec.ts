/**
 * The delegation rules of policy/rules/delegation.ts: a role-creating identity without the boundary
 * condition is refused, and so is a PassRole to any service; the program's own deploy policy,
 * its boundary and the workload boundary pass (built from the same functions the program calls).
 */
import { deployBoundary, DeployScope, deployPolicy, workloadBoundary } from "../../lib/access/policies";
import { evaluate, PolicySubject, TAP_POLICIES } from "../../policy/api";

const ACCOUNT = "123456789012";
const POLICY = "aws:iam/policy:Policy";
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/tap-prod-use1-workload-boundary`;
const RULES = ["iam-role-creation-requires-boundary", "iam-passrole-to-named-services"];
const subject = (type: string, inputs: Record<string, unknown>): PolicySubject => ({
    urn: `urn:pulumi:prod::tap::${type}::p`,
    type,
    name: "p",
    inputs,
    id: "p",
    dependsOn: [],
});
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const flagged = (policy: unknown, type = POLICY) =>
    evaluate(
        [subject(type, type === "aws:iam/role:Role" ? { inlinePolicies: [{ name: "i", policy }] } : { policy })],
        TAP_POLICIES.filter((p) => RULES.includes(p.name)),
    ).results.flatMap((r) => r.violations.map((v) => `${r.policy}: ${v.message}`));

const SCOPE: DeployScope = {
    partition: "aws",
    account: ACCOUNT,
    environmentSuffix: "prod",
    regions: ["us-east-1", "us-west-2"],
    namePrefixes: ["tap-prod-use1", "tap-prod-usw2"],
    deployRoleName: "tap-prod-use1-deploy",
    deployPolicyNames: ["tap-prod-use1-deploy", "tap-prod-use1-deploy-boundary"],
    workloadBoundaryName: "tap-prod-use1-workload-boundary",
    supportRoleName: "tap-prod-use1-support",
    auditorRoleName: "tap-prod-use1-auditor",
    auditTrailBucketName: `tap-prod-use1-cloudtrail-${ACCOUNT}`,
    hostedZoneIds: ["Z0123456789ABCDEFGHIJ"],
};

describe("iam-role-creation-requires-boundary (IAM.1)", () => {
    it("refuses creating or widening roles without the boundary condition, by Action, by wildcard, by NotAction, in a role's inline policy too", () => {
        for (const [label, statement] of [
            ["CreateRole", { Effect: "Allow", Action: "iam:CreateRole", Resource: "arn:aws:iam::123456789012:role/tap-*" }],
            ["iam:Put*", { Effect: "Allow", Action: ["iam:Put*"], Resource: "*" }],
            ["iam:*", { Effect: "Allow", Action: "iam:*", Resource: "*" }],
            ["*", { Effect: "Allow", Action: "*", Resource: "*" }],
            ["NotAction", { Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }],
            [
                "a wildcard boundary",
                {
                    Effect: "Allow",
                    Action: "iam:CreateRole",
                    Resource: "*",
                    Condition: { StringLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/*" } },
                },
            ],
            [
                "the condition on another key",
                {
                    Effect: "Allow",
                    Action: "iam:AttachRolePolicy",
                    Resource: "*",
                    Condition: { StringEquals: { "iam:PolicyARN": BOUNDARY } },
                },
            ],
        ] as const) {
            expect([label, flagged(doc(statement))]).toEqual([
                label,
                expect.arrayContaining([expect.stringMatching(/^iam-role-creation-requires-boundary: .*without a permissions boundary/)]),
            ]);
        }
        expect(flagged(doc({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }), "aws:iam/role:Role")).toEqual([
            expect.stringContaining("inlinePolicies[0] Statement[0]"),
        ]);
    });

    it("accepts the condition on one exact boundary, or AWS's pattern: allow, and deny where the boundary differs, and never remove it", () => {
        expect(
            flagged(
                doc({
                    Effect: "Allow",
                    Action: ["iam:CreateRole", "iam:PutRolePolicy"],
                    Resource: "*",
                    Condition: { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } },
                }),
            ),
        ).toEqual([]);
        const ceiling = { Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::123456789012:role/tap-*" };
        const denyOthers = {
            Effect: "Deny",
            Action: [
                "iam:CreateRole",
                "iam:PutRolePolicy",
                "iam:AttachRolePolicy",
                "iam:UpdateAssumeRolePolicy",
                "iam:PutRolePermissionsBoundary",
            ],
            Resource: "*",
            Condition: { StringNotEquals: { "iam:PermissionsBoundary": BOUNDARY } },
        };
        const denyRemoval = { Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" };
        expect(flagged(doc(ceiling, denyOthers, denyRemoval))).toEqual([]);
        // Without the removal deny: the boundary can be taken off.
        expect(flagged(doc(ceiling, denyOthers))).toEqual([expect.stringContaining("allows iam:DeleteRolePermissionsBoundary")]);
        // A deny that misses one widening action leaves that one open.
        expect(flagged(doc(ceiling, { ...denyOthers, Action: denyOthers.Action.slice(0, 4) }, denyRemoval))).toEqual([
            expect.stringContaining("allows iam:PutRolePermissionsBoundary without"),
        ]);
        expect(flagged(doc({ Effect: "Allow", Action: ["s3:GetObject", "iam:GetRole"], Resource: "*" }))).toEqual([]);
    });

    it("passes the program's deploy policy, its boundary and the workload boundary", () => {
        for (const document of [
            deployPolicy(SCOPE),
            deployBoundary(SCOPE),
            workloadBoundary({ partition: "aws", regions: SCOPE.regions, namePrefixes: SCOPE.namePrefixes }),
        ]) {
            expect(flagged(JSON.stringify(document))).toEqual([]);
        }
    });
});

describe("iam-passrole-to-named-services (IAM.1)", () => {
    it('refuses PassRole on "*" or to any service; accepts named roles to named services, and service-linked roles', () => {
        expect(flagged(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }))).toEqual([
            expect.stringContaining('on Resource "*"'),
            expect.stringContaining("to any service"),
        ]);
        expect(flagged(doc({ Effect: "Allow", Action: "iam:Pass*", Resource: "arn:aws:iam::123456789012:role/tap-*" }))).toEqual([
            expect.stringContaining("to any service"),
        ]);
        expect(
            flagged(
                doc({
                    Effect: "Allow",
                    Action: "iam:PassRole",
                    Resource: "arn:aws:iam::123456789012:role/tap-*",
                    Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
                }),
            ),
        ).toEqual([]);
        expect(
            flagged(
                doc({
                    Effect: "Allow",
                    Action: "iam:PassRole",
                    Resource: "arn:aws:iam::123456789012:role/tap-*",
                    Condition: { StringLike: { "iam:PassedToService": "*" } },
                }),
            ),
        ).toEqual([expect.stringContaining("to any service")]);
        expect(
            flagged(
                doc({
                    Effect: "Allow",
                    Action: "iam:PassRole",
                    Resource: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_tap",
                }),
            ),
        ).toEqual([]);
    });
});
