/**
 * SecurityBaseline: its KMS key and key policy, its access-log bucket and the region's EBS
 * encryption, planned alone (a stand-in for the global Auto Scaling role); then, on whole-stack
 * plans, the roles it is given, the password policy, the flow logs' key and the outputs. What every
 * other component must hold to (every bucket, log group and policy of the stack):
 * stack/program-shape.spec.ts.
 */
import { SECURITY_BASELINE_SETTINGS } from "../../lib/security/settings";
import { SecurityBaseline } from "../../lib/security/security-baseline";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import { strings } from "../../policy/values";
import { bucketProtections, Statement, statementsOf } from "../security-checks";
import { ALL_TIERS, byRef, ofType, one, Plan, planComponent, planTap, VARIANT_CONFIG, nonEmpty } from "../support";

const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";

const keyStatements = (plan: Plan): Statement[] => statementsOf(one(plan, KEY).inputs.policy);
const statement = (plan: Plan, sid: string): Statement => {
    const found = keyStatements(plan).filter((s) => s.Sid === sid);
    if (found.length !== 1) throw new Error(`expected one key policy statement ${sid}, found ${found.length}`);
    return found[0];
};

/** The key policy's statements, by Sid, with CloudFront origins allowed: alone and in the stack with every tier, the same. */
const KEY_STATEMENT_SIDS = [
    "AccountRootAdministersKey",
    "CloudWatchLogsEncryptLogGroups",
    "CloudTrailEncryptLogs",
    "CloudTrailDescribeKey",
    "ConfigDeliverEncrypted",
    "AlarmsAndEventsPublishToEncryptedTopics",
    "AutoScalingUseKeyForEbs",
    "AutoScalingAttachEncryptedVolumes",
    "CloudFrontDecryptOriginObjects",
];

