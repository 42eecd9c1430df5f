/**
 * Monitoring: its trail, Config recording, alarms, finding rules and acknowledgement state machine planned
 * alone (stand-ins for the key, the access-log bucket, the app data bucket and Config's role), with its
 * switches turned; then what only the whole stack shows (what it is given, Detection's GuardDuty, the
 * global service-linked role, the budget, the outputs). Every log group's retention and key:
 * stack/program-shape.spec.ts.
 */
import { CIS_METRIC_FILTERS } from "../../lib/monitoring/cis-metric-filters";
import { CONFIG_MANAGED_RULES } from "../../lib/monitoring/config-recording";
import { CONFIG_NONCOMPLIANT_PATTERN } from "../../lib/monitoring/finding-events";
import { VALID_S3_DATA_EVENT_VALUE, s3DataEventValues } from "../../lib/monitoring/data-events";
import { GUARDDUTY_FEATURES } from "../../lib/detection/threat-detection";
import { acknowledgementGaps, taskPath } from "../../policy/rules/self-findings";
import { evaluatePolicies } from "../../policy/api";
import { Monitoring } from "../../lib/monitoring/monitoring";
import { MONITORING_SETTINGS, MonitoringSettings } from "../../lib/monitoring/settings";
import {
    ADOPTED_DETECTOR_ID,
    byRef,
    DATA_AND_CDN,
    ofType,
    one,
    ownResources,
    Plan,
    planComponent,
    planTap,
    policyDocument,
    StandIns,
    VARIANT_CONFIG,
    nonEmpty,
} from "../support";

const TRAIL = "aws:cloudtrail/trail:Trail";
const statements = (r: { inputs: Record<string, unknown> }, key = "policy") => policyDocument(r.inputs[key]).Statement;
const sid = (plan: Plan, policyOf: string, id: string) => {
    const policy = ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === policyOf)!;
    return statements(policy).find((s) => s.Sid === id);
};

/** Monitoring as the dev stack (primary region) builds it, on stand-ins for what it receives. */
const APP_DATA_BUCKET = "tap-dev-use1-data-123456789012";
const CONFIG_SLR_ARN = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
const devMonitoring = (s: StandIns, overrides: Partial<MonitoringSettings> = {}) =>
    new Monitoring(`${s.namePrefix}-monitoring`, {
        ...s.common,
        settings: s.settings(MONITORING_SETTINGS, overrides),
        kmsKeyArn: s.kmsKeyArn,
        accessLogsBucket: s.accessLogsBucket(),
        appDataBucketNames: [APP_DATA_BUCKET],
        primary: true,
        configRoleArn: CONFIG_SLR_ARN,
    });

