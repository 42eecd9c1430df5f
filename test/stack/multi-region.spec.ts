/** Two regions: each its own key, provider and network; IAM, the trail and the password policy once. */
import { regionShortCode } from "../../lib/naming";
import { FINDING_EVENTS } from "../../lib/monitoring/finding-events";
import { cidrsOverlap } from "../../lib/network/region-cidrs";
import { renderRegions } from "../../tooling/plan/render";
import { ALL_TIERS, ofType, one, Plan, PlannedResource, planTap, TWO_REGIONS, nonEmpty } from "../support";

const REGIONS = ["us-east-1", "us-west-2"];
/** Types that exist once per account whatever the number of regions (IAM is global; one trail). */
const GLOBAL_TYPES = [
    "aws:iam/role:Role",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/policy:Policy",
    "aws:cloudtrail/trail:Trail",
];
/** Every KMS key ARN anywhere in a resource's inputs (nested blocks and JSON documents included). */
function kmsKeyArns(value: unknown): string[] {
    if (typeof value === "string") {
        if (value.startsWith("{")) {
            try {
                return kmsKeyArns(JSON.parse(value));
            } catch {
                return [];
            }
        }
        return /^arn:aws:kms:[^:]+:\d+:key\//.test(value) ? [value] : [];
    }
    if (Array.isArray(value)) return value.flatMap(kmsKeyArns);
    if (value && typeof value === "object") return Object.values(value).flatMap(kmsKeyArns);
    return [];
}

