/**
 * Pulumi.prod.yaml as `npm run plan -- --stack prod` shows it: the same plan (the shared one of
 * support.ts) and the same renderers (tooling/plan/render.ts) and verdict (policy/api.ts) as the CLI,
 * in process. test/program.test.ts runs the real CLI, on dev.
 */
import { evaluatePolicies } from "../../policy/api";
import { renderGuards, renderTree } from "../../tooling/plan/render";
import { mandatoryViolations, NETWORK_POLICIES, statusOf } from "../policy/compliance";
import { bucketProtections } from "../security-checks";
import { managed, nonEmpty, ofType, one, Plan, planStackFile, stackFileConfig, TIER_OUTPUTS } from "../support";
import { parseTapConfig } from "../../lib/config";
import { placeholderProblems } from "../../lib/config/placeholders";
import { tapProgram } from "../../lib/program";

describe("npm run plan -- --stack prod (Pulumi.prod.yaml)", () => {
    let prod: Plan;
    let tree: string[];
    beforeAll(async () => {
        prod = await planStackFile("prod");
        tree = renderTree(prod).split("\n");
    });
    const line = (text: string) => tree.find((l) => l.includes(text)) ?? "";

    it("plans three AZs with a NAT gateway each, buckets kept on destroy, a multi-region trail", () => {
        expect(prod.stack).toBe("prod");
        expect(ofType(prod, "aws:ec2/natGateway:NatGateway")).toHaveLength(3);
        expect(prod.outputs).toMatchObject({ cloudTrailMultiRegion: true });
        expect(String(prod.outputs.vpcId)).toMatch(/^vpc-/);
        expect(line("s3.Bucket tap-prod-use1-access-logs ")).toMatch(/forceDestroy=false/);
    });

    it("has the web and data tiers, and no CDN (tap:enableCdn is false)", () => {
        expect(ofType(prod, "tap:web:WebTier").map((r) => r.name)).toEqual(["tap-prod-use1-web"]);
        expect(ofType(prod, "tap:data:Database").map((r) => r.name)).toEqual(["tap-prod-use1-data"]);
        expect(ofType(prod, "tap:web:StaticSite")).toEqual([]);
        expect(ofType(prod, "aws:cloudfront/distribution:Distribution")).toEqual([]);
    });

    it("exports the tiers' outputs, and no CDN output at all (absent, not undefined)", () => {
        for (const key of TIER_OUTPUTS) expect([key, prod.outputs[key]]).toEqual([key, expect.any(String)]);
        expect(prod.outputs).toMatchObject({ deletionProtection: true, dbMultiAz: true }); // what the checks compare against
        expect(Object.keys(prod.outputs)).not.toContain("cdnDomainName");
    });

    it("guards production: deletion protection on the load balancer and the database, Multi-AZ, 30 days of backups", () => {
        expect(one(prod, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection).toBe(true);
        expect(one(prod, "aws:rds/instance:Instance").inputs).toMatchObject({
            deletionProtection: true,
            multiAz: true,
            backupRetentionPeriod: 30,
            instanceClass: "db.t4g.medium",
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: expect.stringMatching(/^tap-prod-use1-db-final-[0-9a-f]{8}$/),
        });
        expect(one(prod, "aws:autoscaling/group:Group").inputs).toMatchObject({ protectFromScaleIn: true, healthCheckType: "ELB" });
    });

    it("serves HTTPS on 443 only, from the configured ranges only, without tap:allowPlainHttp (seed 002; issue 29 item 5)", () => {
        expect(stackFileConfig("prod")["tap:allowPlainHttp"]).toBeUndefined();
        expect(ofType(prod, "aws:lb/listener:Listener").map((l) => [l.inputs.port, l.inputs.protocol])).toEqual([[443, "HTTPS"]]);
        const alb = one(prod, "aws:ec2/securityGroup:SecurityGroup", "alb-sg");
        const ingress = nonEmpty(
            ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === alb.id),
        );
        const ranges = JSON.parse(stackFileConfig("prod")["tap:allowedIngressCidrs"]) as string[];
        expect(ingress.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]).sort()).toEqual(
            ranges.map((cidr) => [443, 443, cidr]).sort(),
        );
        expect(ranges).not.toContain("0.0.0.0/0");
        expect(one(prod, "aws:lb/loadBalancer:LoadBalancer").inputs.tags).not.toHaveProperty("PlainHttpAcceptedBy");
        expect(statusOf(evaluatePolicies(prod), ["elb-https-listener", "elb-http-redirects-to-https"])).toEqual({
            "elb-https-listener": "pass",
            "elb-http-redirects-to-https": "pass",
        });
    });

    it("carries placeholders (the certificate, the alert address, the ranges) that the offline plan accepts and a deployment refuses, naming each", () => {
        expect(placeholderProblems(parseTapConfig(stackFileConfig("prod"), "prod")).map((p) => p.split(" ")[0])).toEqual([
            "tap:alarmEmail",
            "tap:certificateArn",
            "tap:allowedIngressCidrs",
        ]);
        expect(() => tapProgram(stackFileConfig("prod"), "prod", { placeholders: "refuse" })).toThrow(
            /tap:certificateArn = "arn:aws:acm:us-east-1:000000000000:certificate\/0{8}-0{4}-0{4}-0{4}-0{12}" is a placeholder/,
        );
    });

    it("lists every bucket of the stack in bucketNames, each protected, for the post-deploy checks", () => {
        const buckets = nonEmpty(ofType(prod, "aws:s3/bucket:Bucket"));
        expect([...(prod.outputs.bucketNames as string[])].sort()).toEqual(buckets.map((b) => b.id).sort());
        for (const b of buckets)
            expect([b.name, bucketProtections(prod, b).deniesInsecureTransport, b.inputs.forceDestroy]).toEqual([b.name, true, false]);
    });

    it("gives every log group a year's retention and the stack key", () => {
        const key = one(prod, "aws:kms/key:Key").state.arn;
        const groups = ofType(prod, "aws:cloudwatch/logGroup:LogGroup");
        expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(["tap-prod-use1-waf-logs", "tap-prod-use1-db-postgresql-logs"]));
        for (const g of groups) expect([g.name, g.inputs.retentionInDays, g.inputs.kmsKeyId]).toEqual([g.name, 365, key]);
    });

    it("prints the tiers with the settings a reviewer checks", () => {
        expect(line("lb.LoadBalancer ")).toContain("dropInvalidHeaderFields=true");
        expect(line("rds.Instance ")).toContain("manageMasterUserPassword=true");
        expect(line("wafv2.WebAcl ")).toContain("AWSManagedRulesSQLiRuleSet");
    });

    it("marks protected (🔒) and retained (⚓) resources in the tree and counts them, as the --json plan records them", () => {
        const resources = managed(prod);
        const count = (keep: (r: (typeof resources)[number]) => boolean) => resources.filter(keep).length;
        expect(count((r) => r.protect)).toBeGreaterThan(10);
        expect(renderGuards(prod)).toBe(
            `🔒 protected: ${count((r) => r.protect)}, ⚓ retained on delete: ${count((r) => r.retainOnDelete)} (of ${resources.length})`,
        );
        expect(line("+ kms.Key ")).toMatch(/kms\.Key tap-prod-use1-key 🔒 ⚓ /);
        expect(line("+ s3.Bucket tap-prod-use1-alb-logs")).toMatch(/alb-logs 🔒 {2}bucket=/);
    });

    it("has no mandatory violation of tap-security, and the network policies examine resources and pass", () => {
        const compliance = evaluatePolicies(prod);
        expect(mandatoryViolations(compliance)).toEqual([]);
        expect(statusOf(compliance, NETWORK_POLICIES)).toEqual(Object.fromEntries(NETWORK_POLICIES.map((name) => [name, "pass"])));
    });
});