describe("Monitoring alone (dev's settings, primary region)", () => {
    let plan: Plan;
    let kmsKeyArn: string;
    beforeAll(async () => {
        plan = await planComponent((s) => {
            kmsKeyArn = s.kmsKeyArn;
            return devMonitoring(s);
        });
    });

    it("plans only its own resources (stand-ins aside): no detector, hub, key or stack-wide resource", () => {
        const types = new Set(nonEmpty(ownResources(plan)).map((r) => r.type));
        for (const foreign of ["aws:guardduty/detector:Detector", "aws:securityhub/account:Account", "aws:kms/key:Key", "aws:ec2/vpc:Vpc"])
            expect([foreign, types.has(foreign)]).toEqual([foreign, false]);
    });

    describe("CloudTrail", () => {
        it("validates log files, encrypts with the stack key, includes global events, logs management events read+write", () => {
            const trail = one(plan, TRAIL);
            expect(trail.inputs).toMatchObject({
                enableLogFileValidation: true, // CloudTrail.4
                kmsKeyId: kmsKeyArn, // CloudTrail.2
                includeGlobalServiceEvents: true,
                enableLogging: true,
                isMultiRegionTrail: true, // CIS 3.1, the default
            });
            // Management events, read+write; object-level events of the app data bucket only (CIS 3.8/3.9).
            expect(trail.inputs.eventSelectors).toEqual([
                {
                    readWriteType: "All",
                    includeManagementEvents: true,
                    dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${APP_DATA_BUCKET}/`] }],
                },
            ]);
            expect(trail.inputs.tags).toEqual({ Profile: "dev" }); // multi-region: no CoveredByTrail
        });

        it("writes to a bucket whose policy admits CloudTrail only for this trail, with owner-full-control", () => {
            const trail = one(plan, TRAIL);
            const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => b.id === trail.inputs.s3BucketName)!;
            const trailArn = `arn:aws:cloudtrail:us-east-1:123456789012:trail/${trail.inputs.name}`;
            expect(trail.state.arn).toBe(trailArn);
            expect(sid(plan, bucket.id, "CloudTrailAclCheck")).toMatchObject({
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: bucket.state.arn,
                Condition: { StringEquals: { "aws:SourceArn": trailArn } },
            });
            expect(sid(plan, bucket.id, "CloudTrailWrite")).toMatchObject({
                Action: "s3:PutObject",
                Resource: `${bucket.state.arn}/AWSLogs/123456789012/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
            });
        });

        it("is created after its bucket policy (InsufficientS3BucketPolicyException otherwise)", () => {
            const trail = one(plan, TRAIL);
            const policy = ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === trail.inputs.s3BucketName)!;
            expect(trail.dependsOn).toContain(policy.urn);
        });

        it("delivers to a KMS-encrypted log group with retention, through a role trusting CloudTrail as its guide says, allowed only this log group (CloudTrail.5)", () => {
            const trail = one(plan, TRAIL);
            const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "cloudtrail-logs");
            expect(trail.inputs.cloudWatchLogsGroupArn).toBe(`${group.state.arn}:*`);
            expect(group.inputs).toMatchObject({ kmsKeyId: kmsKeyArn, retentionInDays: 90 });
            const role = byRef(plan, trail.inputs.cloudWatchLogsRoleArn);
            // As CloudTrail's guide gives it: CloudTrail sends no aws:SourceArn when it assumes this role.
            expect(statements(role, "assumeRolePolicy")).toEqual([
                { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            const rolePolicy = ofType(plan, "aws:iam/rolePolicy:RolePolicy").find((p) => p.inputs.role === role.id)!;
            expect(statements(rolePolicy)).toEqual([
                expect.objectContaining({
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `${group.state.arn}:log-stream:*`,
                }),
            ]);
            expect(trail.dependsOn).toContain(rolePolicy.urn);
        });
    });

    describe("AWS Config", () => {
        it("records all supported types including global ones, under the configured name", () => {
            const recorder = one(plan, "aws:cfg/recorder:Recorder");
            expect(recorder.inputs).toMatchObject({
                name: "tap-dev-recorder",
                recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
            });
        });

        it("orders recorder → delivery channel → recorder status (Config.1; NoAvailableDeliveryChannelException)", () => {
            const recorder = one(plan, "aws:cfg/recorder:Recorder");
            const channel = one(plan, "aws:cfg/deliveryChannel:DeliveryChannel");
            const status = one(plan, "aws:cfg/recorderStatus:RecorderStatus");
            expect(channel.dependsOn).toContain(recorder.urn);
            expect(status.dependsOn).toContain(channel.urn);
            expect(status.inputs).toMatchObject({ name: recorder.inputs.name, isEnabled: true });
            expect(channel.inputs).toMatchObject({
                snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
                s3KmsKeyArn: kmsKeyArn,
            });
        });

        it("records with the role it is given (GlobalBaseline's service-linked role), and has no role of its own for Config", () => {
            expect(one(plan, "aws:cfg/recorder:Recorder").inputs.roleArn).toBe(CONFIG_SLR_ARN);
            const trusts = ofType(plan, "aws:iam/role:Role").filter((r) =>
                JSON.stringify(r.inputs.assumeRolePolicy).includes("config.amazonaws.com"),
            );
            expect(trusts).toEqual([]);
        });

        it("delivers to a secure bucket that admits AWS Config for this account only", () => {
            const channel = one(plan, "aws:cfg/deliveryChannel:DeliveryChannel");
            const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => b.id === channel.inputs.s3BucketName)!;
            expect(sid(plan, bucket.id, "ConfigDelivery")).toMatchObject({
                Principal: { Service: "config.amazonaws.com" },
                Resource: `${bucket.state.arn}/AWSLogs/123456789012/Config/*`,
            });
            // Only AWS Config, on behalf of this account, is let in (besides the bucket's own TLS denials).
            const policy = ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.inputs.bucket === bucket.id)!;
            const allows = statements(policy).filter((s) => s.Effect === "Allow");
            expect(allows.map((s) => s.Sid)).toEqual(["ConfigAclCheck", "ConfigBucketExistenceCheck", "ConfigDelivery"]);
            for (const s of allows)
                expect([s.Sid, s.Principal, s.Condition]).toEqual([
                    s.Sid,
                    { Service: "config.amazonaws.com" },
                    expect.objectContaining({ StringEquals: expect.objectContaining({ "aws:SourceAccount": "123456789012" }) }),
                ]);
        });

        it("installs the managed rules the audit asks for, after recording starts", () => {
            const rules = ofType(plan, "aws:cfg/rule:Rule");
            const ids = rules.map((r) => (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier);
            for (const required of [
                "S3_BUCKET_PUBLIC_READ_PROHIBITED",
                "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
                "ENCRYPTED_VOLUMES",
                "IAM_PASSWORD_POLICY",
                "CLOUD_TRAIL_ENABLED",
                "VPC_FLOW_LOGS_ENABLED",
                "EC2_IMDSV2_CHECK",
                "INCOMING_SSH_DISABLED",
            ]) {
                expect(ids).toContain(required);
            }
            expect(ids).toHaveLength(CONFIG_MANAGED_RULES.length);
            const status = one(plan, "aws:cfg/recorderStatus:RecorderStatus");
            for (const r of rules) expect(r.dependsOn).toContain(status.urn);
            const password = rules.find(
                (r) => (r.inputs.source as { sourceIdentifier: string }).sourceIdentifier === "IAM_PASSWORD_POLICY",
            )!;
            expect(JSON.parse(String(password.inputs.inputParameters))).toMatchObject({
                MinimumPasswordLength: "14",
                PasswordReusePrevention: "24",
                MaxPasswordAge: "90",
            });
        });
    });

    describe("alarms", () => {
        it("publishes to an SNS topic encrypted with the stack key (SNS.1) that only this account's CloudWatch may publish to", () => {
            const topic = one(plan, "aws:sns/topic:Topic");
            expect(topic.inputs.kmsMasterKeyId).toBe(kmsKeyArn);
            const policy = one(plan, "aws:sns/topicPolicy:TopicPolicy");
            expect(policy.inputs.arn).toBe(topic.state.arn);
            expect(statements(policy)).toEqual(
                expect.arrayContaining([
                    expect.objectContaining({
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                    }),
                    expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
                ]),
            );
            expect(ofType(plan, "aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
        });

        it("notifies the topic of high-severity GuardDuty findings and Config non-compliance, through rules the topic admits by ARN", () => {
            const topic = one(plan, "aws:sns/topic:Topic");
            const rules = ofType(plan, "aws:cloudwatch/eventRule:EventRule");
            const pattern = (id: string) => JSON.parse(String(rules.find((r) => r.name.endsWith(id))!.inputs.eventPattern));
            expect(pattern("guardduty-high")).toEqual({
                source: ["aws.guardduty"],
                "detail-type": ["GuardDuty Finding"],
                detail: { severity: [{ numeric: [">=", 7] }] },
            });
            expect(pattern("config-noncompliant").detail).toEqual(CONFIG_NONCOMPLIANT_PATTERN.detail); // news only: test/stack/alert-news.spec.ts
            // Every rule but Security Hub's targets the topic; Security Hub's goes through the acknowledging state machine (next test).
            const direct = nonEmpty(rules.filter((r) => !r.name.endsWith("-securityhub-high")));
            const targets = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget");
            expect(
                targets
                    .filter((t) => t.inputs.arn === topic.state.arn)
                    .map((t) => t.inputs.rule)
                    .sort(),
            ).toEqual(direct.map((r) => r.state.name).sort());
            const admitted = statements(one(plan, "aws:sns/topicPolicy:TopicPolicy")).find((s) => s.Sid === "FindingRulesOfThisStack")!;
            expect(admitted).toMatchObject({
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topic.state.arn,
            });
            expect(admitted.Condition).toEqual({ ArnEquals: { "aws:SourceArn": direct.map((r) => r.state.arn) } });
        });

        it("sends Security Hub findings through an EXPRESS state machine that publishes each to the topic, then marks it NOTIFIED (no one has to)", () => {
            const topic = one(plan, "aws:sns/topic:Topic");
            const rule = one(plan, "aws:cloudwatch/eventRule:EventRule", "securityhub-high");
            const machine = one(plan, "aws:sfn/stateMachine:StateMachine");
            const target = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget").find((t) => t.inputs.rule === rule.state.name)!;
            expect(target.inputs.arn).toBe(machine.state.arn);
            expect(machine.inputs.type).toBe("EXPRESS");
            // What it runs, read as the pack reads it (policy/rules/self-findings.ts): publish to this topic, then NOTIFIED on the event's finding.
            const path = taskPath(JSON.parse(String(machine.inputs.definition)));
            expect(path.map((t) => t.resource)).toEqual([
                "arn:aws:states:::sns:publish",
                "arn:aws:states:::aws-sdk:securityhub:batchUpdateFindings",
            ]);
            expect(path[0].parameters.TopicArn).toBe(topic.state.arn);
            expect(path[1].parameters).toMatchObject({
                FindingIdentifiers: [{ "Id.$": "$.detail.findings[0].Id", "ProductArn.$": "$.detail.findings[0].ProductArn" }],
                Workflow: { Status: "NOTIFIED" },
            });
            expect(acknowledgementGaps(JSON.parse(String(machine.inputs.definition)))).toEqual([]);
            // EventBridge starts it with a role only this rule may use; the machine's role may set NOTIFIED and nothing else on this region's hub.
            const eventsRole = byRef(plan, target.inputs.roleArn)!;
            expect(statements(eventsRole, "assumeRolePolicy")).toEqual([
                expect.objectContaining({
                    Principal: { Service: "events.amazonaws.com" },
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnEquals: { "aws:SourceArn": rule.state.arn } },
                }),
            ]);
            const machineRole = byRef(plan, machine.inputs.roleArn)!;
            expect(statements(machineRole, "assumeRolePolicy")).toEqual([
                expect.objectContaining({
                    Principal: { Service: "states.amazonaws.com" },
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnEquals: { "aws:SourceArn": machine.state.arn } },
                }),
            ]);
            const granted = statements(ofType(plan, "aws:iam/rolePolicy:RolePolicy").find((p) => p.inputs.role === machineRole.id)!);
            expect(granted.find((s) => s.Sid === "MarkFindingsNotifiedOnly")).toEqual({
                Sid: "MarkFindingsNotifiedOnly",
                Effect: "Allow",
                Action: "securityhub:BatchUpdateFindings",
                Resource: "arn:aws:securityhub:us-east-1:123456789012:hub/default",
                Condition: { StringEquals: { "securityhub:ASFFSyntaxPath/Workflow.Status": "NOTIFIED" } },
            });
            expect(granted.find((s) => s.Sid === "PublishToTheAlertTopic")).toMatchObject({
                Action: "sns:Publish",
                Resource: topic.state.arn,
            });
        });

        it("logs every execution of the state machine (StepFunctions.1) to a KMS-encrypted group under /aws/vendedlogs/states/, by ARN with ':*'", () => {
            const machine = one(plan, "aws:sfn/stateMachine:StateMachine");
            const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "alert-ack-logs");
            expect(machine.inputs.loggingConfiguration).toEqual({
                level: "ALL",
                includeExecutionData: false,
                logDestination: `${group.state.arn}:*`,
            });
            expect(String(group.inputs.name)).toMatch(/^\/aws\/vendedlogs\/states\//);
            expect(group.inputs.kmsKeyId).toBe(kmsKeyArn);
        });

        it("has a metric filter on the trail's log group and an alarm on the topic for every CIS 4.x event", () => {
            const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "cloudtrail-logs");
            const topic = one(plan, "aws:sns/topic:Topic");
            const filters = ofType(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
            const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
            expect(filters).toHaveLength(CIS_METRIC_FILTERS.length);
            for (const f of CIS_METRIC_FILTERS) {
                const filter = filters.find((x) => x.inputs.pattern === f.pattern)!;
                expect(filter.inputs.logGroupName).toBe(group.inputs.name);
                const metric = filter.inputs.metricTransformation as { name: string; namespace: string };
                const alarm = alarms.find((a) => a.inputs.metricName === metric.name && a.inputs.namespace === metric.namespace)!;
                expect(alarm.inputs).toMatchObject({
                    alarmActions: [topic.state.arn],
                    threshold: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    statistic: "Sum",
                });
                expect(String(alarm.inputs.alarmDescription)).toContain(f.control);
            }
        });
    });
});

describe("Monitoring in the dev stack: what it is given, the stack-wide rules, the outputs", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap({}, "dev");
    });
    const key = () => one(plan, "aws:kms/key:Key");

    it("is given the stack key, the app data bucket and AWS Config's service-linked role", () => {
        const trail = one(plan, TRAIL);
        expect(trail.inputs.kmsKeyId).toBe(key().state.arn);
        expect(trail.inputs.eventSelectors).toEqual([
            expect.objectContaining({
                dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${plan.outputs.appDataBucketName}/`] }],
            }),
        ]);
        expect(one(plan, "aws:sns/topic:Topic").inputs.kmsMasterKeyId).toBe(key().state.arn);
        expect(one(plan, "aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3KmsKeyArn).toBe(key().state.arn);
    });

    it("has no cost budget without tap:monthlyBudgetUsd, and neither the topic nor the key admits Budgets (nothing granted unused)", () => {
        expect(ofType(plan, "aws:budgets/budget:Budget")).toEqual([]);
        const grants = nonEmpty([...ofType(plan, "aws:sns/topicPolicy:TopicPolicy"), ...ofType(plan, "aws:kms/key:Key")])
            .flatMap((r) => statements(r))
            .filter((s) => JSON.stringify(s.Principal).includes("budgets.amazonaws.com"));
        expect(grants).toEqual([]);
    });

    describe("GuardDuty", () => {
        it("creates an enabled detector publishing every 15 minutes, features as DetectorFeature, no deprecated datasources", () => {
            const detector = one(plan, "aws:guardduty/detector:Detector");
            expect(detector.inputs).toMatchObject({ enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" });
            expect(detector.inputs).not.toHaveProperty("datasources");
            const features = ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature");
            expect(features.map((f) => f.inputs.name).sort()).toEqual([...GUARDDUTY_FEATURES].sort());
            // dev: every protection plan on but Runtime Monitoring (tap:guardDutyRuntimeMonitoring, off in dev).
            for (const f of features)
                expect(f.inputs).toMatchObject({
                    detectorId: detector.id,
                    status: f.inputs.name === "RUNTIME_MONITORING" ? "DISABLED" : "ENABLED",
                });
            expect(plan.outputs.guardDutyDetectorId).toBe(detector.id);
        });
    });

    describe("AWS Config", () => {
        it("records with AWS Config's service-linked role (Config.1), retained on delete, and no role of its own", () => {
            const recorder = one(plan, "aws:cfg/recorder:Recorder");
            const slr = one(plan, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "-config-slr");
            expect(slr.inputs.awsServiceName).toBe("config.amazonaws.com");
            expect(slr.inputs.customSuffix).toBeUndefined(); // Config.1 checks for AWSServiceRoleForConfig itself
            expect(recorder.inputs.roleArn).toBe(
                "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
            );
            expect(slr.retainOnDelete).toBe(true);
            // The custom role and its grants are gone: nothing else trusts config.amazonaws.com.
            const trusts = ofType(plan, "aws:iam/role:Role").filter((r) =>
                JSON.stringify(r.inputs.assumeRolePolicy).includes("config.amazonaws.com"),
            );
            expect(trusts).toEqual([]);
        });

        it("adopts the account's service-linked role with tap:createConfigServiceLinkedRole false (it exists where Config was set up before)", async () => {
            const adopted = await planTap({ "tap:createConfigServiceLinkedRole": "false" }, "dev");
            expect(
                ofType(adopted, "aws:iam/serviceLinkedRole:ServiceLinkedRole").filter(
                    (r) => r.inputs.awsServiceName === "config.amazonaws.com",
                ),
            ).toEqual([]);
            expect(one(adopted, "aws:cfg/recorder:Recorder").inputs.roleArn).toBe(
                "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
            );
        });
    });

    it("exports the recorder name and the alert topic", () => {
        expect(plan.outputs.configRecorderName).toBe("tap-dev-recorder");
        expect(plan.outputs.alarmTopicArn).toBe(one(plan, "aws:sns/topic:Topic").state.arn);
    });

    it("exports the monitoring outputs", () => {
        expect(plan.outputs).toMatchObject({
            cloudTrailArn: one(plan, TRAIL).state.arn,
            cloudTrailBucketName: one(plan, TRAIL).inputs.s3BucketName,
        });
    });
});

describe("CIS metric filter table", () => {
    it.each(CIS_METRIC_FILTERS.map((f) => [f.control, f]))("%s has a well-formed pattern", (_control, f) => {
        expect(f.pattern.startsWith("{ ") && f.pattern.endsWith(" }")).toBe(true);
        let depth = 0;
        for (const ch of f.pattern) {
            depth += ch === "(" ? 1 : ch === ")" ? -1 : 0;
            expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
        expect((f.pattern.match(/"/g) ?? []).length % 2).toBe(0);
    });

    it("covers CIS 4.1 to 4.14 once each", () => {
        const controls = CIS_METRIC_FILTERS.map((f) => f.control);
        for (let i = 1; i <= 14; i++) expect(controls.filter((c) => c === `CIS 4.${i}`)).toHaveLength(1);
        expect(new Set(CIS_METRIC_FILTERS.map((f) => f.id)).size).toBe(CIS_METRIC_FILTERS.length);
    });

    it("watches the events each control names", () => {
        const pattern = (control: string) => CIS_METRIC_FILTERS.find((f) => f.control === control)!.pattern;
        expect(pattern("CIS 4.3")).toContain('$.userIdentity.type = "Root"');
        expect(pattern("CIS 4.5")).toContain("($.eventName = StopLogging)");
        expect(pattern("CIS 4.7")).toContain("($.eventName = ScheduleKeyDeletion)");
        expect(pattern("CIS 4.10")).toContain("($.eventName = AuthorizeSecurityGroupIngress)");
    });
});

describe("S3 data-event selectors", () => {
    it("maps bucket names to arn:aws:s3:::<bucket>/ and * to arn:aws:s3, all valid forms", () => {
        expect(s3DataEventValues(["tap-dev-data", "logs.example"])).toEqual(["arn:aws:s3:::tap-dev-data/", "arn:aws:s3:::logs.example/"]);
        expect(s3DataEventValues(["*", "ignored-when-all"])).toEqual(["arn:aws:s3"]);
        for (const v of [...s3DataEventValues(["a-bucket"]), ...s3DataEventValues(["*"])]) expect(v).toMatch(VALID_S3_DATA_EVENT_VALUE);
    });

    it("never produces the value AWS rejects (seed 000: arn:aws:s3:::*/)", () => {
        expect("arn:aws:s3:::*/").not.toMatch(VALID_S3_DATA_EVENT_VALUE);
        expect(() => s3DataEventValues(["*/"])).toThrow(/not an S3 bucket name/);
        expect(() => s3DataEventValues(["Bad_Bucket"])).toThrow(/not an S3 bucket name/);
    });
});

/** The variant plan's monitoring switches (test/support.ts VARIANT_CONFIG), as the Monitoring settings they become. */
const VARIANT_MONITORING: Partial<MonitoringSettings> = {
    cloudTrailMultiRegion: false,
    cloudTrailCoveredBy: VARIANT_CONFIG["tap:cloudTrailCoveredBy"],
    cloudTrailDataEventBuckets: JSON.parse(VARIANT_CONFIG["tap:cloudTrailDataEventBuckets"]),
    alarmEmail: VARIANT_CONFIG["tap:alarmEmail"],
    createConfigRecorder: false,
    configRecorderName: VARIANT_CONFIG["tap:configRecorderName"],
};

describe("Monitoring alone with every monitoring switch turned (the variant's, in eu-west-1)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planComponent((s) => devMonitoring(s, VARIANT_MONITORING), { region: "eu-west-1" });
    });

    it("single-region trail when cloudTrailMultiRegion is false, naming the trail that covers the account (CIS 3.1)", () => {
        expect(one(plan, TRAIL).inputs.isMultiRegionTrail).toBe(false);
        expect(one(plan, TRAIL).inputs.tags).toEqual({ Profile: "dev", CoveredByTrail: "org-trail" });
    });

    it("puts valid S3 data-event selectors on the trail when cloudTrailDataEventBuckets is set", () => {
        const selectors = one(plan, TRAIL).inputs.eventSelectors as Array<{ dataResources: Array<{ type: string; values: string[] }> }>;
        expect(selectors[0].dataResources).toEqual([
            { type: "AWS::S3::Object", values: ["arn:aws:s3:::tap-dev-data/", `arn:aws:s3:::${APP_DATA_BUCKET}/`] },
        ]);
    });

    it("subscribes alarmEmail to the alert topic", () => {
        expect(one(plan, "aws:sns/topicSubscription:TopicSubscription").inputs).toMatchObject({
            protocol: "email",
            endpoint: "secops@example.com",
            topic: one(plan, "aws:sns/topic:Topic").state.arn,
        });
    });

    it("reuses the region's Config recorder: only the rules are added", () => {
        for (const type of [
            "aws:cfg/recorder:Recorder",
            "aws:cfg/deliveryChannel:DeliveryChannel",
            "aws:cfg/recorderStatus:RecorderStatus",
        ]) {
            expect(ofType(plan, type)).toEqual([]);
        }
        expect(ofType(plan, "aws:cfg/rule:Rule")).toHaveLength(CONFIG_MANAGED_RULES.length);
    });
});

describe("Monitoring switches (the variant plan: eu-west-1, every monitoring switch turned)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(VARIANT_CONFIG, "dev");
    });

    it("single-region trail when tap:cloudTrailMultiRegion is false, naming the trail that covers the account (CIS 3.1)", () => {
        expect(VARIANT_CONFIG["tap:cloudTrailMultiRegion"]).toBe("false");
        expect(one(plan, TRAIL).inputs.isMultiRegionTrail).toBe(false);
        expect(one(plan, TRAIL).inputs.tags).toEqual({ Profile: "dev", CoveredByTrail: VARIANT_CONFIG["tap:cloudTrailCoveredBy"] });
        expect(plan.outputs.cloudTrailMultiRegion).toBe(false);
    });

    it("puts valid S3 data-event selectors on the trail when tap:cloudTrailDataEventBuckets is set", () => {
        const selectors = one(plan, TRAIL).inputs.eventSelectors as Array<{ dataResources: Array<{ type: string; values: string[] }> }>;
        expect(selectors[0].dataResources).toEqual([
            { type: "AWS::S3::Object", values: ["arn:aws:s3:::tap-dev-data/", `arn:aws:s3:::${plan.outputs.appDataBucketName}/`] },
        ]);
    });

    it("subscribes tap:alarmEmail to the alert topic", () => {
        expect(one(plan, "aws:sns/topicSubscription:TopicSubscription").inputs).toMatchObject({
            protocol: "email",
            endpoint: "secops@example.com",
            topic: one(plan, "aws:sns/topic:Topic").state.arn,
        });
    });

    it("looks the region's GuardDuty detector up when adopting it without an id", () => {
        expect(ofType(plan, "aws:guardduty/detector:Detector")).toEqual([]);
        expect(ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature")).toEqual([]);
        expect(plan.outputs.guardDutyDetectorId).toMatch(/^[0-9a-f]{32}$/);
    });

    it("reuses the region's Config recorder: only the rules are added", () => {
        for (const type of [
            "aws:cfg/recorder:Recorder",
            "aws:cfg/deliveryChannel:DeliveryChannel",
            "aws:cfg/recorderStatus:RecorderStatus",
        ]) {
            expect(ofType(plan, type)).toEqual([]);
        }
        expect(ofType(plan, "aws:cfg/rule:Rule")).toHaveLength(CONFIG_MANAGED_RULES.length);
        expect(plan.outputs.configRecorderName).toBe("default");
    });
});

describe("GuardDuty adoption by id (the database-and-CDN plan)", () => {
    it("adopts the region's existing detector by id instead of creating a second one", async () => {
        const plan = await planTap(DATA_AND_CDN, "dev");
        expect(ofType(plan, "aws:guardduty/detector:Detector")).toEqual([]);
        expect(ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature")).toEqual([]);
        expect(plan.outputs.guardDutyDetectorId).toBe(ADOPTED_DETECTOR_ID);
    });
});

describe("Security Hub alerts acknowledged outside the stack (tap:acknowledgeSecurityHubAlerts false)", () => {
    it("sends Security Hub findings to the topic, with no state machine, under a written waiver the pack accepts", async () => {
        const plan = await planTap({ "tap:acknowledgeSecurityHubAlerts": "false" }, "dev");
        expect(ofType(plan, "aws:sfn/stateMachine:StateMachine")).toEqual([]);
        const rule = one(plan, "aws:cloudwatch/eventRule:EventRule", "securityhub-high");
        const target = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget").find((t) => t.inputs.rule === rule.state.name)!;
        expect(target.inputs.arn).toBe(one(plan, "aws:sns/topic:Topic").state.arn);
        expect(String((rule.inputs.tags as Record<string, string>)["tap:waive:security-hub-alerts-acknowledge"])).toMatch(
            /outside the stack/,
        );
        expect(evaluatePolicies(plan).results.find((r) => r.policy === "security-hub-alerts-acknowledge")).toMatchObject({
            status: "pass",
        });
        expect(plan.outputs.alertStateMachineArn).toBeUndefined();
    });
});
