/**
 * The seeds' rows of issue 27 in the whole stack: the app data bucket (seed 002), tags from
 * configuration (seeds 000, 002, 004), the storage ceiling (seed 002), the data tier in every region
 * with flat per-region outputs (seed 004), 443 only from the configured ranges (seed 002), and
 * alerts that reach a person in prod. Each security property is asserted here and guarded by a pack
 * rule, and weakening it makes that rule fail.
 */
import { APP_DATA_READ_WRITE_ACTIONS, APP_DATA_TAG } from "../../lib/data/vocabulary";
import { configProblems, parseTapConfig, TapConfigError } from "../../lib/config";
import { placeholderProblems } from "../../lib/config/placeholders";
import { tapProgram } from "../../lib/program";
import { FLAT_REGIONAL_OUTPUTS } from "../../lib/tap-stack";
import { TAP_TAG_KEYS } from "../../lib/tags";
import { evaluatePolicies } from "../../policy/api";
import { statusOf } from "../policy/compliance";
import { nonEmpty, ofType, one, Plan, planTap, policyDocument, PlannedResource, TWO_REGIONS } from "../support";

const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";
const DB = "aws:rds/instance:Instance";
const EXTRA_TAGS = { Compliance: "PCI-DSS", Application: "FinancialApp", Purpose: "WebServer", Backup: "Required" };

/** Two regions, the data tier in both, tags from configuration, seed 002's ceiling, 443 only. */
export const SEED_ROWS: Readonly<Record<string, string>> = {
    ...TWO_REGIONS,
    "tap:dataTierInEveryRegion": "true",
    "tap:extraTags": JSON.stringify(EXTRA_TAGS),
    "tap:dbMaxAllocatedStorageGiB": "1000",
    "tap:redirectHttpToHttps": "false",
};

const appDataBuckets = (plan: Plan) =>
    ofType(plan, BUCKET).filter((b) => (b.inputs.tags as Record<string, string> | undefined)?.[APP_DATA_TAG.key] === APP_DATA_TAG.value);
const policyOf = (plan: Plan, bucket: PlannedResource) =>
    policyDocument(ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === bucket.id)!.inputs.policy);

/** The plan with one resource's inputs and state changed: what a weakened program would plan. */
function weakened(
    plan: Plan,
    pick: (r: PlannedResource) => boolean,
    change: (props: Record<string, unknown>) => Record<string, unknown>,
): Plan {
    const target = nonEmpty(plan.resources.filter(pick));
    return {
        ...plan,
        resources: plan.resources.map((r) =>
            target.includes(r) ? { ...r, inputs: change({ ...r.inputs }), state: change({ ...r.state }) } : r,
        ),
    };
}