describe("a stack over two regions", () => {
    let one_: Plan;
    let two: Plan;
    beforeAll(async () => {
        // Every tier on, in the primary only: the comparison holds the tiers constant.
        one_ = await planTap(ALL_TIERS, "dev");
        two = await planTap(TWO_REGIONS, "dev");
        expect(JSON.parse(TWO_REGIONS["tap:regions"])).toEqual(REGIONS);
    });
    const providerOf = (r: PlannedResource) => r.provider;
    const keys = () => ofType(two, "aws:kms/key:Key");
    /** The component of `type` a resource sits under (through its parents), if any. */
    const ancestor = (r: PlannedResource, type: string): string | undefined => {
        const byUrn = new Map(two.resources.map((x) => [x.urn, x]));
        for (let p = r.parent && byUrn.get(r.parent); p; p = p.parent ? byUrn.get(p.parent) : undefined) {
            if (p.type === type) return p.name;
        }
        return undefined;
    };
    const regionalAncestor = (r: PlannedResource) => ancestor(r, "tap:index:RegionalStack");
    /** Access is global by design (IAM, over every region's keys and instances), managed by the primary's provider. */
    const global = (r: PlannedResource) => GLOBAL_TYPES.includes(r.type) || ancestor(r, "tap:access:Access") !== undefined;

    it("has one provider per region, with the same default tags", () => {
        const providers = ofType(two, "pulumi:providers:aws");
        expect(providers.map((p) => p.inputs.region)).toEqual(REGIONS);
        expect(new Set(providers.map((p) => String(p.inputs.defaultTags))).size).toBe(1);
    });

    it("has its own KMS key in each region (a key never crosses regions, seed 004)", () => {
        expect(keys().map((k) => [k.provider, String(k.state.arn).split(":")[3]])).toEqual([
            ["aws-us-east-1", "us-east-1"],
            ["aws-us-west-2", "us-west-2"],
        ]);
    });

    it("encrypts every regional resource with the key of its own region, through the provider of its own region", () => {
        const keyRegion = new Map(keys().map((k) => [String(k.state.arn), k.provider]));
        let checked = 0;
        for (const r of nonEmpty(
            two.resources.filter((x) => x.custom && x.type !== "aws:kms/key:Key" && ancestor(x, "tap:access:Access") === undefined),
        )) {
            for (const ref of kmsKeyArns(r.inputs)) {
                expect([r.name, keyRegion.get(ref)]).toEqual([r.name, providerOf(r)]);
                checked++;
            }
        }
        // Per region: 3 log groups, 3 SSE-KMS buckets, the launch template, the topic, Config, the trail...
        expect(checked).toBeGreaterThanOrEqual(2 * 8);
    });

    it("builds every regional component under a RegionalStack of its region, managed by that region's provider", () => {
        const regional = ofType(two, "tap:index:RegionalStack");
        expect(regional.map((r) => r.name)).toEqual(["tap-dev-use1-region", "tap-dev-usw2-region"]);
        for (const r of nonEmpty(
            two.resources.filter(
                (x) => x.custom && !x.type.startsWith("pulumi:") && !global(x) && x.type !== "aws:iam/rolePolicy:RolePolicy",
            ),
        )) {
            const region = r.name.includes("-usw2-") ? "us-west-2" : "us-east-1";
            expect([r.name, r.provider]).toEqual([r.name, `aws-${region}`]);
            expect([r.name, regionalAncestor(r)]).toEqual([
                r.name,
                `${r.name.includes("-usw2-") ? "tap-dev-usw2" : "tap-dev-use1"}-region`,
            ]);
        }
    });

    it("gives the regions' VPCs CIDRs that do not overlap", () => {
        const cidrs = ofType(two, "aws:ec2/vpc:Vpc").map((v) => String(v.inputs.cidrBlock));
        expect(cidrs).toEqual(["10.0.0.0/16", "10.1.0.0/16"]);
        expect(cidrsOverlap(cidrs[0], cidrs[1])).toBe(false);
    });

    it("creates the global resources once, as many as a one-region stack has", () => {
        for (const type of GLOBAL_TYPES) {
            expect([type, ofType(two, type).length]).toEqual([type, ofType(one_, type).length]);
            expect([type, ofType(two, type).every((r) => r.provider === "aws-us-east-1")]).toEqual([type, true]);
        }
        expect(ofType(two, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy")).toHaveLength(1);
    });

    it("doubles every regional resource", () => {
        for (const type of [
            "aws:ec2/vpc:Vpc",
            "aws:autoscaling/group:Group",
            "aws:guardduty/detector:Detector",
            "aws:cfg/recorder:Recorder",
            "aws:sns/topic:Topic",
            "aws:ebs/encryptionByDefault:EncryptionByDefault",
        ]) {
            expect([type, ofType(two, type).length]).toEqual([type, 2 * ofType(one_, type).length]);
        }
    });

    it("makes the one trail multi-region, and records global resource types in the primary's recorder only", () => {
        expect(one(two, "aws:cloudtrail/trail:Trail").inputs.isMultiRegionTrail).toBe(true);
        expect(
            ofType(two, "aws:cfg/recorder:Recorder").map((r) => [
                r.provider,
                (r.inputs.recordingGroup as { includeGlobalResourceTypes: boolean }).includeGlobalResourceTypes,
            ]),
        ).toEqual([
            ["aws-us-east-1", true],
            ["aws-us-west-2", false],
        ]);
        // The CIS filters read the trail's log group, which exists in the primary only.
        expect(ofType(two, "aws:cloudwatch/logMetricFilter:LogMetricFilter").every((f) => f.provider === "aws-us-east-1")).toBe(true);
    });

    it("alerts in every region: each region's finding rules notify that region's own topic", () => {
        const topics = ofType(two, "aws:sns/topic:Topic");
        expect(topics.map((t) => t.provider)).toEqual(["aws-us-east-1", "aws-us-west-2"]);
        // Security Hub's rule targets the state machine that publishes to the topic of its region (and marks the finding NOTIFIED).
        const machines = ofType(two, "aws:sfn/stateMachine:StateMachine");
        for (const target of nonEmpty(ofType(two, "aws:cloudwatch/eventTarget:EventTarget"))) {
            const topic = topics.find((t) => t.state.arn === target.inputs.arn) ?? machines.find((m) => m.state.arn === target.inputs.arn)!;
            expect([target.name, topic.provider]).toEqual([target.name, target.provider]);
        }
        expect(machines.map((m) => m.provider)).toEqual(["aws-us-east-1"]);
        // FINDING_EVENTS (GuardDuty, Config, Backup job and copy failures) and Access Analyzer findings in both regions (Inspector is
        // off in dev); Security Hub findings in the primary only, where the aggregator brings the other region's.
        expect(ofType(two, "aws:cloudwatch/eventTarget:EventTarget")).toHaveLength(2 * (FINDING_EVENTS.length + 1) + 1);
    });

    it("grants the global roles each region's own resources, region by region", () => {
        const appRole = one(two, "aws:iam/role:Role", "app-role");
        const grants = ofType(two, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === appRole.id);
        // Per region: logs and metrics (Compute), session logging, patch output; the primary's app data bucket (the data tier's region).
        expect(grants.map((g) => g.provider)).toEqual([
            "aws-us-east-1",
            "aws-us-east-1",
            "aws-us-east-1",
            "aws-us-east-1",
            "aws-us-west-2",
            "aws-us-west-2",
            "aws-us-west-2",
        ]);
        for (const g of grants) {
            const region = g.provider!.slice("aws-".length);
            for (const s of JSON.parse(String(g.inputs.policy)).Statement) {
                for (const resource of ([] as string[]).concat(s.Resource)) {
                    // S3 ARNs have no region: the bucket's name carries the region's prefix instead.
                    if (resource.startsWith("arn:aws:s3:::"))
                        expect(resource).toContain(`arn:aws:s3:::tap-dev-${regionShortCode(region)}-`);
                    else if (resource !== "*") expect(resource).toContain(`:${region}:`);
                }
            }
        }
    });

    it("keeps the primary's flat outputs and adds every region's under regions", () => {
        const regions = two.outputs.regions as Record<string, Record<string, unknown>>;
        expect(Object.keys(regions)).toEqual(REGIONS);
        expect(two.outputs.vpcId).toBe(regions["us-east-1"].vpcId);
        expect(two.outputs.kmsKeyArn).toBe(regions["us-east-1"].kmsKeyArn);
        expect(regions["us-west-2"].kmsKeyArn).toBe(keys()[1].state.arn);
        expect(regions["us-west-2"].vpcCidr).toBe("10.1.0.0/16");
        expect(two.outputs.cloudTrailMultiRegion).toBe(true);
        for (const key of [
            "vpcId",
            "privateSubnetIds",
            "kmsKeyArn",
            "autoScalingGroupName",
            "guardDutyDetectorId",
            "configRecorderName",
            "alarmTopicArn",
        ]) {
            expect([key, regions["us-west-2"][key]]).toEqual([key, expect.anything()]);
        }
        expect((two.outputs.bucketNames as string[]).filter((b) => b.includes("-usw2-"))).toHaveLength(3); // access logs, Config, management logs (sessions, patch output)
    });

    it("leaves the one-region stack's names as they were (adding a region renames nothing)", () => {
        const names = (plan: Plan) => new Set(plan.resources.map((r) => `${r.type}::${r.name}`));
        const before = names(one_);
        const after = names(two);
        for (const name of before) expect([name, after.has(name)]).toEqual([name, true]);
    });

    it("shows the regions side by side in the offline plan", () => {
        const table = renderRegions(two).split("\n");
        expect(table[0]).toMatch(/region\s+us-east-1\s+us-west-2$/);
        expect(table.find((l) => l.includes("VPC CIDR"))).toMatch(/10\.0\.0\.0\/16\s+10\.1\.0\.0\/16$/);
        expect(table.find((l) => l.includes("KMS key"))).toMatch(/tap-dev-use1-key\s+tap-dev-usw2-key$/);
        expect(table.find((l) => l.includes("CloudTrail"))).toMatch(/multi-region\s+-$/);
        expect(table.find((l) => l.includes("global IAM"))).toMatch(/global IAM\s+[1-9]\d*\s+0$/);
    });
});
