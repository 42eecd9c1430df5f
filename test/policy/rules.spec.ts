/**
 * The rules' edge cases, beyond one bad and one good fixture per policy: the forms AWS accepts
 * or refuses, every way @pulumi/aws v7 declares a security group rule or an IAM policy, and
 * what a preview cannot know yet (never flagged: `pulumi up` checks again with real values).
 */
import { evaluate, PolicySubject, TAP_POLICIES, UNKNOWN } from "../../policy/api";

const urnOf = (type: string, name: string) => `urn:pulumi:dev::tap::${type}::${name}`;

/** A resource as the plan or CrossGuard would hand it over: inputs, outputs = inputs + id. */
function r(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PolicySubject> = {}): PolicySubject {
    return { urn: urnOf(type, name), type, name, inputs, id: `${name}-id`, dependsOn: [], ...extra };
}

/** The messages `policy` reports for each resource, by resource name. */
function flagged(policy: string, ...subjects: PolicySubject[]): Record<string, string[]> {
    const result = evaluate(
        subjects,
        TAP_POLICIES.filter((p) => p.name === policy),
    ).results[0];
    const byResource: Record<string, string[]> = {};
    for (const v of result.violations) (byResource[v.resource] ??= []).push(v.message);
    return byResource;
}

const TRAIL = "aws:cloudtrail/trail:Trail";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const BUCKET = "aws:s3/bucket:Bucket";

describe("cloudtrail-s3-data-event-selectors: the values CloudTrail accepts (seed 000)", () => {
    const trail = (values: string[], type = "AWS::S3::Object") =>
        r(TRAIL, "trail", { eventSelectors: [{ dataResources: [{ type, values }] }] });

    it.each(["arn:aws:s3", "arn:aws:s3:::tap-app-data/", "arn:aws:s3:::tap-app-data/uploads/2024", "arn:aws-us-gov:s3:::gov.bucket-1/"])(
        "accepts %s",
        (value) => {
            expect(flagged("cloudtrail-s3-data-event-selectors", trail([value]))).toEqual({});
        },
    );

    it.each([
        "arn:aws:s3:::*/",
        "arn:aws:s3:::*/*",
        "arn:aws:s3:::",
        "arn:aws:s3:::tap-app-data",
        "arn:aws:s3:::Tap_Data/",
        "s3://tap-app-data/",
    ])("refuses %s, naming the selector", (value) => {
        expect(flagged("cloudtrail-s3-data-event-selectors", trail(["arn:aws:s3", value]))).toEqual({
            trail: [expect.stringContaining(`eventSelectors[0].dataResources[0].values[1] = "${value}"`)],
        });
    });

    it("leaves other data resource types (Lambda, DynamoDB) alone", () => {
        expect(flagged("cloudtrail-s3-data-event-selectors", trail(["arn:aws:lambda"], "AWS::Lambda::Function"))).toEqual({});
    });

    it("refuses wildcards in advanced selectors on S3 objects", () => {
        const advanced = (startsWiths: string[]) =>
            r(TRAIL, "trail", {
                advancedEventSelectors: [
                    {
                        name: "s3",
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Data"] },
                            { field: "resources.type", equals: ["AWS::S3::Object"] },
                            { field: "resources.ARN", startsWiths },
                        ],
                    },
                ],
            });
        expect(flagged("cloudtrail-s3-data-event-selectors", advanced(["arn:aws:s3:::tap-app-data/"]))).toEqual({});
        expect(Object.keys(flagged("cloudtrail-s3-data-event-selectors", advanced(["arn:aws:s3:::*/"])))).toEqual(["trail"]);
    });
});

