/**
 * For every policy of the pack, a realistic program that breaks it (naming the offending
 * resource) and a compliant scenario it passes, as @pulumi/aws v7 resources, so the properties
 * are the ones the provider receives, run on the mock runtime like the offline plan. Failing
 * fixtures declare only what their policy looks at (other references are literal ARNs and
 * names); the compliant scenarios are shared, and no policy of the pack may flag them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicySubject, subjectsOf } from "../../policy/api";
import { Plan, runOnMocks } from "../../tooling/mock-runtime/harness";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import { PRIVATE_MANAGEMENT_FIXTURES, PRIVATE_MANAGEMENT_SCENARIOS } from "./fixtures-private-management";
import { SEED_DATA_FIXTURES, SEED_DATA_SCENARIOS } from "./fixtures-seed-data";
import { READINESS_FIXTURES, READINESS_SCENARIOS } from "./fixtures-readiness";
import { SELF_FINDING_FIXTURES, SELF_FINDING_SCENARIOS } from "./fixtures-self-findings";
import {
    FixtureContext,
    PolicyFixture,
    ACCOUNT_ROOT,
    KEY_ARN,
    ROLE_ARN,
    GITHUB_PROVIDER_ARN,
    STACK_ROLES,
    WORKLOAD_BOUNDARY,
    budgetAlert,
    BUDGET,
    document,
    kmsKey,
    logGroup,
    serviceRole,
    secureBucket,
    NACL_ALLOW_ALL,
    vpc,
    subnets,
    TRAIL,
    trailWithBucket,
    configRecording,
    IMDSV2,
    LAUNCH_TEMPLATE,
    INSTANCE,
    HTTPS_OUT,
    securityGroup,
    DATABASE,
    backedUp,
    PROD,
    prodRules,
    webListeners,
    AUTO_SCALING_GROUP,
    LOAD_BALANCER,
    httpsListeners,
    visibility,
    webAcl,
    SECURITY_HUB_PATTERN,
    PASSWORD_POLICY,
    protectedState,
    CIS,
    FSBP,
    securityHub,
    DISTRIBUTION,
    keyWith,
} from "./fixture-kit";

export type { FixtureContext, PolicyFixture } from "./fixture-kit";
export { backedUp, secureBucket, TRAIL, trailWithBucket, vpc } from "./fixture-kit";
import { githubTrust, humanTrust, mfaEnforcementPolicy, trustDocument } from "../../lib/access/policies";

// ---------------------------------------------------------------------------------------------
// Compliant scenarios: each passes every policy of the pack

export const SCENARIOS = {
    trail: (c: FixtureContext) => trailWithBucket(c),
    awsConfig: (c: FixtureContext) => configRecording(c),
    guardDuty: (c: FixtureContext) => {
        const detector = new aws.guardduty.Detector(c.name("detector"), { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" });
        new aws.guardduty.DetectorFeature(c.name("s3-protection"), { detectorId: detector.id, name: "S3_DATA_EVENTS", status: "ENABLED" });
    },
    network: (c: FixtureContext) => subnets(c, vpc(c), true),
    securityGroups: (c: FixtureContext) => {
        const sg = securityGroup(c, {
            ingress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "HTTPS" },
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"], description: "SSH from inside the VPC" },
            ],
            egress: [
                HTTPS_OUT,
                { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP for package repositories" },
            ],
        });
        new aws.vpc.SecurityGroupEgressRule(c.name("dns-out"), {
            securityGroupId: sg.id,
            ipProtocol: "udp",
            fromPort: 53,
            toPort: 53,
            cidrIpv4: "0.0.0.0/0",
        });
        new aws.vpc.SecurityGroupEgressRule(c.name("vpc-out"), { securityGroupId: sg.id, ipProtocol: "-1", cidrIpv4: "10.0.0.0/16" });
        new aws.ec2.SecurityGroupRule(c.name("ntp-out"), {
            type: "egress",
            securityGroupId: sg.id,
            protocol: "udp",
            fromPort: 123,
            toPort: 123,
            cidrBlocks: ["0.0.0.0/0"],
        });
        // HTTPS from the internet: the group is the load balancer's.
        httpsListeners(c, new aws.lb.LoadBalancer(c.name("alb"), { ...LOAD_BALANCER, securityGroups: [sg.id] }));
    },
    compute: (c: FixtureContext) => {
        const template = new aws.ec2.LaunchTemplate(c.name("lt"), LAUNCH_TEMPLATE);
        new aws.ec2.Instance(c.name("instance"), INSTANCE);
        // Its IMDS options, public IP and key pair are the template's (tap:computeMode instance).
        new aws.ec2.Instance(c.name("from-template"), { launchTemplate: { id: template.id, version: "$Latest" }, monitoring: true });
        new aws.ebs.EncryptionByDefault(c.name("ebs-default"), { enabled: true });
    },
    kms: (c: FixtureContext) => kmsKey(c),
    /** An application bucket logging to an access-log bucket of the stack (SSE-S3, as an ALB log bucket must be). */
    buckets: (c: FixtureContext) => {
        const sink = secureBucket(c, "access-logs", {
            omit: ["logging"],
            sseS3: true,
            extraStatements: (b) => [
                {
                    Sid: "AllowServerAccessLogDelivery",
                    Effect: "Allow",
                    Principal: { Service: "logging.s3.amazonaws.com" },
                    Action: "s3:PutObject",
                    Resource: pulumi.interpolate`${b.arn}/*`,
                    Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
                },
            ],
        }).bucket;
        const { bucket } = secureBucket(c, "app-data", { logTo: sink.id });
        new aws.s3.BucketOwnershipControls(c.name("app-data-ownership"), {
            bucket: bucket.id,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        });
    },
    iam: (c: FixtureContext) => {
        const role = new aws.iam.Role(c.name("app-role"), {
            assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
            inlinePolicies: [
                {
                    name: "metrics",
                    // PutMetricData on "*", scoped by its own condition key to one namespace
                    policy: document({
                        Effect: "Allow",
                        Action: "cloudwatch:PutMetricData",
                        Resource: "*",
                        Condition: { StringEquals: { "cloudwatch:namespace": "tap/app" } },
                    }),
                },
            ],
        });
        new aws.iam.RolePolicy(c.name("app-logs"), {
            role: role.id,
            policy: document({
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `arn:aws:logs:us-east-1:${MOCK_ACCOUNT_ID}:log-group:/tap/*`,
            }),
        });
        new aws.iam.AccountPasswordPolicy(c.name("password-policy"), PASSWORD_POLICY);
    },
    logs: (c: FixtureContext) => {
        logGroup(c, "app-logs");
        new aws.sns.Topic(c.name("alarms"), { kmsMasterKeyId: KEY_ARN });
    },
    budget: (c: FixtureContext) => {
        const topic = new aws.sns.Topic(c.name("budget-alerts"), { kmsMasterKeyId: KEY_ARN });
        new aws.sns.TopicPolicy(c.name("budget-alerts-policy"), {
            arn: topic.arn,
            policy: document({
                Sid: "BudgetAlerts",
                Effect: "Allow",
                Principal: { Service: "budgets.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topic.arn,
                Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
            }),
        });
        new aws.budgets.Budget(c.name("budget"), {
            ...BUDGET,
            notifications: [
                { ...budgetAlert("ACTUAL", 80), subscriberSnsTopicArns: [topic.arn] },
                { ...budgetAlert("FORECASTED", 100), subscriberSnsTopicArns: [topic.arn] },
            ],
        });
    },
    database: (c: FixtureContext) => {
        const db = new aws.rds.Instance(c.name("db"), DATABASE);
        backedUp(c, [db.arn]);
    },
    fleet: (c: FixtureContext) => {
        const group = new aws.autoscaling.Group(c.name("asg"), { ...AUTO_SCALING_GROUP, name: c.name("asg") });
        new aws.autoscaling.Notification(c.name("asg-notifications"), {
            groupNames: [group.name],
            notifications: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"],
            topicArn: `arn:aws:sns:us-east-1:${MOCK_ACCOUNT_ID}:alerts`,
        });
    },
    web: (c: FixtureContext) => {
        const alb = new aws.lb.LoadBalancer(c.name("alb"), { ...LOAD_BALANCER, desyncMitigationMode: "defensive" });
        httpsListeners(c, alb);
        webAcl(c);
    },
    /** A stack that asks for protection: every stateful resource protected, the key's deletion guarded. */
    protectedState: (c: FixtureContext) => protectedState(c),
    detection: (c: FixtureContext) => securityHub(c),
    ...PRIVATE_MANAGEMENT_SCENARIOS,
    /** Production's detection: every GuardDuty plan on, Inspector on EC2, HIGH and CRITICAL hub findings to the topic. */
    threatDetection: (c: FixtureContext) => {
        const detector = new aws.guardduty.Detector(c.name("detector"), {
            enable: true,
            findingPublishingFrequency: "FIFTEEN_MINUTES",
            tags: PROD,
        });
        for (const name of ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"]) {
            new aws.guardduty.DetectorFeature(c.name(name.toLowerCase()), { detectorId: detector.id, name, status: "ENABLED" });
        }
        new aws.guardduty.DetectorFeature(c.name("runtime-monitoring"), {
            detectorId: detector.id,
            name: "RUNTIME_MONITORING",
            status: "ENABLED",
            additionalConfigurations: ["EC2_AGENT_MANAGEMENT", "EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT"].map((name) => ({
                name,
                status: name === "EC2_AGENT_MANAGEMENT" ? "ENABLED" : "DISABLED",
            })),
        });
        new aws.inspector2.Enabler(c.name("inspector"), { accountIds: [MOCK_ACCOUNT_ID], resourceTypes: ["EC2", "ECR"] });
        new aws.cloudwatch.EventRule(c.name("securityhub-high"), { eventPattern: SECURITY_HUB_PATTERN(["HIGH", "CRITICAL"]) });
    },
    /** Production's backups: daily kept 35 days, monthly a year, a locked vault, the database chosen by its ARN. */
    prodBackup: (c: FixtureContext) => {
        const db = new aws.rds.Instance(c.name("db"), { ...DATABASE, multiAz: true, backupRetentionPeriod: 30, tags: PROD });
        backedUp(c, [db.arn], { tags: PROD, rules: prodRules });
    },
    ...SEED_DATA_SCENARIOS,
    ...READINESS_SCENARIOS,
    ...SELF_FINDING_SCENARIOS,
    /** Access (issue 19): a group, a role people assume with MFA, a role one repository's Actions assume. */
    access: (c: FixtureContext) => {
        const operators = new aws.iam.Group(c.name("operators"), { name: c.name("operators") });
        const mfa = new aws.iam.Policy(c.name("operators-mfa"), { policy: JSON.stringify(mfaEnforcementPolicy("aws")) });
        new aws.iam.GroupPolicyAttachment(c.name("operators-mfa"), { group: operators.name, policyArn: mfa.arn });
        const sessions = new aws.iam.Policy(c.name("operators-sessions"), {
            policy: document({
                Sid: "StartSessionOnStackInstances",
                Effect: "Allow",
                Action: "ssm:StartSession",
                Resource: `arn:aws:ec2:us-east-1:${MOCK_ACCOUNT_ID}:instance/*`,
                Condition: { StringEquals: { "ssm:resourceTag/Environment": "prod" } },
            }),
        });
        new aws.iam.GroupPolicyAttachment(c.name("operators-sessions"), { group: operators.name, policyArn: sessions.arn });
        const auditor = new aws.iam.Role(c.name("auditor"), {
            name: c.name("auditor"),
            assumeRolePolicy: JSON.stringify(trustDocument(humanTrust("aws", MOCK_ACCOUNT_ID))),
            maxSessionDuration: 3600,
        });
        new aws.iam.RolePolicy(c.name("auditor-read"), {
            role: auditor.name,
            policy: document({ Effect: "Allow", Action: ["ec2:DescribeInstances", "cloudtrail:DescribeTrails"], Resource: "*" }),
        });
        new aws.iam.Role(c.name("support"), {
            assumeRolePolicy: JSON.stringify(trustDocument(humanTrust("aws", MOCK_ACCOUNT_ID))),
            maxSessionDuration: 3600,
        });
        new aws.iam.Role(c.name("deploy"), {
            assumeRolePolicy: JSON.stringify(trustDocument(githubTrust(GITHUB_PROVIDER_ARN, "repo:acme/tap:ref:refs/heads/main"))),
        });
        // Delegated role creation (issue 28): roles only with one boundary, passed only to EC2.
        new aws.iam.Policy(c.name("deploy-iam"), {
            policy: document(
                {
                    Sid: "RolesWithBoundary",
                    Effect: "Allow",
                    Action: ["iam:CreateRole", "iam:PutRolePolicy"],
                    Resource: STACK_ROLES,
                    Condition: { StringEquals: { "iam:PermissionsBoundary": WORKLOAD_BOUNDARY } },
                },
                {
                    Sid: "PassToEc2",
                    Effect: "Allow",
                    Action: ["iam:PassRole"],
                    Resource: STACK_ROLES,
                    Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
                },
            ),
        });
    },
    cdn: (c: FixtureContext) => new aws.cloudfront.Distribution(c.name("cdn"), DISTRIBUTION),
    /** Resource policies that name a service, or a wildcard principal narrowed to the account or a source. */
    resourcePolicies: (c: FixtureContext) => {
        keyWith(c, {
            Sid: "ViaThisAccountOnly",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": MOCK_ACCOUNT_ID, "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
        });
        new aws.sns.Topic(c.name("topic"), {
            kmsMasterKeyId: KEY_ARN,
            policy: document({
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: "*",
                Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:events:us-east-1:${MOCK_ACCOUNT_ID}:rule/tap` } },
            }),
        });
        new aws.cloudwatch.LogResourcePolicy(c.name("log-policy"), {
            policyName: "tap-fixture",
            policyDocument: document({
                Effect: "Allow",
                Principal: "*",
                Action: "logs:PutLogEvents",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdef1234" } },
            }),
        });
    },
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

// ---------------------------------------------------------------------------------------------

export const FIXTURES: Readonly<Record<string, PolicyFixture>> = {
    "cloudtrail-multi-region-prod": {
        fail: (c) => new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, isMultiRegionTrail: false, tags: { Profile: "prod" } }),
        offender: "trail",
        pass: "trail",
    },
    "cloudtrail-management-events": {
        fail: (c) => new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, includeGlobalServiceEvents: false }),
        offender: "trail",
        pass: "trail",
    },
    "ec2-default-security-group-no-rule-resources": {
        // The adopted default group stays empty; a rule resource opens it behind its back.
        fail: (c) => {
            const network = vpc(c);
            new aws.vpc.SecurityGroupIngressRule(c.name("default-sg-https"), {
                securityGroupId: network.defaultSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "10.0.0.0/16",
            });
        },
        offender: "default-sg-https",
        pass: "securityGroups",
    },
    "ec2-world-ingress-web-ports-only": {
        fail: (c) =>
            new aws.vpc.SecurityGroupIngressRule(c.name("db-from-world"), {
                securityGroupId: "sg-0123456789abcdef0",
                ipProtocol: "tcp",
                fromPort: 5432,
                toPort: 5432,
                cidrIpv4: "0.0.0.0/0",
            }),
        offender: "db-from-world",
        pass: "securityGroups",
    },
    "ec2-imds-hop-limit": {
        fail: (c) =>
            new aws.ec2.LaunchTemplate(c.name("lt"), { ...LAUNCH_TEMPLATE, metadataOptions: { ...IMDSV2, httpPutResponseHopLimit: 2 } }),
        offender: "lt",
        pass: "compute",
    },
    "ec2-ebs-volumes-encrypted": {
        fail: (c) =>
            new aws.ec2.LaunchTemplate(c.name("lt"), {
                ...LAUNCH_TEMPLATE,
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "false" } }],
            }),
        offender: "lt",
        pass: "compute",
    },
    "kms-key-policy-least-privilege": {
        fail: (c) =>
            keyWith(c, { Sid: "AppRoleEverything", Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: "kms:*", Resource: "*" }),
        offender: "key",
        pass: "kms",
    },
    "no-wildcard-principal": {
        fail: (c) => keyWith(c, { Sid: "AnyoneDecrypts", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
        offender: "key",
        pass: "resourcePolicies",
    },
    "iam-no-wildcard-actions": {
        fail: (c) => serviceRole(c, "config-role", "config.amazonaws.com", ["s3:*"], ["arn:aws:s3:::tap-fixture-config/*"]),
        offender: "config-role",
        pass: "iam",
    },
    "iam-no-wildcard-resource": {
        fail: (c) => serviceRole(c, "app-role", "ec2.amazonaws.com", ["s3:PutObject"], ["*"]),
        offender: "app-role",
        pass: "iam",
    },
    "waf-rules-enforce": {
        fail: (c) =>
            webAcl(c, {
                rules: [
                    {
                        name: "aws-common",
                        priority: 1,
                        overrideAction: { count: {} },
                        statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } },
                        visibilityConfig: visibility("aws-common"),
                    },
                ],
            }),
        offender: "web-acl",
        pass: "web",
    },
    "prod-deletion-protection": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, deletionProtection: false, tags: { Profile: "prod" } }),
        offender: "db",
        pass: "database",
    },
    "elb-http-redirects-to-https": {
        fail: (c) => httpsListeners(c, new aws.lb.LoadBalancer(c.name("alb"), LOAD_BALANCER), { httpForwards: true }),
        offender: "http",
        pass: "web",
    },
    "elb-listener-tls12": {
        fail: (c) => httpsListeners(c, new aws.lb.LoadBalancer(c.name("alb"), LOAD_BALANCER), { sslPolicy: "ELBSecurityPolicy-2016-08" }),
        offender: "https",
        pass: "web",
    },
    "ec2-world-web-ports-only-on-load-balancers": {
        // The app group opened to the internet on 80: requests skip the load balancer and its WAF.
        fail: (c) =>
            securityGroup(c, {
                ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP" }],
                egress: [HTTPS_OUT],
            }),
        offender: "sg",
        pass: "securityGroups",
    },
    "elb-desync-mitigation": {
        fail: (c) => new aws.lb.LoadBalancer(c.name("alb"), { ...LOAD_BALANCER, desyncMitigationMode: "monitor" }),
        offender: "alb",
        pass: "web",
    },
    "cloudfront-viewer-https-tls12": {
        fail: (c) =>
            new aws.cloudfront.Distribution(c.name("cdn"), {
                ...DISTRIBUTION,
                viewerCertificate: { ...(DISTRIBUTION.viewerCertificate as object), minimumProtocolVersion: "TLSv1" },
            }),
        offender: "cdn",
        pass: "cdn",
    },
    "cloudfront-waf": {
        fail: (c) => new aws.cloudfront.Distribution(c.name("cdn"), { ...DISTRIBUTION, webAclId: undefined }),
        offender: "cdn",
        pass: "cdn",
    },
    "cloudfront-s3-origin-access-control": {
        fail: (c) =>
            new aws.cloudfront.Distribution(c.name("cdn"), {
                ...DISTRIBUTION,
                origins: [{ originId: "site", domainName: "tap-fixture-static.s3.us-east-1.amazonaws.com" }],
            }),
        offender: "cdn",
        pass: "cdn",
    },
    "rds-logs-and-minor-upgrades": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, enabledCloudwatchLogsExports: [] }),
        offender: "db",
        pass: "database",
    },
    "cloudtrail-kms-encryption": {
        fail: (c) => new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, kmsKeyId: undefined }),
        offender: "trail",
        pass: "trail",
    },
    "cloudtrail-log-file-validation": {
        fail: (c) => new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, enableLogFileValidation: false }),
        offender: "trail",
        pass: "trail",
    },
    "cloudtrail-cloudwatch-logs": {
        fail: (c) =>
            new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined }),
        offender: "trail",
        pass: "trail",
    },
    "cloudtrail-multi-region": {
        fail: (c) => new aws.cloudtrail.Trail(c.name("trail"), { ...TRAIL, isMultiRegionTrail: false }),
        offender: "trail",
        pass: "trail",
    },
    "cloudtrail-s3-data-event-selectors": {
        // seed 000 failure 1: the value that failed the deployment
        fail: (c) =>
            new aws.cloudtrail.Trail(c.name("trail"), {
                ...TRAIL,
                eventSelectors: [
                    {
                        readWriteType: "All",
                        includeManagementEvents: true,
                        dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::*/"] }],
                    },
                ],
            }),
        offender: "trail",
        pass: "trail",
    },
    "cloudtrail-after-bucket-policy": {
        fail: (c) => trailWithBucket(c, { waitForPolicy: false }),
        offender: "trail",
        pass: "trail",
    },
    "config-recorder-all-resources": {
        fail: (c) =>
            new aws.cfg.Recorder(c.name("recorder"), {
                roleArn: ROLE_ARN,
                recordingGroup: { allSupported: false, includeGlobalResourceTypes: true, resourceTypes: ["AWS::S3::Bucket"] },
            }),
        offender: "recorder",
        pass: "awsConfig",
    },
    "config-records-global-types": {
        fail: (c) =>
            new aws.cfg.Recorder(c.name("recorder"), {
                roleArn: ROLE_ARN,
                recordingGroup: { allSupported: true, includeGlobalResourceTypes: false },
            }),
        offender: "recorder",
        pass: "awsConfig",
    },
    "config-recorder-enabled": {
        fail: (c) => new aws.cfg.RecorderStatus(c.name("status"), { name: "tap-recorder", isEnabled: false }),
        offender: "status",
        pass: "awsConfig",
    },
    "config-recording-order": {
        fail: (c) => configRecording(c, { statusWaitsForChannel: false }),
        offender: "status",
        pass: "awsConfig",
    },
    "guardduty-detector-enabled": {
        fail: (c) => new aws.guardduty.Detector(c.name("detector"), { enable: false }),
        offender: "detector",
        pass: "guardDuty",
    },
    "guardduty-no-datasources": {
        fail: (c) => new aws.guardduty.Detector(c.name("detector"), { enable: true, datasources: { s3Logs: { enable: true } } }),
        offender: "detector",
        pass: "guardDuty",
    },
    "ec2-default-security-group-closed": {
        fail: (c) =>
            new aws.ec2.DefaultSecurityGroup(c.name("default-sg"), {
                vpcId: "vpc-0123456789abcdef0",
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            }),
        offender: "default-sg",
        pass: "network",
    },
    "vpc-default-security-group-adopted": {
        fail: (c) => vpc(c, { adoptDefaultSg: false }),
        offender: "vpc",
        pass: "network",
    },
    "vpc-flow-logs-all-traffic": {
        fail: (c) => vpc(c, { flowLogTraffic: "REJECT" }),
        offender: "vpc",
        pass: "network",
    },
    "ec2-subnet-no-auto-public-ip": {
        fail: (c) =>
            new aws.ec2.Subnet(c.name("subnet"), {
                vpcId: "vpc-0123456789abcdef0",
                cidrBlock: "10.0.0.0/20",
                mapPublicIpOnLaunch: true,
                tags: { Tier: "public" },
            }),
        offender: "subnet",
        pass: "network",
    },
    "ec2-no-admin-ports-from-world": {
        fail: (c) =>
            securityGroup(c, {
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "SSH" }],
                egress: [HTTPS_OUT],
            }),
        offender: "sg",
        pass: "securityGroups",
    },
    "ec2-nacl-no-admin-ports-from-world": {
        // The deny comes after the allow-all: the first matching entry (rule 100) lets SSH in.
        fail: (c) =>
            new aws.ec2.NetworkAcl(c.name("nacl"), {
                vpcId: "vpc-0123456789abcdef0",
                ingress: [
                    NACL_ALLOW_ALL,
                    { ruleNo: 200, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
                ],
            }),
        offender: "nacl",
        pass: "network",
    },
    "ec2-egress-scoped": {
        // seed 000 failure 7: "All outbound traffic"
        fail: (c) =>
            securityGroup(c, {
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "All outbound traffic" }],
            }),
        offender: "sg",
        pass: "securityGroups",
    },
    "private-route-tables-reach-nat": {
        // seed 000 failure 10: private subnets without a route out
        fail: (c) => subnets(c, new aws.ec2.Vpc(c.name("vpc"), { cidrBlock: "10.0.0.0/16" }), false),
        offender: "private-rt",
        pass: "network",
    },
    "ec2-ebs-encryption-by-default": {
        fail: (c) => new aws.ebs.EncryptionByDefault(c.name("ebs-default"), { enabled: false }),
        offender: "ebs-default",
        pass: "compute",
    },
    "ec2-imdsv2-required": {
        fail: (c) =>
            new aws.ec2.LaunchTemplate(c.name("lt"), {
                ...LAUNCH_TEMPLATE,
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" },
            }),
        offender: "lt",
        pass: "compute",
    },
    "ec2-instance-launch-template-hardened": {
        // The instance's own inputs look clean; the template it is launched from leaves IMDSv1 on.
        fail: (c) => {
            const template = new aws.ec2.LaunchTemplate(c.name("lt"), {
                ...LAUNCH_TEMPLATE,
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" },
            });
            new aws.ec2.Instance(c.name("instance"), { launchTemplate: { id: template.id, version: "$Latest" } });
        },
        offender: "instance",
        pass: "compute",
    },
    "ec2-no-public-ip": {
        fail: (c) => new aws.ec2.Instance(c.name("instance"), { ...INSTANCE, associatePublicIpAddress: true }),
        offender: "instance",
        pass: "compute",
    },
    "ec2-no-key-pairs": {
        // seed 000: a key pair created "for SSH access"
        fail: (c) => {
            const keyPair = new aws.ec2.KeyPair(c.name("key-pair"), {
                keyName: "tap-dev-ssh",
                publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZpeHR1cmUtb25seS1ub3QtYS1yZWFsLWtleQ fixture",
            });
            new aws.ec2.LaunchTemplate(c.name("lt"), { ...LAUNCH_TEMPLATE, keyName: keyPair.keyName });
        },
        offender: "lt",
        pass: "compute",
    },
    "kms-key-rotation": {
        fail: (c) => kmsKey(c, "key", { enableKeyRotation: false }),
        offender: "key",
        pass: "kms",
    },
    "kms-key-policy-account-root": {
        // seed 001 failure 12: a key policy granting only a list of actions
        fail: (c) =>
            kmsKey(c, "key", {
                policy: document({
                    Sid: "KeyUsers",
                    Effect: "Allow",
                    Principal: { AWS: ACCOUNT_ROOT },
                    Resource: "*",
                    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"],
                }),
            }),
        offender: "key",
        pass: "kms",
    },
    "s3-no-deprecated-resources": {
        // seed 001 failure 3
        fail: (c) =>
            new aws.s3.BucketVersioningV2(c.name("versioning-v2"), {
                bucket: "tap-fixture-static",
                versioningConfiguration: { status: "Enabled" },
            }),
        offender: "versioning-v2",
        pass: "buckets",
    },
    "s3-public-access-block-all": {
        fail: (c) =>
            new aws.s3.BucketPublicAccessBlock(c.name("pab"), {
                bucket: "tap-fixture-static",
                blockPublicAcls: true,
                blockPublicPolicy: false,
                ignorePublicAcls: true,
                restrictPublicBuckets: false,
            }),
        offender: "pab",
        pass: "buckets",
    },
    "s3-deny-insecure-transport": {
        fail: (c) =>
            new aws.s3.BucketPolicy(c.name("bucket-policy"), {
                bucket: "tap-fixture-static",
                policy: document({
                    Sid: "DenyUnencryptedUploads",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:PutObject",
                    Resource: "arn:aws:s3:::tap-fixture-static/*",
                    Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } },
                }),
            }),
        offender: "bucket-policy",
        pass: "buckets",
    },
    "s3-no-acls": {
        // seed 001 failure 13: AccessControlListNotSupported
        fail: (c) => new aws.s3.BucketAcl(c.name("acl"), { bucket: "tap-fixture-cloudfront-logs", acl: "private" }),
        offender: "acl",
        pass: "buckets",
    },
    "s3-encryption-at-rest": {
        fail: (c) => new aws.s3.BucketServerSideEncryptionConfiguration(c.name("sse"), { bucket: "tap-fixture-static", rules: [] }),
        offender: "sse",
        pass: "buckets",
    },
    "s3-versioning-enabled": {
        fail: (c) =>
            new aws.s3.BucketVersioning(c.name("versioning"), {
                bucket: "tap-fixture-static",
                versioningConfiguration: { status: "Suspended" },
            }),
        offender: "versioning",
        pass: "buckets",
    },
    "s3-bucket-public-access-block-attached": {
        fail: (c) => secureBucket(c, "bucket", { omit: ["publicAccessBlock"] }),
        offender: "bucket",
        pass: "buckets",
    },
    "s3-bucket-encryption-attached": {
        // seed 001 failure 2: a bucket without server-side encryption
        fail: (c) => secureBucket(c, "bucket", { omit: ["encryption"] }),
        offender: "bucket",
        pass: "buckets",
    },
    "s3-bucket-versioning-attached": {
        fail: (c) => secureBucket(c, "bucket", { omit: ["versioning"] }),
        offender: "bucket",
        pass: "buckets",
    },
    "s3-bucket-policy-attached": {
        fail: (c) => secureBucket(c, "bucket", { omit: ["policy"] }),
        offender: "bucket",
        pass: "buckets",
    },
    "s3-bucket-access-logging": {
        // seed 004 failure 9
        fail: (c) => secureBucket(c, "bucket", { omit: ["logging"] }),
        offender: "bucket",
        pass: "buckets",
    },
    "iam-no-admin-statements": {
        // seed 004 failure 2
        fail: (c) =>
            new aws.iam.Role(c.name("role"), {
                assumeRolePolicy: document({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
                inlinePolicies: [{ name: "everything", policy: document({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }) }],
            }),
        offender: "role",
        pass: "iam",
    },
    "iam-password-policy-strength": {
        fail: (c) =>
            new aws.iam.AccountPasswordPolicy(c.name("password-policy"), {
                ...PASSWORD_POLICY,
                minimumPasswordLength: 8,
                passwordReusePrevention: 5,
            }),
        offender: "password-policy",
        pass: "iam",
    },
    "cloudwatch-log-group-retention": {
        fail: (c) => logGroup(c, "logs", { retentionInDays: undefined }),
        offender: "logs",
        pass: "logs",
    },
    "cloudwatch-log-group-kms": {
        // seed 004 failure 8, "fixed" by dropping the key
        fail: (c) => logGroup(c, "logs", { kmsKeyId: undefined }),
        offender: "logs",
        pass: "logs",
    },
    "budget-alerts-reach-topic": {
        // The forecast alert left out: the month is over budget before anyone hears.
        fail: (c) => new aws.budgets.Budget(c.name("budget"), { ...BUDGET, notifications: [BUDGET.notifications[0]] }),
        offender: "budget",
        pass: "budget",
    },
    "sns-topic-kms": {
        fail: (c) => new aws.sns.Topic(c.name("alarms"), {}),
        offender: "alarms",
        pass: "logs",
    },
    "rds-not-publicly-accessible": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, publiclyAccessible: true }),
        offender: "db",
        pass: "database",
    },
    "rds-storage-encrypted": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, storageEncrypted: false, kmsKeyId: undefined }),
        offender: "db",
        pass: "database",
    },
    "rds-deletion-protection": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, deletionProtection: false }),
        offender: "db",
        pass: "database",
    },
    "rds-backup-retention": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, backupRetentionPeriod: 1 }),
        offender: "db",
        pass: "database",
    },
    "rds-managed-master-password": {
        fail: (c) =>
            new aws.rds.Instance(c.name("db"), { ...DATABASE, manageMasterUserPassword: undefined, masterUserSecretKmsKeyId: undefined }),
        offender: "db",
        pass: "database",
    },
    "elb-drop-invalid-header-fields": {
        fail: (c) => new aws.lb.LoadBalancer(c.name("alb"), { ...LOAD_BALANCER, dropInvalidHeaderFields: false }),
        offender: "alb",
        pass: "web",
    },
    "elb-access-logs": {
        // seed 001 failure 1: an ALB without access logs
        fail: (c) => new aws.lb.LoadBalancer(c.name("alb"), { ...LOAD_BALANCER, accessLogs: undefined }),
        offender: "alb",
        pass: "web",
    },
    "waf-web-acl-has-rules": {
        fail: (c) => webAcl(c, { rules: [] }),
        offender: "web-acl",
        pass: "web",
    },
    "waf-cloudwatch-metrics": {
        fail: (c) => webAcl(c, { ruleMetrics: false }),
        offender: "web-acl",
        pass: "web",
    },
    "stateful-resources-protected": {
        // A log group added beside protected resources without `protect`: a rename would delete its logs.
        fail: (c) => protectedState(c, { unprotected: "logs" }),
        offender: "logs",
        pass: "protectedState",
    },
    "kms-key-deletion-guarded": {
        fail: (c) => protectedState(c, { guard: false }),
        offender: "key",
        pass: "protectedState",
    },
    "securityhub-hub-configured": {
        fail: (c) => securityHub(c, { hub: { controlFindingGenerator: "STANDARD_CONTROL" } }),
        offender: "hub",
        pass: "detection",
    },
    "securityhub-cis-fsbp-subscribed": {
        fail: (c) => securityHub(c, { standards: [FSBP()] }),
        offender: "hub",
        pass: "detection",
    },
    "securityhub-subscription-after-hub": {
        fail: (c) => securityHub(c, { afterHub: false }),
        offender: "cis",
        pass: "detection",
    },
    "securityhub-waiver-has-reason": {
        fail: (c) => securityHub(c, { waiverReason: "n/a" }),
        offender: "waiver",
        pass: "detection",
    },
    "access-analyzer-every-region": {
        // Security Hub in two regions, the analyzer in the default region only.
        fail: (c) => securityHub(c, { standards: [CIS(), FSBP(), CIS("us-west-2"), FSBP("us-west-2")] }),
        offender: "analyzer",
        pass: "detection",
    },
    ...PRIVATE_MANAGEMENT_FIXTURES,
    ...SEED_DATA_FIXTURES,
    ...READINESS_FIXTURES,
    ...SELF_FINDING_FIXTURES,
    // Access (issue 19)
    "iam-no-users-or-keys": {
        // seed 002 failure 9: a deploy user with an access key
        fail: (c) => {
            const user = new aws.iam.User(c.name("deployer"), { path: "/system/" });
            new aws.iam.AccessKey(c.name("deployer-key"), { user: user.name });
        },
        offender: "deployer",
        pass: "access",
    },
    "iam-human-trust-requires-mfa": {
        fail: (c) =>
            new aws.iam.Role(c.name("support"), {
                assumeRolePolicy: document({ Effect: "Allow", Principal: { AWS: ACCOUNT_ROOT }, Action: "sts:AssumeRole" }),
            }),
        offender: "support",
        pass: "access",
    },
    "iam-oidc-trust-one-repository": {
        // The classic: any repository of the owner (or of GitHub) may deploy.
        fail: (c) =>
            new aws.iam.Role(c.name("deploy"), {
                assumeRolePolicy: document({
                    Effect: "Allow",
                    Principal: { Federated: GITHUB_PROVIDER_ARN },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                        StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" },
                    },
                }),
            }),
        offender: "deploy",
        pass: "access",
    },
    "iam-role-creation-requires-boundary": {
        // issue 28: a pipeline that may create roles and put any policy on them is an administrator.
        fail: (c) =>
            new aws.iam.Policy(c.name("deployer"), {
                policy: document({ Effect: "Allow", Action: ["iam:CreateRole", "iam:PutRolePolicy"], Resource: STACK_ROLES }),
            }),
        offender: "deployer",
        pass: "access",
    },
    "iam-passrole-to-named-services": {
        fail: (c) =>
            new aws.iam.Policy(c.name("deployer"), {
                policy: document({ Effect: "Allow", Action: ["iam:PassRole"], Resource: STACK_ROLES }),
            }),
        offender: "deployer",
        pass: "access",
    },
    // Issue 14 (resilience)
    "backup-vault-kms": {
        fail: (c) => new aws.backup.Vault(c.name("vault"), { name: c.name("vault") }),
        offender: "vault",
        pass: "database",
    },
    "rds-in-backup-plan": {
        // The plan selects another database: this one has RDS's automated backups only.
        fail: (c) => {
            new aws.rds.Instance(c.name("db"), DATABASE);
            backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:another-db`]);
        },
        offender: "db",
        pass: "database",
    },
    "backup-vault-lock": {
        fail: (c) => backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:tap-db`], { lock: false }),
        offender: "vault",
        pass: "database",
    },
    "rds-enhanced-monitoring": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, monitoringInterval: 0, monitoringRoleArn: undefined }),
        offender: "db",
        pass: "database",
    },
    "rds-iam-authentication": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, iamDatabaseAuthenticationEnabled: false }),
        offender: "db",
        pass: "database",
    },
    "autoscaling-failure-notifications": {
        // Launch errors only: terminate errors go unreported.
        fail: (c) => {
            const group = new aws.autoscaling.Group(c.name("asg"), { ...AUTO_SCALING_GROUP, name: c.name("asg") });
            new aws.autoscaling.Notification(c.name("asg-notifications"), {
                groupNames: [group.name],
                notifications: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR"],
                topicArn: `arn:aws:sns:us-east-1:${MOCK_ACCOUNT_ID}:alerts`,
            });
        },
        offender: "asg",
        pass: "fleet",
    },
    "elb-https-listener": {
        // The prod web tier as it was before issue 14: port 80 forwarding, no certificate, no accepted exception.
        fail: (c) => webListeners(c, new aws.lb.LoadBalancer(c.name("alb"), LOAD_BALANCER), false),
        offender: "alb",
        pass: "web",
    },
    "cloudtrail-bucket-object-lock": {
        fail: (c) => trailWithBucket(c, { objectLock: false }),
        offender: "trail",
        pass: "trail",
    },
    // Issue 28: values held to the profile, coverage from what resources select, conditions read, every policy type read
    "backup-retention-profile": {
        // Production keeps its daily points 35 days, and nothing a year.
        fail: (c) => backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:tap-db`], { tags: PROD }),
        offender: "backup-plan",
        pass: "prodBackup",
    },
    "backup-rules-into-stack-vaults": {
        fail: (c) =>
            backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:tap-db`], {
                rules: () => [
                    { ruleName: "daily", targetVaultName: "Default", schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 35 } },
                ],
            }),
        offender: "backup-plan",
        pass: "database",
    },
    "backup-copied-across-regions": {
        // A vault in a second region, and a plan that copies nothing there.
        fail: (c) => {
            backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:tap-db`]);
            const west = new aws.Provider(c.name("us-west-2"), { region: "us-west-2" });
            new aws.backup.Vault(c.name("vault-west"), { name: c.name("vault-west"), kmsKeyArn: KEY_ARN }, { provider: west });
        },
        offender: "backup-plan",
        pass: "database",
    },
    "backup-vault-lock-prod": {
        fail: (c) => backedUp(c, [`arn:aws:rds:us-east-1:${MOCK_ACCOUNT_ID}:db:tap-db`], { lock: false, tags: PROD, rules: prodRules }),
        offender: "vault",
        pass: "prodBackup",
    },
    "backup-selection-covers-databases": {
        // Selected by a tag the database does not carry: the classic silent gap.
        fail: (c) => {
            new aws.rds.Instance(c.name("db"), { ...DATABASE, tags: { Backup: "weekly" } });
            backedUp(c, [], { selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }] });
        },
        offender: "db",
        pass: "database",
    },
    "object-lock-default-retention": {
        fail: (c) =>
            new aws.s3.BucketObjectLockConfiguration(c.name("object-lock"), { bucket: "tap-fixture-trail", objectLockEnabled: "Enabled" }),
        offender: "object-lock",
        pass: "trail",
    },
    "prod-rds-backup-retention": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, multiAz: true, backupRetentionPeriod: 7, tags: PROD }),
        offender: "db",
        pass: "prodBackup",
    },
    "prod-rds-multi-az": {
        fail: (c) => new aws.rds.Instance(c.name("db"), { ...DATABASE, multiAz: false, backupRetentionPeriod: 30, tags: PROD }),
        offender: "db",
        pass: "prodBackup",
    },
    "guardduty-protection-plans": {
        // Production with Runtime Monitoring on but no agent management: nothing is monitored.
        fail: (c) => {
            const detector = new aws.guardduty.Detector(c.name("detector"), { enable: true, tags: PROD });
            for (const name of ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"])
                new aws.guardduty.DetectorFeature(c.name(name.toLowerCase()), { detectorId: detector.id, name, status: "ENABLED" });
            new aws.guardduty.DetectorFeature(c.name("runtime-monitoring"), {
                detectorId: detector.id,
                name: "RUNTIME_MONITORING",
                status: "ENABLED",
            });
        },
        offender: "detector",
        pass: "threatDetection",
    },
    "inspector-scans-ec2": {
        fail: (c) => new aws.inspector2.Enabler(c.name("inspector"), { accountIds: [MOCK_ACCOUNT_ID], resourceTypes: ["ECR"] }),
        offender: "inspector",
        pass: "threatDetection",
    },
    "securityhub-findings-alerted": {
        fail: (c) => new aws.cloudwatch.EventRule(c.name("securityhub-high"), { eventPattern: SECURITY_HUB_PATTERN(["CRITICAL"]) }),
        offender: "securityhub-high",
        pass: "threatDetection",
    },
    "iam-group-enforces-mfa": {
        // AWS's MFA guard with plain Bool: requests signed with long-term keys carry no MFA key and are not denied.
        fail: (c) => {
            const group = new aws.iam.Group(c.name("operators"), { name: c.name("operators") });
            const guard = mfaEnforcementPolicy("aws");
            const weakened = {
                ...guard,
                Statement: guard.Statement.map((st) =>
                    st.Effect === "Deny" ? { ...st, Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } } : st,
                ),
            };
            new aws.iam.GroupPolicy(c.name("operators-mfa"), { group: group.name, policy: JSON.stringify(weakened) });
        },
        offender: "operators",
        pass: "access",
    },
    "iam-read-only-roles-read": {
        fail: (c) => {
            const auditor = new aws.iam.Role(c.name("auditor"), {
                name: c.name("auditor"),
                assumeRolePolicy: JSON.stringify(trustDocument(humanTrust("aws", MOCK_ACCOUNT_ID))),
                maxSessionDuration: 3600,
            });
            new aws.iam.RolePolicyAttachment(c.name("auditor-power"), {
                role: auditor.name,
                policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
            });
        },
        offender: "auditor",
        pass: "access",
    },
    "ssm-start-session-scoped": {
        fail: (c) =>
            new aws.iam.Policy(c.name("operators-sessions"), {
                policy: document({
                    Effect: "Allow",
                    Action: "ssm:StartSession",
                    Resource: `arn:aws:ec2:us-east-1:${MOCK_ACCOUNT_ID}:instance/*`,
                }),
            }),
        offender: "operators-sessions",
        pass: "access",
    },
    "iam-human-trust-recent-mfa": {
        fail: (c) =>
            new aws.iam.Role(c.name("support"), {
                assumeRolePolicy: document({
                    Effect: "Allow",
                    Principal: { AWS: ACCOUNT_ROOT },
                    Action: "sts:AssumeRole",
                    Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
                }),
            }),
        offender: "support",
        pass: "access",
    },
    "iam-people-sessions-short": {
        fail: (c) =>
            new aws.iam.Role(c.name("support"), {
                assumeRolePolicy: JSON.stringify(trustDocument(humanTrust("aws", MOCK_ACCOUNT_ID))),
                maxSessionDuration: 43200,
            }),
        offender: "support",
        pass: "access",
    },
};

/** The name prefix of one failing fixture's or one scenario's resources. */
export const failPrefix = (policy: string) => `fail--${policy}--`;
/** A compliant scenario's resources (a fixture names its scenario as a string: an unknown one plans nothing, and its policy is then not "pass"). */
export const scenarioPrefix = (scenario: string) => `ok--${scenario}--`;

/** Runs every failing fixture and every compliant scenario in one program on the mock runtime. */
export function planFixtures(): Promise<Plan> {
    return runOnMocks(
        () => {
            for (const [policy, fixture] of Object.entries(FIXTURES)) fixture.fail({ name: (suffix) => `${failPrefix(policy)}${suffix}` });
            for (const [scenario, declare] of Object.entries(SCENARIOS))
                declare({ name: (suffix) => `${scenarioPrefix(scenario)}${suffix}` });
            return {};
        },
        { stack: "fixtures" },
    );
}

/** The resources whose logical name starts with `prefix`, as the pack evaluates them. */
export function subjectsNamed(plan: Plan, prefix: string): PolicySubject[] {
    return subjectsOf(plan).filter((s) => s.name.startsWith(prefix));
}