describe("seed rows (issue 27): two regions, the data tier in each, tags from config", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(SEED_ROWS, "dev");
    });

    describe("the app data bucket (seed 002)", () => {
        it("exists in every region with the data tier, encrypted with that region's stack key (S3.17)", () => {
            const buckets = nonEmpty(appDataBuckets(plan));
            expect(buckets.map((b) => b.provider)).toEqual(["aws-us-east-1", "aws-us-west-2"]);
            for (const b of buckets) {
                const sse = ofType(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find(
                    (c) => c.inputs.bucket === b.id,
                )!;
                const key = ofType(plan, KEY).find((k) => k.provider === b.provider)!;
                expect((sse.inputs.rules as Array<Record<string, unknown>>)[0]).toMatchObject({
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.state.arn },
                });
            }
        });

        it("denies uploads under another encryption, another key, or AWS's managed key, and object reads and writes to all but the app and backup roles", () => {
            const appRole = ofType(plan, "aws:iam/role:Role").find((r) => r.name.endsWith("-app-role"))!;
            for (const b of nonEmpty(appDataBuckets(plan))) {
                const byId = Object.fromEntries(policyOf(plan, b).Statement.map((s) => [s.Sid, s]));
                expect(byId.DenyUploadsUnderAnotherEncryption).toMatchObject({
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:PutObject",
                    Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
                });
                expect(byId.DenyUploadsUnderAnotherKey.Condition).toEqual({
                    StringNotEqualsIfExists: {
                        "s3:x-amz-server-side-encryption-aws-kms-key-id": ofType(plan, KEY).find((k) => k.provider === b.provider)!.state
                            .arn,
                    },
                });
                expect(byId.DenyUploadsUnderTheAwsManagedKey.Condition).toEqual({
                    StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
                    Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
                });
                const readers = (byId.DenyObjectAccessButTheAppRole.Condition as { ArnNotEquals: Record<string, string[]> }).ArnNotEquals[
                    "aws:PrincipalArn"
                ];
                const backupRole = ofType(plan, "aws:iam/role:Role").find(
                    (r) => r.name.endsWith("-backup-role") && r.provider === b.provider,
                )!;
                expect(readers).toEqual([appRole.state.arn, backupRole.state.arn]);
                expect(byId.DenyObjectAccessButTheAppRole).toMatchObject({
                    Effect: "Deny",
                    Principal: "*",
                    Action: [...APP_DATA_READ_WRITE_ACTIONS],
                });
                expect(byId.DenyInsecureTransport).toBeDefined(); // S3.5, from SecureBucket
            }
        });

        it("gives the app role its objects and the key through S3 only, region by region: no wildcard bucket", () => {
            const grants = nonEmpty(ofType(plan, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.endsWith("-app-data-access")));
            for (const g of grants) {
                const bucket = appDataBuckets(plan).find((b) => b.provider === g.provider)!;
                const region = g.provider!.slice("aws-".length);
                const statements = policyDocument(g.inputs.policy).Statement;
                expect(statements.map((s) => s.Resource)).toEqual([
                    bucket.state.arn,
                    `${String(bucket.state.arn)}/*`,
                    ofType(plan, KEY).find((k) => k.provider === g.provider)!.state.arn,
                ]);
                expect(statements[2].Condition).toEqual({ StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } });
            }
        });

        it("is in its region's backup plan, and the trail records every region's app data objects, reads and writes (CIS 3.8/3.9)", () => {
            for (const b of nonEmpty(appDataBuckets(plan))) {
                const selection = ofType(plan, "aws:backup/selection:Selection").find((s) => s.provider === b.provider)!;
                expect(selection.inputs.resources).toContain(b.state.arn);
            }
            const trail = one(plan, "aws:cloudtrail/trail:Trail");
            expect(trail.inputs.eventSelectors).toEqual([
                expect.objectContaining({
                    readWriteType: "All",
                    dataResources: [
                        { type: "AWS::S3::Object", values: appDataBuckets(plan).map((b) => `arn:aws:s3:::${String(b.state.bucket)}/`) },
                    ],
                }),
            ]);
        });

        it("passes the pack's app data rules; each weakening fails the rule that guards it", () => {
            const rules = [
                "app-data-bucket-kms",
                "app-data-bucket-denies-other-encryption",
                "app-data-bucket-app-role-only",
                "app-data-bucket-object-events",
                "app-data-bucket-backed-up",
            ];
            expect(statusOf(evaluatePolicies(plan), rules)).toEqual(Object.fromEntries(rules.map((r) => [r, "pass"])));
            const isAppPolicy = (r: PlannedResource) =>
                r.type === "aws:s3/bucketPolicy:BucketPolicy" && appDataBuckets(plan).some((b) => b.id === r.inputs.bucket);
            const withoutSid = (sid: string) => (p: Record<string, unknown>) => ({
                ...p,
                policy: JSON.stringify({
                    ...policyDocument(p.policy),
                    Statement: policyDocument(p.policy).Statement.filter((s) => s.Sid !== sid),
                }),
            });
            const cases: Array<[string, Plan]> = [
                [
                    "app-data-bucket-kms",
                    weakened(
                        plan,
                        (r) =>
                            r.type.endsWith("BucketServerSideEncryptionConfiguration") &&
                            appDataBuckets(plan).some((b) => b.id === r.inputs.bucket),
                        (p) => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
                    ),
                ],
                ["app-data-bucket-denies-other-encryption", weakened(plan, isAppPolicy, withoutSid("DenyUploadsUnderAnotherEncryption"))],
                ["app-data-bucket-app-role-only", weakened(plan, isAppPolicy, withoutSid("DenyObjectAccessButTheAppRole"))],
                [
                    "app-data-bucket-object-events",
                    weakened(
                        plan,
                        (r) => r.type === "aws:cloudtrail/trail:Trail",
                        (p) => ({ ...p, eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] }),
                    ),
                ],
                [
                    "app-data-bucket-backed-up",
                    weakened(
                        plan,
                        (r) => r.type === "aws:backup/selection:Selection",
                        (p) => ({ ...p, resources: [] }),
                    ),
                ],
            ];
            for (const [rule, weak] of cases)
                expect([rule, statusOf(evaluatePolicies(weak), [rule])[rule]]).toEqual([
                    rule,
                    rule === "app-data-bucket-backed-up" ? "warn" : "fail",
                ]);
        });
    });

    describe("the data tier in every region (seed 004)", () => {
        it("has a database per region, each with its region's key, CPU alarm on its region's topic, and its region's backup selection", () => {
            const dbs = nonEmpty(ofType(plan, DB));
            expect(dbs.map((d) => d.provider)).toEqual(["aws-us-east-1", "aws-us-west-2"]);
            for (const db of dbs) {
                expect(db.inputs.kmsKeyId).toBe(ofType(plan, KEY).find((k) => k.provider === db.provider)!.state.arn);
                const cpu = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").find(
                    (a) => a.provider === db.provider && a.name.endsWith("-db-cpu-high"),
                )!;
                expect(cpu.inputs.alarmActions).toEqual([
                    ofType(plan, "aws:sns/topic:Topic").find((t) => t.provider === db.provider)!.state.arn,
                ]);
                expect(ofType(plan, "aws:backup/selection:Selection").find((s) => s.provider === db.provider)!.inputs.resources).toContain(
                    db.state.arn,
                );
            }
        });

        it("grows storage up to tap:dbMaxAllocatedStorageGiB (seed 002: 1000 GB) from 20 GiB", () => {
            for (const db of nonEmpty(ofType(plan, DB)))
                expect(db.inputs).toMatchObject({ allocatedStorage: 20, maxAllocatedStorage: 1000 });
        });

        it("exports `<region>_vpcId`, `<region>_rdsInstanceId` and `<region>_appDataBucketName` flat, beside the regions map", () => {
            const regions = plan.outputs.regions as Record<string, Record<string, unknown>>;
            for (const region of ["us-east-1", "us-west-2"]) {
                for (const name of FLAT_REGIONAL_OUTPUTS)
                    expect([`${region}_${name}`, plan.outputs[`${region}_${name}`]]).toEqual([`${region}_${name}`, regions[region][name]]);
            }
            expect(plan.outputs["us-west-2_rdsInstanceId"]).toBe("tap-dev-usw2-db");
        });
    });

    describe("tags from configuration (seeds 000, 002, 004)", () => {
        it("adds tap:extraTags to every provider's default tags beside tap's own, and to the launched instances", () => {
            for (const p of nonEmpty(ofType(plan, "pulumi:providers:aws"))) {
                expect((JSON.parse(String(p.inputs.defaultTags)) as { tags: Record<string, string> }).tags).toEqual({
                    ...EXTRA_TAGS,
                    Environment: "dev",
                    Project: "tap",
                    ManagedBy: "pulumi",
                    Owner: "platform",
                });
            }
            for (const lt of nonEmpty(ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate"))) {
                for (const spec of lt.inputs.tagSpecifications as Array<{ tags: Record<string, string> }>)
                    expect(spec.tags).toMatchObject(EXTRA_TAGS);
            }
        });
    });

    describe("443 only, from the configured ranges (seed 002)", () => {
        it("with a certificate and tap:redirectHttpToHttps false: one HTTPS listener, and the load balancer's group admits 443 from each range only", () => {
            expect(ofType(plan, "aws:lb/listener:Listener").map((l) => [l.inputs.port, l.inputs.protocol])).toEqual([[443, "HTTPS"]]);
            const albSg = one(plan, "aws:ec2/securityGroup:SecurityGroup", "alb-sg");
            const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
                (r) => r.inputs.securityGroupId === albSg.id,
            );
            expect(ingress.map((r) => [r.inputs.fromPort, r.inputs.cidrIpv4]).sort()).toEqual([
                [443, "198.51.100.0/24"],
                [443, "203.0.113.0/24"],
            ]);
            expect(statusOf(evaluatePolicies(plan), ["elb-https-listener", "elb-http-redirects-to-https"])).toEqual({
                "elb-https-listener": "pass",
                "elb-http-redirects-to-https": "pass",
            });
        });
    });
});