describe("security group rules, in each of the four ways v7 declares them", () => {
    const vpcRule = (direction: "Ingress" | "Egress", name: string, inputs: Record<string, unknown>) =>
        r(`aws:vpc/securityGroup${direction}Rule:SecurityGroup${direction}Rule`, name, { securityGroupId: "sg-1", ...inputs });
    const sgRule = (name: string, inputs: Record<string, unknown>) =>
        r("aws:ec2/securityGroupRule:SecurityGroupRule", name, { securityGroupId: "sg-1", ...inputs });

    it("ec2-egress-scoped flags all-protocol or all-port egress to the world, IPv4 or IPv6, and nothing narrower", () => {
        expect(
            Object.keys(
                flagged(
                    "ec2-egress-scoped",
                    vpcRule("Egress", "all-v6", { ipProtocol: "-1", cidrIpv6: "::/0" }),
                    sgRule("all-v4", { type: "egress", protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
                    sgRule("every-tcp-port", { type: "egress", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }),
                    r(SG, "inline", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] }),
                    vpcRule("Egress", "inside-vpc", { ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" }),
                    vpcRule("Egress", "https", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
                    sgRule("ingress-all", { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }),
                ),
            ).sort(),
        ).toEqual(["all-v4", "all-v6", "every-tcp-port", "inline"]);
    });

    it("ec2-no-admin-ports-from-world flags 22 and 3389 opened to 0.0.0.0/0 or ::/0 by any rule that covers them (CIS 5.2/5.3)", () => {
        const result = flagged(
            "ec2-no-admin-ports-from-world",
            vpcRule("Ingress", "ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
            vpcRule("Ingress", "rdp-udp-v6", { ipProtocol: "udp", fromPort: 3389, toPort: 3389, cidrIpv6: "::/0" }),
            sgRule("range", { type: "ingress", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }),
            r(SG, "everything", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] }),
            vpcRule("Ingress", "https", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
            vpcRule("Ingress", "ssh-inside", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/16" }),
            sgRule("ssh-egress", { type: "egress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        );
        expect(result).toEqual({
            ssh: ["ingress rule opens port 22 to 0.0.0.0/0"],
            "rdp-udp-v6": ["ingress rule opens port 3389 to ::/0"],
            range: ["ingress rule opens port 22 to 0.0.0.0/0", "ingress rule opens port 3389 to 0.0.0.0/0"],
            everything: ["ingress[0] opens port 22 to ::/0", "ingress[0] opens port 3389 to ::/0"],
        });
    });
});

describe("iam-no-admin-statements, in every identity policy resource", () => {
    const admin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] };

    it("flags */* whether the policy is a JSON string or a PolicyDocument object, and *:* too", () => {
        expect(
            Object.keys(
                flagged(
                    "iam-no-admin-statements",
                    r("aws:iam/rolePolicy:RolePolicy", "role-policy", { role: "app", policy: JSON.stringify(admin) }),
                    r("aws:iam/policy:Policy", "managed", { policy: admin }),
                    r("aws:iam/userPolicy:UserPolicy", "user-policy", {
                        user: "ci",
                        policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "*:*", Resource: "*" } }),
                    }),
                    r("aws:iam/groupPolicy:GroupPolicy", "group-policy", { group: "ops", policy: JSON.stringify(admin) }),
                ),
            ).sort(),
        ).toEqual(["group-policy", "managed", "role-policy", "user-policy"]);
    });

    it("flags AdministratorAccess attached to a role, user or group, and no other managed policy", () => {
        const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        expect(
            flagged(
                "iam-no-admin-statements",
                r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role-admin", { role: "app", policyArn: admin }),
                r("aws:iam/userPolicyAttachment:UserPolicyAttachment", "user-admin", { user: "ci", policyArn: admin }),
                r("aws:iam/role:Role", "legacy", {
                    assumeRolePolicy: "{}",
                    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", admin],
                }),
                r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ssm", {
                    role: "app",
                    policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                }),
            ),
        ).toEqual({
            "role-admin": [`attaches ${admin}: Action "*" on Resource "*"`],
            "user-admin": [`attaches ${admin}: Action "*" on Resource "*"`],
            legacy: [`attaches ${admin}: Action "*" on Resource "*"`],
        });
    });

    it("leaves Deny */*, service wildcards and resource-scoped statements alone", () => {
        expect(
            flagged(
                "iam-no-admin-statements",
                r("aws:iam/policy:Policy", "deny-all", {
                    policy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }),
                }),
                r("aws:iam/policy:Policy", "s3-all", {
                    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
                }),
                r("aws:iam/policy:Policy", "one-bucket", {
                    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::tap-app-data/*" }] }),
                }),
            ),
        ).toEqual({});
    });
});

describe("S3 relations", () => {
    const bucket = (name: string) =>
        r(BUCKET, name, { bucket: name }, { id: name, outputs: { bucket: name, arn: `arn:aws:s3:::${name}` } });
    const logging = (name: string, from: string, to: string) =>
        r("aws:s3/bucketLogging:BucketLogging", name, { bucket: from, targetBucket: to, targetPrefix: `${from}/` });

    it("s3-bucket-access-logging exempts the bucket receiving access logs, and flags one logging into itself", () => {
        expect(
            flagged(
                "s3-bucket-access-logging",
                bucket("app-data"),
                bucket("access-logs"),
                bucket("selfish"),
                logging("app-data-logging", "app-data", "access-logs"),
                logging("selfish-logging", "selfish", "selfish"),
            ),
        ).toEqual({ selfish: ["logs its server access into itself: every log write would be logged again"] });
    });

    it("s3-bucket-access-logging recognises an access-log destination by its policy's grant to logging.s3.amazonaws.com", () => {
        const grant = (name: string, Service: string) =>
            r("aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`, {
                bucket: name,
                policy: JSON.stringify({
                    Statement: [{ Effect: "Allow", Principal: { Service }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${name}/*` }],
                }),
            });
        expect(
            flagged(
                "s3-bucket-access-logging",
                bucket("access-logs"),
                grant("access-logs", "logging.s3.amazonaws.com"),
                bucket("trail-logs"),
                grant("trail-logs", "cloudtrail.amazonaws.com"),
            ),
        ).toEqual({ "trail-logs": ["has no server access logging (aws.s3.BucketLogging to the access-log bucket)"] });
    });

    it("s3-deny-insecure-transport wants the TLS deny on the bucket and on its objects", () => {
        const policy = (name: string, Resource: string[], secure: unknown = "false") =>
            r("aws:s3/bucketPolicy:BucketPolicy", name, {
                bucket: "data",
                policy: JSON.stringify({
                    Statement: [
                        {
                            Effect: "Deny",
                            Principal: { AWS: "*" },
                            Action: "s3:*",
                            Resource,
                            Condition: { Bool: { "aws:SecureTransport": secure } },
                        },
                    ],
                }),
            });
        expect(
            Object.keys(
                flagged(
                    "s3-deny-insecure-transport",
                    policy("both", ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]),
                    policy("both-boolean", ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], false),
                    policy("bucket-only", ["arn:aws:s3:::data"]),
                    policy("objects-only", ["arn:aws:s3:::data/*"]),
                    policy("inverted", ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], "true"),
                ),
            ).sort(),
        ).toEqual(["bucket-only", "inverted", "objects-only"]);
    });

    it("s3-no-deprecated-resources and s3-no-acls flag deprecated inline bucket arguments", () => {
        const legacy = r(BUCKET, "legacy", {
            acl: "private",
            versioning: { enabled: true },
            serverSideEncryptionConfiguration: { rule: {} },
        });
        expect(flagged("s3-no-deprecated-resources", legacy)).toEqual({
            legacy: [
                "serverSideEncryptionConfiguration is deprecated on aws.s3.Bucket: use aws.s3.BucketServerSideEncryptionConfiguration",
                "versioning is deprecated on aws.s3.Bucket: use aws.s3.BucketVersioning",
            ],
        });
        expect(flagged("s3-no-acls", legacy)).toEqual({ legacy: ["acl is set: bucket ACLs are disabled, use the bucket policy"] });
    });
});

describe("during a preview (CrossGuard): unknown values are never violations, unknown references are resolved by property dependency", () => {
    const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    const newBucket = (name: string) =>
        r(BUCKET, name, { forceDestroy: true }, { id: UNKNOWN, outputs: { bucket: UNKNOWN, arn: UNKNOWN } });

    it("resource rules pass a reference that is not known yet", () => {
        expect(
            flagged("cloudwatch-log-group-kms", r("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 90, kmsKeyId: UNKNOWN })),
        ).toEqual({});
        expect(flagged("ec2-imdsv2-required", r("aws:ec2/launchTemplate:LaunchTemplate", "lt", { metadataOptions: UNKNOWN }))).toEqual({});
        expect(flagged("kms-key-policy-account-root", r("aws:kms/key:Key", "key", { enableKeyRotation: true, policy: UNKNOWN }))).toEqual(
            {},
        );
    });

    it("a public access block whose bucket is unknown covers the bucket its property dependency names, and no other", () => {
        const logs = newBucket("logs");
        const data = newBucket("data");
        const pab = r(PAB, "logs-pab", { bucket: UNKNOWN, blockPublicAcls: true }, { propertyDependencies: { bucket: [logs.urn] } });
        expect(flagged("s3-bucket-public-access-block-attached", logs, data, pab)).toEqual({ data: [expect.any(String)] });
    });

    it("with neither value nor dependency to tell, the bucket gets the benefit of the doubt; with no block at all, it does not", () => {
        const logs = newBucket("logs");
        expect(flagged("s3-bucket-public-access-block-attached", logs, r(PAB, "some-pab", { bucket: UNKNOWN }))).toEqual({});
        expect(flagged("s3-bucket-public-access-block-attached", logs)).toEqual({ logs: [expect.any(String)] });
    });

    it("cloudtrail-after-bucket-policy follows the trail's bucket and its policy through property dependencies", () => {
        const bucket = newBucket("trail-bucket");
        const policy = r(
            "aws:s3/bucketPolicy:BucketPolicy",
            "trail-bucket-policy",
            { bucket: UNKNOWN, policy: UNKNOWN },
            { propertyDependencies: { bucket: [bucket.urn] } },
        );
        const trail = (dependsOn: string[]) =>
            r(TRAIL, "trail", { s3BucketName: UNKNOWN }, { dependsOn, propertyDependencies: { s3BucketName: [bucket.urn] } });
        expect(flagged("cloudtrail-after-bucket-policy", bucket, policy, trail([bucket.urn]))).toEqual({
            trail: ["does not depend on trail-bucket-policy, the policy of its bucket trail-bucket: add it to dependsOn"],
        });
        expect(flagged("cloudtrail-after-bucket-policy", bucket, policy, trail([bucket.urn, policy.urn]))).toEqual({});
    });
});

describe("ordering and reachability across the stack", () => {
    it("config-recording-order: the status waits for the channel and the channel for the recorder, even through a component", () => {
        const recorder = r("aws:cfg/recorder:Recorder", "recorder", { roleArn: "arn:aws:iam::123456789012:role/config" });
        const component = r("tap:monitoring:Monitoring", "monitoring", {});
        const channel = r("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { s3BucketName: "config" }, { parent: component.urn });
        const status = (dependsOn: string[]) => r("aws:cfg/recorderStatus:RecorderStatus", "status", { isEnabled: true }, { dependsOn });
        expect(flagged("config-recording-order", recorder, component, channel, status([component.urn]))).toEqual({
            channel: ["does not depend on the recorder (recorder): a channel needs a recorder to exist"],
        });
        expect(flagged("config-recording-order", recorder, status([recorder.urn]))).toEqual({
            status: ["no delivery channel in the stack: starting the recorder fails with NoAvailableDeliveryChannelException"],
        });
    });

    it("private-route-tables-reach-nat accepts an inline NAT route and flags a Tier=private table without one", () => {
        const nat = r("aws:ec2/natGateway:NatGateway", "nat", { subnetId: "subnet-public" });
        const inline = r("aws:ec2/routeTable:RouteTable", "inline-rt", {
            vpcId: "vpc-1",
            tags: { Tier: "private" },
            routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" }],
        });
        const tagged = r("aws:ec2/routeTable:RouteTable", "tagged-rt", { vpcId: "vpc-1", tags: { Tier: "private" } });
        const publicTable = r("aws:ec2/routeTable:RouteTable", "public-rt", { vpcId: "vpc-1" });
        expect(flagged("private-route-tables-reach-nat", nat, inline, tagged, publicTable)).toEqual({
            "tagged-rt": [expect.stringMatching(/without a 0\.0\.0\.0\/0 route to a NAT gateway/)],
        });
    });
});

describe("resource details", () => {
    it("rds-managed-master-password names the password argument without ever printing its value", () => {
        const result = flagged(
            "rds-managed-master-password",
            r("aws:rds/instance:Instance", "db", { engine: "postgres", password: "hunter2-fixture", storageEncrypted: true }),
            r("aws:rds/instance:Instance", "replica", { replicateSourceDb: "db", storageEncrypted: true }),
        );
        expect(result).toEqual({
            db: ["password is set: let RDS manage the master password", "manageMasterUserPassword is unset: must be true"],
        });
        expect(JSON.stringify(result)).not.toContain("hunter2");
    });

    it("kms-key-rotation skips asymmetric keys; kms-key-policy-account-root accepts the bare account id and the default policy", () => {
        expect(
            flagged(
                "kms-key-rotation",
                r("aws:kms/key:Key", "signing", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }),
            ),
        ).toEqual({});
        const rootById = JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "kms:*", Resource: "*" }],
        });
        expect(
            flagged(
                "kms-key-policy-account-root",
                r("aws:kms/key:Key", "by-id", { policy: rootById }),
                r("aws:kms/key:Key", "default", {}),
            ),
        ).toEqual({});
    });

    it("elb-access-logs checks ALBs and classic ELBs, not network load balancers", () => {
        expect(
            Object.keys(
                flagged(
                    "elb-access-logs",
                    r("aws:lb/loadBalancer:LoadBalancer", "nlb", { loadBalancerType: "network" }),
                    r("aws:lb/loadBalancer:LoadBalancer", "alb-off", { accessLogs: { bucket: "logs", enabled: false } }),
                    r("aws:elb/loadBalancer:LoadBalancer", "classic", { listeners: [] }),
                    r("aws:elb/loadBalancer:LoadBalancer", "classic-logged", { accessLogs: { bucket: "logs" } }),
                ),
            ).sort(),
        ).toEqual(["alb-off", "classic"]);
    });

    it("waf-cloudwatch-metrics reads rules given as ruleJson (WAF API names)", () => {
        const acl = (enabled: boolean) =>
            r("aws:wafv2/webAcl:WebAcl", `acl-${enabled}`, {
                visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "acl", sampledRequestsEnabled: true },
                ruleJson: JSON.stringify([
                    {
                        Name: "rate",
                        Priority: 1,
                        VisibilityConfig: { CloudWatchMetricsEnabled: enabled, MetricName: "rate", SampledRequestsEnabled: true },
                    },
                ]),
            });
        expect(flagged("waf-cloudwatch-metrics", acl(true), acl(false))).toEqual({
            "acl-false": ['rule "rate" does not publish CloudWatch metrics'],
        });
        expect(flagged("waf-web-acl-has-rules", acl(true))).toEqual({});
    });
});

describe("an instance launched from a launch template (tap:computeMode instance): the rules follow the template reference", () => {
    const LT = "aws:ec2/launchTemplate:LaunchTemplate";
    const INSTANCE = "aws:ec2/instance:Instance";
    const IMDSV2 = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
    const PRIVATE_NIC = [{ deviceIndex: 0, associatePublicIpAddress: "false" }];
    const template = (name: string, extra: Record<string, unknown> = {}) =>
        r(LT, name, { name, metadataOptions: IMDSV2, networkInterfaces: PRIVATE_NIC, ...extra });
    const fromTemplate = (
        name: string,
        launchTemplate: Record<string, unknown>,
        extra: Record<string, unknown> = {},
        subject: Partial<PolicySubject> = {},
    ) => r(INSTANCE, name, { launchTemplate, monitoring: true, ...extra }, subject);

    it("ec2-imdsv2-required leaves an instance that sets no metadataOptions to its template, and judges one that sets its own", () => {
        expect(
            flagged(
                "ec2-imdsv2-required",
                template("lt"),
                fromTemplate("inherits", { id: "lt-id", version: "1" }),
                fromTemplate(
                    "own-optional",
                    { id: "lt-id", version: "1" },
                    { metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } },
                ),
                fromTemplate("own-required", { id: "lt-id", version: "1" }, { metadataOptions: IMDSV2 }),
                r(INSTANCE, "no-template", { ami: "ami-0a1b2c3d4e5f67890", instanceType: "t3.micro" }),
            ),
        ).toEqual({
            "own-optional": [expect.stringContaining('metadataOptions.httpTokens is "optional"')],
            "no-template": [expect.stringContaining("metadataOptions.httpTokens is unset")],
        });
    });

    it("ec2-instance-launch-template-hardened passes an instance whose template (by id or by name) requires IMDSv2, assigns no public IP, names no key pair", () => {
        expect(
            flagged(
                "ec2-instance-launch-template-hardened",
                template("lt"),
                fromTemplate("by-id", { id: "lt-id", version: "1" }),
                fromTemplate("by-name", { name: "lt", version: "$Latest" }),
            ),
        ).toEqual({});
    });

    it("flags, on the instance, each setting it takes from a weak template, but not those it sets itself", () => {
        const weak = template("weak", {
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 2 },
            networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "true" }],
            keyName: "tap-dev-ssh",
        });
        expect(
            flagged(
                "ec2-instance-launch-template-hardened",
                weak,
                fromTemplate("inherits-all", { id: "weak-id", version: "1" }),
                fromTemplate(
                    "overrides-all",
                    { id: "weak-id", version: "1" },
                    { metadataOptions: IMDSV2, associatePublicIpAddress: false, keyName: "ops" },
                ),
            ),
        ).toEqual({
            "inherits-all": [
                'inherits from its launch template weak: metadataOptions.httpTokens is "optional": IMDSv1 answers without a token (SSRF); set "required"',
                expect.stringContaining("inherits from its launch template weak: metadataOptions.httpPutResponseHopLimit is 2: must be 1"),
                'inherits from its launch template weak: networkInterfaces[0].associatePublicIpAddress is "true"',
                'inherits from its launch template weak: keyName is "tap-dev-ssh": no SSH key pairs, use SSM Session Manager',
            ],
        });
        // What the instance sets itself is the resource rules' to judge.
        expect(flagged("ec2-no-key-pairs", fromTemplate("overrides-all", { id: "weak-id" }, { keyName: "ops" }))).toEqual({
            "overrides-all": [expect.stringContaining('keyName is "ops"')],
        });
    });

    it("flags an instance launched from a template the stack does not manage: what it inherits cannot be checked", () => {
        expect(
            flagged(
                "ec2-instance-launch-template-hardened",
                template("lt"),
                fromTemplate("legacy", { name: "legacy-app", version: "$Default" }),
            ),
        ).toEqual({
            legacy: [expect.stringMatching(/launch template "legacy-app", which is not one of this stack's/)],
        });
    });

    it("during a preview, resolves a template id not known yet through the property dependency, and otherwise gives the benefit of the doubt", () => {
        const weak = r(LT, "weak", { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }, { id: UNKNOWN });
        const strong = r(LT, "strong", { metadataOptions: IMDSV2 }, { id: UNKNOWN });
        const pending = { id: UNKNOWN, version: UNKNOWN };
        expect(
            flagged(
                "ec2-instance-launch-template-hardened",
                weak,
                strong,
                fromTemplate("on-weak", pending, {}, { propertyDependencies: { launchTemplate: [weak.urn] } }),
                fromTemplate("on-strong", pending, {}, { propertyDependencies: { launchTemplate: [strong.urn] } }),
                fromTemplate("untold", pending),
            ),
        ).toEqual({ "on-weak": [expect.stringContaining("inherits from its launch template weak: metadataOptions.httpTokens")] });
    });
});

describe("ec2-nacl-no-admin-ports-from-world: first matching entry by rule number decides (CIS 5.1 / EC2.21)", () => {
    const NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
    const entry = (
        ruleNo: number,
        action: string,
        protocol: string,
        fromPort: number,
        toPort: number,
        cidr: Record<string, string> = { cidrBlock: "0.0.0.0/0" },
    ) => ({ ruleNo, action, protocol, fromPort, toPort, ...cidr });
    const nacl = (...ingress: object[]) => r(NACL, "nacl", { ingress });
    const allowAll = entry(100, "allow", "-1", 0, 0);

    it("passes SSH and RDP denied before the allow-all entry, whatever the order they are written in", () => {
        expect(
            flagged(
                "ec2-nacl-no-admin-ports-from-world",
                nacl(allowAll, entry(20, "deny", "tcp", 3389, 3389), entry(10, "deny", "tcp", 22, 22)),
            ),
        ).toEqual({});
    });

    it("flags an allow-all entry numbered before the denies, for each admin port", () => {
        expect(
            flagged(
                "ec2-nacl-no-admin-ports-from-world",
                nacl(entry(5, "allow", "-1", 0, 0), entry(10, "deny", "tcp", 22, 22), entry(20, "deny", "tcp", 3389, 3389)),
            ),
        ).toEqual({
            nacl: [expect.stringContaining("port 22"), expect.stringContaining("port 3389")],
        });
    });

    it("flags a port range from ::/0 that covers RDP, and ignores allows from narrower sources", () => {
        expect(
            flagged(
                "ec2-nacl-no-admin-ports-from-world",
                nacl(
                    entry(10, "deny", "tcp", 22, 22),
                    entry(30, "allow", "tcp", 3000, 4000, { ipv6CidrBlock: "::/0" }),
                    entry(40, "allow", "tcp", 22, 22, { cidrBlock: "10.0.0.0/8" }),
                ),
            ),
        ).toEqual({ nacl: [expect.stringContaining('port 3389 from "::/0"')] });
    });
});

describe("no-wildcard-principal: anonymous access, unless a condition pins the caller", () => {
    const key = (statement: Record<string, unknown>) =>
        r("aws:kms/key:Key", "key", {
            policy: JSON.stringify({
                Statement: [
                    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                    statement,
                ],
            }),
        });
    const anyone = { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" };

    it.each([
        ['Principal "*"', { ...anyone, Principal: "*" }],
        ['{AWS: "*"}', { ...anyone, Principal: { AWS: "*" } }],
        ['{AWS: ["*"]} among others', { ...anyone, Principal: { AWS: ["arn:aws:iam::123456789012:role/app", "*"] } }],
        ["a negated condition", { ...anyone, Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } } }],
        ["an IfExists condition", { ...anyone, Principal: "*", Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1" } } }],
        [
            "a condition on another key",
            { ...anyone, Principal: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } },
        ],
        ["a wildcard-only value", { ...anyone, Principal: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } }],
    ])("flags %s", (_label, statement) => {
        expect(Object.keys(flagged("no-wildcard-principal", key(statement)))).toEqual(["key"]);
    });

    it.each([
        ["kms:CallerAccount", { StringEquals: { "kms:CallerAccount": "123456789012" } }],
        ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }],
        ["aws:SourceArn (ArnLike)", { ArnLike: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/*" } }],
        ["aws:SourceVpce", { StringEquals: { "aws:sourcevpce": ["vpce-1", "vpce-2"] } }],
    ])("accepts a wildcard principal narrowed by %s", (_label, Condition) => {
        expect(flagged("no-wildcard-principal", key({ ...anyone, Principal: "*", Condition }))).toEqual({});
    });

    it("accepts Deny statements to everyone, and reads every resource-policy property", () => {
        expect(
            flagged(
                "no-wildcard-principal",
                key({
                    Effect: "Deny",
                    Principal: "*",
                    Action: "kms:*",
                    Resource: "*",
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                }),
            ),
        ).toEqual({});
        const open = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
        expect(
            Object.keys(
                flagged(
                    "no-wildcard-principal",
                    r("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "logs", { policyDocument: open }),
                    r("aws:sns/topicPolicy:TopicPolicy", "topic", { arn: "t", policy: open }),
                    r("aws:ec2/vpcEndpoint:VpcEndpoint", "endpoint", { policy: open }),
                    r("aws:iam/role:Role", "role", { assumeRolePolicy: open }),
                    r("aws:s3/bucketPolicy:BucketPolicy", "bucket", { policy: UNKNOWN }),
                ),
            ).sort(),
        ).toEqual(["endpoint", "logs", "role", "topic"]);
    });
});

describe("iam-no-wildcard-actions and iam-no-wildcard-resource: the AWS action catalogue decides", () => {
    const role = (name: string, statement: Record<string, unknown>) =>
        r("aws:iam/rolePolicy:RolePolicy", name, {
            role: "app",
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", ...statement }] }),
        });

    it("flags *, service:* and NotAction, but not a narrower pattern", () => {
        expect(
            Object.keys(
                flagged(
                    "iam-no-wildcard-actions",
                    role("all", { Action: "*", Resource: "arn:aws:s3:::b" }),
                    role("s3-all", { Action: ["s3:GetObject", "s3:*"], Resource: "arn:aws:s3:::b/*" }),
                    role("kms-all", { Action: "KMS:*", Resource: "arn:aws:kms:us-east-1:123456789012:key/k" }),
                    role("not-action", { NotAction: "iam:*", Resource: "*" }),
                    role("get-star", { Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" }),
                ),
            ).sort(),
        ).toEqual(["all", "kms-all", "not-action", "s3-all"]);
    });

    it("flags Resource * on actions with resource types (patterns expanded), not on wildcard-only ones", () => {
        expect(
            Object.keys(
                flagged(
                    "iam-no-wildcard-resource",
                    role("put-object", { Action: "s3:PutObject", Resource: "*" }),
                    role("decrypt", { Action: ["kms:Decrypt"], Resource: ["*"] }),
                    role("get-pattern", { Action: "s3:Get*", Resource: "*" }),
                    role("list-buckets", { Action: "s3:ListAllMyBuckets", Resource: "*" }),
                    role("describe-regions", { Action: "ec2:DescribeRegions", Resource: "*" }),
                    role("scoped", { Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }),
                    role("metrics-namespace", {
                        Action: "cloudwatch:PutMetricData",
                        Resource: "*",
                        Condition: { StringEquals: { "cloudwatch:namespace": "tap" } },
                    }),
                    role("metrics-anywhere", { Action: "cloudwatch:PutMetricData", Resource: "*" }),
                ),
            ).sort(),
        ).toEqual(["decrypt", "get-pattern", "metrics-anywhere", "put-object"]);
    });

    it("flags actions AWS does not have (a typo grants nothing and hides the intent)", () => {
        expect(flagged("iam-no-wildcard-resource", role("typo", { Action: "s3:PutObjekt", Resource: "arn:aws:s3:::b/*" }))).toEqual({
            typo: [expect.stringContaining('"s3:PutObjekt" is not an IAM action AWS knows')],
        });
    });
});

describe("ec2-default-security-group-no-rule-resources: rules added to the default group behind its back", () => {
    const vpc = r(
        "aws:ec2/vpc:Vpc",
        "vpc",
        { cidrBlock: "10.0.0.0/16" },
        { outputs: { cidrBlock: "10.0.0.0/16", defaultSecurityGroupId: "sg-default" } },
    );
    const own = r(SG, "app-sg", {}, { id: "sg-app" });
    const rule = (name: string, securityGroupId: unknown, extra: Partial<PolicySubject> = {}) =>
        r(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name,
            { securityGroupId, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" },
            extra,
        );

    it("flags a rule on the VPC's default group, by value or (preview) through the property's dependency on the VPC", () => {
        expect(
            Object.keys(
                flagged(
                    "ec2-default-security-group-no-rule-resources",
                    vpc,
                    own,
                    rule("by-value", "sg-default"),
                    rule("by-dependency", UNKNOWN, { propertyDependencies: { securityGroupId: [vpc.urn] } }),
                    rule("on-own-group", UNKNOWN, { propertyDependencies: { securityGroupId: [own.urn] } }),
                    rule("on-own-group-by-value", "sg-app"),
                ),
            ).sort(),
        ).toEqual(["by-dependency", "by-value"]);
    });
});

describe("cloudtrail-multi-region-prod: production stacks record every region or name the trail that does", () => {
    const trail = (stack: string, inputs: Record<string, unknown>) => ({
        ...r(TRAIL, `${stack}-trail`, inputs),
        urn: `urn:pulumi:${stack}::tap::${TRAIL}::${stack}-trail`,
    });

    it("flags a single-region trail in prod (by stack name or Profile tag) unless CoveredByTrail names another", () => {
        expect(
            Object.keys(
                flagged(
                    "cloudtrail-multi-region-prod",
                    trail("prod", { isMultiRegionTrail: false }),
                    trail("prod-eu", { isMultiRegionTrail: false, tags: { CoveredByTrail: " " } }),
                    trail("staging", { isMultiRegionTrail: false, tags: { Profile: "prod" } }),
                    trail("production", { isMultiRegionTrail: true }),
                    trail("prod-covered", { isMultiRegionTrail: false, tags: { CoveredByTrail: "org-trail" } }),
                    trail("dev", { isMultiRegionTrail: false }),
                    trail("prodigy", { isMultiRegionTrail: false }),
                ),
            ).sort(),
        ).toEqual(["prod-eu-trail", "prod-trail", "staging-trail"]);
    });
});

describe("ec2-world-web-ports-only-on-load-balancers: the internet reaches a tier only through its load balancer", () => {
    const group = (name: string) => r(SG, name, {}, { id: `sg-${name}` });
    const worldHttp = (name: string, securityGroupId: unknown, extra: Partial<PolicySubject> = {}) =>
        r(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name,
            { securityGroupId, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" },
            extra,
        );
    const alb = group("alb");
    const app = group("app");

    it("flags world ingress on a group no load balancer uses, by id or (preview) by property dependency", () => {
        const lb = r("aws:lb/loadBalancer:LoadBalancer", "lb", { securityGroups: ["sg-alb"] });
        expect(
            Object.keys(
                flagged(
                    "ec2-world-web-ports-only-on-load-balancers",
                    alb,
                    app,
                    lb,
                    worldHttp("to-alb", "sg-alb"),
                    worldHttp("to-app", "sg-app"),
                    worldHttp("to-app-preview", UNKNOWN, { propertyDependencies: { securityGroupId: [app.urn] } }),
                    worldHttp("to-unknown", UNKNOWN),
                ),
            ).sort(),
        ).toEqual(["to-app", "to-app-preview"]);
    });

    it("gives the benefit of the doubt while the load balancer's groups are not known", () => {
        const pending = r("aws:lb/loadBalancer:LoadBalancer", "lb", { securityGroups: UNKNOWN });
        expect(flagged("ec2-world-web-ports-only-on-load-balancers", app, pending, worldHttp("to-app", "sg-app"))).toEqual({});
    });
});

describe("waivers: a resource tagged tap:waive:<policy> with a written reason is exempt from that one policy", () => {
    const policyDoc = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] });
    const managed = (name: string, tags?: Record<string, string>) =>
        r("aws:iam/policy:Policy", name, { policy: policyDoc, ...(tags && { tags }) });
    const REASON = "pulumi up creates and deletes every service of the stack - held to its regions by the boundary";

    it("exempts only the named policy, only with a reason of a sentence", () => {
        expect(
            Object.keys(
                flagged(
                    "iam-no-wildcard-actions",
                    managed("unwaived"),
                    managed("waived", { "tap:waive:iam-no-wildcard-actions": REASON }),
                    managed("token-reason", { "tap:waive:iam-no-wildcard-actions": "ok" }),
                    managed("other-policy-waived", { "tap:waive:iam-no-admin-statements": REASON }),
                ),
            ).sort(),
        ).toEqual(["other-policy-waived", "token-reason", "unwaived"]);
    });
});
