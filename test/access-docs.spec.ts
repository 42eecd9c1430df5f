/** The example CI workflow (docs/ci-workflow.example.yml) agrees with the deploy role the program builds. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { DEPLOY_SESSION_SECONDS } from "../lib/access/policies";

interface Step {
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Record<string, unknown>;
}
interface Job {
    readonly if?: string;
    readonly environment?: string;
    readonly permissions?: Record<string, string>;
    readonly steps: Step[];
}
const workflow = parse(readFileSync(path.resolve(__dirname, "../docs/ci-workflow.example.yml"), "utf8")) as {
    on: object;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
};
const runs = (job: Job) => job.steps.map((s) => s.run ?? s.uses ?? "");
const index = (job: Job, pattern: RegExp) => runs(job).findIndex((r) => pattern.test(r));

describe("docs/ci-workflow.example.yml", () => {
    const { plan, deploy } = workflow.jobs;

    it("gives pull requests no AWS credentials and no OIDC token: the offline plan and the tests only", () => {
        expect(plan.if).toContain("pull_request");
        expect(workflow.permissions).toEqual({ contents: "read" });
        expect(plan.permissions?.["id-token"]).toBeUndefined();
        expect(runs(plan).filter((r) => /configure-aws-credentials|pulumi (preview|up)/.test(r))).toEqual([]);
        expect(index(plan, /npm run plan/)).toBeGreaterThan(-1);
    });

    it("deploys on push from a protected environment, keyless, for at most the role's session", () => {
        expect(deploy.if).toContain("push");
        expect(deploy.environment).toBe("production");
        expect(deploy.permissions).toEqual({ contents: "read", "id-token": "write" });
        const credentials = deploy.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
        expect(credentials?.with).toMatchObject({
            "role-duration-seconds": DEPLOY_SESSION_SECONDS,
            "role-to-assume": expect.stringContaining("vars."),
        });
        expect(JSON.stringify(credentials?.with)).not.toMatch(/aws-access-key-id|aws-secret-access-key/);
    });

    it("previews with the policy pack, then deploys, then verifies as the auditor role", () => {
        const preview = index(deploy, /pulumi preview .*--policy-pack policy/);
        const up = index(deploy, /pulumi up .*--policy-pack policy/);
        const verify = index(deploy, /npm run verify -- .*--role-arn .*auditorRoleArn/);
        expect(preview).toBeGreaterThan(index(deploy, /configure-aws-credentials/));
        expect([preview < up, up < verify]).toEqual([true, true]);
    });
});