describe("SecurityBaseline alone (dev's settings, CloudFront origins allowed)", () => {
    let plan: Plan;
    let standIns: { autoScalingServiceRoleArn: string };
    beforeAll(async () => {
        plan = await planComponent((s) => {
            standIns = s;
            return new SecurityBaseline(`${s.namePrefix}-security`, {
                ...s.common,
                settings: s.settings(SECURITY_BASELINE_SETTINGS),
                region: s.region,
                autoScalingServiceRoleArn: s.autoScalingServiceRoleArn,
                allowCloudFrontOrigins: true,
            });
        });
    });

    it("creates one customer-managed key for the region, rotated yearly (CIS 3.6 / KMS.4), with an alias", () => {
        const key = one(plan, KEY);
        expect(key.inputs).toMatchObject({
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            multiRegion: false,
            deletionWindowInDays: 7,
        });
        expect(key.provider).toBe("aws-us-east-1");
        expect(one(plan, "aws:kms/alias:Alias").inputs).toEqual(
            expect.objectContaining({ name: "alias/tap-dev-use1", targetKeyId: key.id }),
        );
    });

    it("keeps the account-root kms:* statement, so the key stays manageable (seed 001, failure 12)", () => {
        expect(statement(plan, "AccountRootAdministersKey")).toEqual({
            Sid: "AccountRootAdministersKey",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` },
            Action: "kms:*",
            Resource: "*",
        });
    });

    it("grants the key to exactly the principals the stack needs, in named statements: nothing added beside them", () => {
        expect(keyStatements(plan).map((s) => s.Sid)).toEqual(KEY_STATEMENT_SIDS);
    });

    it("lets CloudWatch Logs of this region use the key for this account's log groups only (seed 004, failure 8)", () => {
        expect(statement(plan, "CloudWatchLogsEncryptLogGroups")).toMatchObject({
            Principal: { Service: "logs.us-east-1.amazonaws.com" },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:*` } },
        });
    });

    it("lets CloudTrail encrypt this account's trails' logs and describe the key, nothing more", () => {
        expect(statement(plan, "CloudTrailEncryptLogs")).toMatchObject({
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Condition: {
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${MOCK_ACCOUNT_ID}:trail/*` },
                StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
            },
        });
        expect(statement(plan, "CloudTrailDescribeKey")).toMatchObject({
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
        });
        const cloudtrail = keyStatements(plan).filter((s) => JSON.stringify(s.Principal).includes("cloudtrail"));
        expect(cloudtrail.flatMap((s) => strings(s.Action)).sort()).toEqual(["kms:DescribeKey", "kms:GenerateDataKey*"]);
    });

    it("lets AWS Config (this account) and alarm/event publishers use the key", () => {
        expect(statement(plan, "ConfigDeliverEncrypted")).toMatchObject({
            Principal: { Service: "config.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
        });
        expect(statement(plan, "AlarmsAndEventsPublishToEncryptedTopics")).toMatchObject({
            Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        });
    });

    it("grants no service principal kms:* or key administration", () => {
        for (const s of nonEmpty(keyStatements(plan)).filter((s) => s.Sid !== "AccountRootAdministersKey")) {
            for (const action of strings(s.Action))
                expect([s.Sid, action]).not.toEqual([
                    s.Sid,
                    expect.stringMatching(/^kms:(\*|Put|Schedule|Disable|Delete|Create(Key|Alias)|Update)/),
                ]);
        }
    });

    it("tiers and expires server access logs: Standard-IA at 30 days, Glacier at 90, deleted after a year", () => {
        expect(bucketProtections(plan, one(plan, BUCKET, "access-logs")).lifecycleRules?.[0]).toMatchObject({
            transitions: [
                { days: 30, storageClass: "STANDARD_IA" },
                { days: 90, storageClass: "GLACIER" },
            ],
            expiration: { days: 365 },
        });
    });

    it("names buckets after the stack, the purpose and the account, and lets dev tear them down", () => {
        const b = one(plan, BUCKET, "access-logs");
        expect(b.inputs.bucket).toBe(`tap-dev-use1-access-logs-${MOCK_ACCOUNT_ID}`);
        expect(b.inputs.forceDestroy).toBe(true);
    });

    it("turns on EBS encryption by default (CIS 2.2.1 / EC2.7), kept when the stack is destroyed", () => {
        const ebs = one(plan, "aws:ebs/encryptionByDefault:EncryptionByDefault");
        expect(ebs.inputs.enabled).toBe(true);
        expect(ebs.retainOnDelete).toBe(true);
        expect(ofType(plan, "aws:ebs/defaultKmsKey:DefaultKmsKey")).toEqual([]);
    });

    it("lets the Auto Scaling service-linked role it is given use the key for EBS, and attach encrypted volumes", () => {
        expect(statement(plan, "AutoScalingUseKeyForEbs")).toMatchObject({
            Principal: { AWS: standIns.autoScalingServiceRoleArn },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        });
        expect(statement(plan, "AutoScalingAttachEncryptedVolumes")).toMatchObject({
            Principal: { AWS: standIns.autoScalingServiceRoleArn },
            Action: "kms:CreateGrant",
            Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        });
    });

    it("lets this account's CloudFront distributions decrypt origin objects, when asked to (a StaticSite's SSE-KMS origin)", () => {
        expect(statement(plan, "CloudFrontDecryptOriginObjects")).toMatchObject({
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "kms:Decrypt",
        });
    });

    it("encrypts its access-log bucket with SSE-S3 (server access logging delivers no SSE-KMS), with every bucket protection", () => {
        const accessLogs = one(plan, BUCKET, "access-logs");
        const p = bucketProtections(plan, accessLogs);
        expect([p.sseAlgorithm, p.versioning, p.objectOwnership, p.deniesInsecureTransport, p.logsTo]).toEqual([
            "AES256",
            "Enabled",
            "BucketOwnerEnforced",
            true,
            undefined,
        ]);
        expect(p.publicAccessBlock).toEqual({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(p.statements.find((s) => s.Sid === "AllowS3ServerAccessLogDelivery")?.Condition).toEqual({
            ArnLike: { "aws:SourceArn": "arn:aws:s3:::tap-dev-use1-*" },
            StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
        });
    });
});

describe("SecurityBaseline in the dev stack with every optional tier on", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(ALL_TIERS, "dev");
    });

    it("names the stack's own Auto Scaling service-linked role in the key policy, and the ASG launches through that role", () => {
        const slr = one(plan, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "autoscaling-slr");
        expect(slr.inputs).toMatchObject({ awsServiceName: "autoscaling.amazonaws.com", customSuffix: "tap-dev-use1" });
        expect(statement(plan, "AutoScalingUseKeyForEbs").Principal).toEqual({ AWS: slr.state.arn });
        expect(statement(plan, "AutoScalingAttachEncryptedVolumes").Principal).toEqual({ AWS: slr.state.arn });
        expect(one(plan, "aws:autoscaling/group:Group").inputs.serviceLinkedRoleArn).toBe(slr.state.arn);
    });

    it("grants the key to exactly the principals the stack needs, in named statements: nothing added beside them", () => {
        expect(keyStatements(plan).map((s) => s.Sid)).toEqual(KEY_STATEMENT_SIDS);
    });

    it("sets the IAM password policy of CIS 1.8/1.9 and IAM.7/15/16, kept when the stack is destroyed", () => {
        const policy = one(plan, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy");
        expect(policy.inputs).toEqual(
            expect.objectContaining({
                minimumPasswordLength: 14,
                passwordReusePrevention: 24,
                maxPasswordAge: 90,
                requireLowercaseCharacters: true,
                requireUppercaseCharacters: true,
                requireNumbers: true,
                requireSymbols: true,
            }),
        );
        expect(policy.retainOnDelete).toBe(true);
    });

    it("encrypts the VPC flow logs with the stack key", () => {
        const flowLog = one(plan, "aws:ec2/flowLog:FlowLog");
        expect(byRef(plan, byRef(plan, flowLog.inputs.logDestination).inputs.kmsKeyId).type).toBe(KEY);
    });

    it("exports the key, the access-log bucket and the compute identifiers", () => {
        const key = one(plan, KEY);
        expect(plan.outputs).toMatchObject({
            kmsKeyArn: key.state.arn,
            kmsKeyId: key.state.keyId,
            accessLogsBucketName: one(plan, BUCKET, "access-logs").id,
            instanceRoleArn: one(plan, "aws:iam/role:Role", "app-role").state.arn,
            autoScalingGroupName: "tap-dev-use1-app",
            appSecurityGroupId: one(plan, "aws:ec2/securityGroup:SecurityGroup", "app-sg").id,
        });
    });
});

describe("non-default configuration (one plan)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(VARIANT_CONFIG, "dev");
    });

    it("tap:enableAccountHardening=false leaves the account-wide settings alone, and nothing else", () => {
        expect(ofType(plan, "aws:ebs/encryptionByDefault:EncryptionByDefault")).toEqual([]);
        expect(ofType(plan, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy")).toEqual([]);
        expect(one(plan, KEY).inputs.enableKeyRotation).toBe(true);
    });

    it("tap:forceDestroyBuckets=false keeps every bucket (and its objects) on destroy", () => {
        for (const b of nonEmpty(ofType(plan, BUCKET))) expect([b.name, b.inputs.forceDestroy]).toEqual([b.name, false]);
    });

    it("sizes the Auto Scaling group, the instances and their root volume from config", () => {
        expect(one(plan, "aws:autoscaling/group:Group").inputs).toMatchObject({ minSize: 2, desiredCapacity: 3, maxSize: 5 });
        const lt = one(plan, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(lt.inputs.instanceType).toBe("t3.small");
        expect((lt.inputs.blockDeviceMappings as Array<{ ebs: { volumeSize: number } }>)[0].ebs.volumeSize).toBe(64);
    });
});
