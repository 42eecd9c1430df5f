/**
 * The offline plan of the dev stack: the real program (bin/tap.ts) with Pulumi.dev.yaml.
 * One plan of the real program per test file: Node caches the program module.
 */
import { planStack } from "../lib/plan/plan-stack";
import { countByType, renderTree } from "../lib/plan/render";
import { ofType, Plan } from "./support";

describe("npm run plan -- --stack dev", () => {
    let plan: Plan;
    beforeAll(async () => { plan = await planStack("dev"); });

    it("runs bin/tap.ts with Pulumi.dev.yaml: one NAT gateway over two AZs in us-east-1", () => {
        expect(plan.outputs).toMatchObject({ region: "us-east-1", environmentSuffix: "dev" });
        expect(ofType(plan, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
        expect(ofType(plan, "aws:ec2/subnet:Subnet")).toHaveLength(4);
    });

    it("exports every output the integration tests read", () => {
        for (const key of ["vpcId", "publicSubnetIds", "privateSubnetIds", "natGatewayIds", "flowLogId",
            "kmsKeyArn", "kmsKeyId", "accessLogsBucketName", "instanceRoleArn", "autoScalingGroupName", "appSecurityGroupId"]) {
            expect([key, plan.outputs[key]]).toEqual([key, expect.anything()]);
        }
    });

    it("has none of the optional tiers (Pulumi.dev.yaml turns them off), nor their outputs or key grants", () => {
        const tierTypes = /^(tap:web:|tap:data:|aws:lb\/|aws:wafv2\/|aws:rds\/|aws:cloudfront\/|aws:cloudwatch\/logDelivery|aws:autoscaling\/attachment)/;
        expect(plan.resources.filter((r) => tierTypes.test(r.type)).map((r) => r.type)).toEqual([]);
        expect(Object.keys(plan.outputs).filter((k) => ["albDnsName", "albArn", "webAclArn", "dbEndpoint", "dbSecretArn", "cdnDomainName"].includes(k))).toEqual([]);
        expect(String(ofType(plan, "aws:kms/key:Key")[0].inputs.policy)).not.toContain("cloudfront");
        expect(ofType(plan, "aws:autoscaling/group:Group")[0].inputs).toMatchObject({ healthCheckType: "EC2", protectFromScaleIn: false, forceDelete: false });
    });

    it("renders each resource under its component, with the settings a reviewer checks", () => {
        const tree = renderTree(plan).split("\n");
        const vpcLine = tree.find((l) => l.includes("ec2.Vpc "))!;
        const componentLine = tree.find((l) => l.includes("VpcNetwork "))!;
        expect(vpcLine.indexOf("+")).toBeGreaterThan(componentLine.indexOf("■"));
        expect(vpcLine).toContain("cidrBlock=10.0.0.0/16");
        expect(tree.find((l) => l.includes("ec2.FlowLog "))).toContain("trafficType=ALL");
        expect(countByType(plan)[0][1]).toBeGreaterThan(1);
    });

    it("shows the security baseline and compute components with the controls a reviewer checks", () => {
        const tree = renderTree(plan).split("\n");
        for (const component of ["■ SecurityBaseline tap-dev-use1-security", "■ SecureBucket tap-dev-use1-access-logs", "■ Compute tap-dev-use1-compute"]) {
            expect(tree.some((l) => l.trim() === component)).toBe(true);
        }
        expect(tree.find((l) => l.includes("kms.Key "))).toContain("enableKeyRotation=true");
        const launchTemplate = tree.find((l) => l.includes("ec2.LaunchTemplate "))!;
        expect(launchTemplate).toContain("keyName=-");
        expect(launchTemplate).toContain('"httpTokens":"required"');
        expect(tree.find((l) => l.includes("s3.BucketPublicAccessBlock "))).toContain("restrictPublicBuckets=true");
    });
});