describe("configuration of the seed rows", () => {
    const problems = (raw: Record<string, string>, stack = "dev") => configProblems(raw, stack);

    it("refuses a prod stack without a subscriber on its alert topics, naming the key; dev may have none", () => {
        expect(problems({}, "prod")).toEqual([
            expect.stringMatching(/^tap:alarmEmail is not set but tap:profile is prod: every alarm, finding and budget alert/),
        ]);
        expect(problems({ "tap:alarmEmail": "secops@corp.example.net" }, "prod")).toEqual([]);
        expect(problems({}, "dev")).toEqual([]);
    });

    it("reports every problem of tap:extraTags together, each naming its key: length, characters, the aws: prefix, tap's own keys", () => {
        const bad = {
            "aws:team": "x",
            Owner: "me",
            environment: "x",
            "k#1": "ok",
            [`${"k".repeat(129)}`]: "v",
            Good: "aws:value",
            Fine: "v".repeat(257),
        };
        const found = problems({ "tap:extraTags": JSON.stringify(bad) });
        expect(found).toHaveLength(7);
        for (const fragment of [
            'key "aws:team": the aws: prefix is reserved',
            'key "Owner": tap sets Owner itself',
            'key "environment": tap sets Environment itself',
            'key "k#1": may hold only',
            "must be 1 to 128 characters",
            '"Good": the value "aws:value" starts with the aws: prefix',
            '"Fine": the value must be at most 256 characters',
        ]) {
            expect(found.some((p) => p.startsWith("tap:extraTags = ") && p.includes(fragment))).toBe(true);
        }
        expect(problems({ "tap:extraTags": "[1]" })).toEqual([expect.stringMatching(/must be an object from tag key to value/)]);
        expect(TAP_TAG_KEYS).toContain(APP_DATA_TAG.key);
    });

    it("refuses a storage ceiling less than 10% above the 20 GiB allocated", () => {
        expect(problems({ "tap:dbMaxAllocatedStorageGiB": "21" })).toEqual([
            expect.stringMatching(/^tap:dbMaxAllocatedStorageGiB = "21": must be a whole number from 22 to 65536/),
        ]);
    });

    it("accepts an example's placeholders offline and refuses them at deploy time, naming each key", () => {
        const raw = {
            "tap:alarmEmail": "alerts@example.com",
            "tap:enableWebTier": "true",
            "tap:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
            "tap:allowedIngressCidrs": '["192.0.2.0/24","10.20.0.0/16"]',
        };
        expect(placeholderProblems(parseTapConfig(raw, "prod")).map((p) => p.split(" ")[0])).toEqual([
            "tap:alarmEmail",
            "tap:certificateArn",
            "tap:allowedIngressCidrs",
        ]);
        expect(() => tapProgram(raw, "prod", { placeholders: "refuse" })).toThrow(TapConfigError);
        expect(
            placeholderProblems(parseTapConfig({ "tap:alarmEmail": "alerts@corp.io", "tap:allowedIngressCidrs": '["0.0.0.0/0"]' }, "prod")),
        ).toEqual([]);
    });
});
