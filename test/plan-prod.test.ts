/**
 * The offline plan of the prod stack: the real program (bin/tap.ts) with Pulumi.prod.yaml, whose
 * web and data tiers are on. One plan of the real program per test file: Node caches the program module.
 */
import { planStack } from "../lib/plan/plan-stack";
import { renderTree } from "../lib/plan/render";
import { bucketProtections } from "./security-checks";
import { ofType, one, Plan } from "./support";

const TIER_OUTPUTS = ["albDnsName", "albArn", "webAclArn", "dbEndpoint", "dbSecretArn"];

describe("npm run plan -- --stack prod", () => {
    let plan: Plan;
    beforeAll(async () => { plan = await planStack("prod"); });

    it("has the web and data tiers, and no CDN (tap:enableCdn is false)", () => {
        expect(ofType(plan, "tap:web:WebTier").map((r) => r.name)).toEqual(["tap-prod-use1-web"]);
        expect(ofType(plan, "tap:data:Database").map((r) => r.name)).toEqual(["tap-prod-use1-data"]);
        expect(ofType(plan, "tap:web:StaticSite")).toEqual([]);
        expect(ofType(plan, "aws:cloudfront/distribution:Distribution")).toEqual([]);
    });

    it("exports the tiers' outputs, and no CDN output at all (absent, not undefined)", () => {
        for (const key of TIER_OUTPUTS) expect([key, plan.outputs[key]]).toEqual([key, expect.any(String)]);
        expect(Object.keys(plan.outputs)).not.toContain("cdnDomainName");
    });

    it("guards production: deletion protection on the load balancer and the database, Multi-AZ, 30 days of backups", () => {
        expect(one(plan, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection).toBe(true);
        expect(one(plan, "aws:rds/instance:Instance").inputs).toMatchObject({
            deletionProtection: true, multiAz: true, backupRetentionPeriod: 30, instanceClass: "db.t4g.medium",
            skipFinalSnapshot: false, finalSnapshotIdentifier: "tap-prod-use1-db-final",
        });
        expect(one(plan, "aws:autoscaling/group:Group").inputs).toMatchObject({ protectFromScaleIn: true, healthCheckType: "ELB" });
    });

    it("serves HTTP only until a certificate is configured (Pulumi.prod.yaml sets none), with port 443 closed", () => {
        expect(ofType(plan, "aws:lb/listener:Listener").map((l) => [l.inputs.port, l.inputs.protocol])).toEqual([[80, "HTTP"]]);
        expect(ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 443)).toEqual([]);
    });

    it("lists every bucket of the stack in bucketNames, each protected, for the post-deploy checks", () => {
        const buckets = ofType(plan, "aws:s3/bucket:Bucket");
        expect([...(plan.outputs.bucketNames as string[])].sort()).toEqual(buckets.map((b) => b.id).sort());
        for (const b of buckets) expect([b.name, bucketProtections(plan, b).deniesInsecureTransport, b.inputs.forceDestroy]).toEqual([b.name, true, false]);
    });

    it("gives every log group of the tiers a year's retention and the stack key", () => {
        const key = one(plan, "aws:kms/key:Key").state.arn;
        const groups = ofType(plan, "aws:cloudwatch/logGroup:LogGroup");
        expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(["tap-prod-use1-waf-logs", "tap-prod-use1-db-postgresql-logs"]));
        for (const g of groups) expect([g.name, g.inputs.retentionInDays, g.inputs.kmsKeyId]).toEqual([g.name, 365, key]);
    });

    it("renders the tiers with the settings a reviewer checks", () => {
        const tree = renderTree(plan).split("\n");
        expect(tree.find((l) => l.includes("lb.LoadBalancer "))).toContain("dropInvalidHeaderFields=true");
        expect(tree.find((l) => l.includes("rds.Instance "))).toContain("manageMasterUserPassword=true");
        expect(tree.find((l) => l.includes("wafv2.WebAcl "))).toContain("AWSManagedRulesSQLiRuleSet");
    });
});
