/**
 * WebTier: its load balancer, security-group chain, access logs, listeners and WAF planned alone
 * (stand-ins for the VPC, subnets, the app security group, the key and the access-log bucket); then
 * in the stack: what it is given (public subnets, Compute's group and instances), the health check
 * Compute serves, scale-in protection, TLS from the stack's domain, the outputs.
 */
import * as aws from "@pulumi/aws";
import { AWS_REGIONS } from "../../lib/config";
import { nginxConfig } from "../../lib/compute/user-data";
import { SecureBucket } from "../../lib/security/secure-bucket";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import { albLogDeliveryStatement, albLogWriter, ELB_LOG_DELIVERY_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE } from "../../lib/web/alb-log-delivery";
import { MANAGED_RULE_GROUPS, webAclRules } from "../../lib/web/web-acl-rules";
import { HEALTH_CHECK_PATH, HTTPS_SSL_POLICY, WebTier, WebTierArgs } from "../../lib/web/web-tier";
import { bucketProtections, securityGroupRules, SgRule } from "../security-checks";
import { evaluatePolicies } from "../../policy/api";
import { runOnMocks } from "../../tooling/mock-runtime/harness";
import {
    ALL_TIERS,
    byRef,
    HOSTED_ZONE_ID,
    INSTANCE_CONFIG,
    ofType,
    one,
    Plan,
    PlannedResource,
    planComponent,
    planTap,
    TEST_CERTIFICATE_ARN,
} from "../support";
import { defaultSettings } from "../../lib/config/declare";
import { WEB_TIER_SETTINGS, WebTierSettings } from "../../lib/web/settings";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const TG = "aws:lb/targetGroup:TargetGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const ASG = "aws:autoscaling/group:Group";
const ACL = "aws:wafv2/webAcl:WebAcl";
const BUCKET = "aws:s3/bucket:Bucket";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

/** A web ACL rule as planned (the provider's input shape). */
interface AclRule {
    readonly name: string;
    readonly priority: number;
    readonly overrideAction?: unknown;
    readonly statement: { readonly managedRuleGroupStatement?: unknown; readonly rateBasedStatement?: { readonly limit: number } };
}

/** Every ingress and egress rule resource attached to one security group, as written. */
const rulesOf = (plan: Plan, sg: PlannedResource, type: string) => ofType(plan, type).filter((r) => r.inputs.securityGroupId === sg.id);
const portsOf = (rules: SgRule[]) => [...new Set(rules.map((r) => r.fromPort))].sort((a, b) => Number(a ?? 0) - Number(b ?? 0));
const userDataOf = (plan: Plan) =>
    Buffer.from(String(one(plan, "aws:ec2/launchTemplate:LaunchTemplate").inputs.userData), "base64").toString("utf8");

/** The app security group's id (Compute's), stood in. */
const APP_SG_ID = "sg-0standinapp00000";

describe("WebTier alone, with a certificate, two allowed CIDRs, app port 8080 (us-east-1)", () => {
    const cidrs = ["203.0.113.0/24", "198.51.100.0/24"];
    let plan: Plan;
    let standIns: { publicSubnetIds: string[]; kmsKeyArn: string };
    beforeAll(async () => {
        plan = await planComponent((s) => {
            standIns = s;
            return new WebTier(`${s.namePrefix}-web`, {
                ...s.common,
                // tap:certificateArn, tap:allowedIngressCidrs, tap:appPort, tap:wafRateLimit, tap:deletionProtection as WEB_TIER_CONFIG sets them.
                settings: s.settings(WEB_TIER_SETTINGS, {
                    certificateArn: TEST_CERTIFICATE_ARN,
                    allowedIngressCidrs: cidrs,
                    appPort: 8080,
                    wafRateLimit: 500,
                    deletionProtection: true,
                }),
                region: s.region,
                vpcId: s.vpcId,
                publicSubnetIds: s.publicSubnetIds,
                appSecurityGroupId: APP_SG_ID,
                autoScalingGroupName: `${s.namePrefix}-app`,
                accessLogsBucket: s.accessLogsBucket(),
                kmsKeyArn: s.kmsKeyArn,
            });
        });
    });
    const alb = () => one(plan, LB);
    const albSg = () => one(plan, SG, "alb-sg");
    const appSg = () => ({ id: APP_SG_ID }) as PlannedResource;

    it("puts an internet-facing application load balancer in the public subnets, behind its own security group only", () => {
        expect(alb().inputs).toMatchObject({ loadBalancerType: "application", internal: false, securityGroups: [albSg().id] });
        expect(alb().inputs.subnets).toEqual(standIns.publicSubnetIds);
        expect(alb().parent).toBe(ofType(plan, "tap:web:WebTier")[0].urn);
    });

    it("drops invalid header fields (ELB.4), mitigates desync (ELB.12), is deletion-protected as configured (ELB.6)", () => {
        expect(alb().inputs).toMatchObject({
            dropInvalidHeaderFields: true,
            desyncMitigationMode: "defensive",
            enableDeletionProtection: true,
        });
    });

    it("logs every request to its own bucket, created after the policy that lets ELB write there (ELB.5, seed 001 #1)", () => {
        const bucket = one(plan, BUCKET, "alb-logs");
        expect(alb().inputs.accessLogs).toEqual({ bucket: bucket.id, enabled: true });
        expect(alb().dependsOn).toEqual([one(plan, "aws:s3/bucketPolicy:BucketPolicy", "alb-logs-policy").urn]);
        expect(bucket.inputs.bucket).toBe(`tap-dev-use1-alb-logs-${MOCK_ACCOUNT_ID}`);
    });

    it("keeps ALB logs under SSE-S3 (ALB cannot write with a customer key), writable by ELB's log-delivery service principal under AWSLogs/<account>/ only (no other account: CIS 1.20)", () => {
        const bucket = one(plan, BUCKET, "alb-logs");
        const p = bucketProtections(plan, bucket);
        expect([p.sseAlgorithm, p.kmsMasterKeyId]).toEqual(["AES256", undefined]);
        expect(p.statements.filter((s) => s.Effect === "Allow")).toEqual([
            {
                Sid: "AlbAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: ELB_LOG_DELIVERY_SERVICE },
                Action: "s3:PutObject",
                Resource: `${String(bucket.state.arn)}/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
            },
        ]);
        expect(p.logsTo).toBe(one(plan, BUCKET, "access-logs").id);
        expect(p.lifecycleRules?.[0]).toMatchObject({ expiration: { days: 2557 } });
    });

    it("opens the load balancer on 80 and 443 only, from each allowed CIDR only", () => {
        const ingress = rulesOf(plan, albSg(), INGRESS);
        expect(ingress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]).sort()).toEqual(
            [
                ["tcp", 443, 443, cidrs[1]],
                ["tcp", 443, 443, cidrs[0]],
                ["tcp", 80, 80, cidrs[1]],
                ["tcp", 80, 80, cidrs[0]],
            ].sort(),
        );
        expect(albSg().inputs.ingress).toBeUndefined();
        expect(albSg().inputs.egress).toBeUndefined();
    });

    it("lets the load balancer out to the app security group on the app port only", () => {
        expect(rulesOf(plan, albSg(), EGRESS).map((r) => r.inputs)).toEqual([
            expect.objectContaining({
                ipProtocol: "tcp",
                fromPort: 8080,
                toPort: 8080,
                referencedSecurityGroupId: appSg().id,
            }),
        ]);
        expect(rulesOf(plan, albSg(), EGRESS)[0].inputs.cidrIpv4).toBeUndefined();
    });

    it("lets the app instances in on the app port from the load balancer's group only, from no CIDR", () => {
        const ingress = rulesOf(plan, appSg(), INGRESS);
        expect(ingress.map((r) => r.inputs)).toEqual([
            expect.objectContaining({
                ipProtocol: "tcp",
                fromPort: 8080,
                toPort: 8080,
                referencedSecurityGroupId: albSg().id,
            }),
        ]);
        expect(ingress[0].inputs.cidrIpv4).toBeUndefined();
    });

    it("serves HTTPS with a TLS 1.2+ policy and the certificate, and only redirects HTTP to it (ELB.1)", () => {
        const listeners = ofType(plan, LISTENER);
        expect(listeners.map((l) => l.inputs.port).sort()).toEqual([443, 80]);
        const https = listeners.find((l) => l.inputs.port === 443)!;
        expect(https.inputs).toMatchObject({
            loadBalancerArn: alb().state.arn,
            protocol: "HTTPS",
            sslPolicy: HTTPS_SSL_POLICY,
            certificateArn: TEST_CERTIFICATE_ARN,
            defaultActions: [{ type: "forward", targetGroupArn: one(plan, TG).state.arn }],
        });
        expect(HTTPS_SSL_POLICY).toMatch(/TLS13-1-2/);
        const http = listeners.find((l) => l.inputs.port === 80)!;
        expect(http.inputs.defaultActions).toEqual([
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
    });

    it("puts a regional web ACL on the load balancer: per-IP rate limit, then the managed Common, KnownBadInputs and SQLi groups", () => {
        const acl = one(plan, ACL, "use1-web-acl");
        expect(acl.inputs).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} } });
        const rules = acl.inputs.rules as AclRule[];
        expect(rules[0]).toMatchObject({
            action: { block: {} },
            statement: { rateBasedStatement: { limit: 500, aggregateKeyType: "IP" } },
        });
        expect(rules.slice(1).map((r) => r.statement.managedRuleGroupStatement)).toEqual(
            ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet"].map((name) => ({
                vendorName: "AWS",
                name,
            })),
        );
        for (const r of rules.slice(1)) expect([r.name, r.overrideAction]).toEqual([r.name, { none: {} }]);
        expect(rules.map((r) => r.priority)).toEqual([...new Set(rules.map((r) => r.priority))].sort((a, b) => a - b));
        expect(one(plan, "aws:wafv2/webAclAssociation:WebAclAssociation").inputs).toEqual({
            resourceArn: alb().state.arn,
            webAclArn: acl.state.arn,
        });
    });

    it("publishes CloudWatch metrics and sampled requests for the ACL and every rule (WAF.10 / WAF.12)", () => {
        const acl = one(plan, ACL, "use1-web-acl").inputs;
        const configs = [
            acl.visibilityConfig,
            ...(acl.rules as Array<{ visibilityConfig: unknown }>).map((r) => r.visibilityConfig),
        ] as Array<Record<string, unknown>>;
        expect(configs).toHaveLength(1 + 1 + MANAGED_RULE_GROUPS.length);
        for (const v of configs)
            expect(v).toMatchObject({
                cloudwatchMetricsEnabled: true,
                sampledRequestsEnabled: true,
                metricName: expect.stringMatching(/^tap-dev-use1-[A-Za-z0-9-]+$/),
            });
        expect(new Set(configs.map((v) => v.metricName)).size).toBe(configs.length);
    });

    it("logs the ACL's verdicts to an aws-waf-logs- group with retention and the stack key, credentials redacted", () => {
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "use1-waf-logs");
        expect(group.inputs).toMatchObject({ name: "aws-waf-logs-tap-dev-use1", retentionInDays: 90, kmsKeyId: standIns.kmsKeyArn });
        expect(one(plan, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "use1-web-acl-logging").inputs).toEqual({
            resourceArn: one(plan, ACL, "use1-web-acl").state.arn,
            logDestinationConfigs: [group.state.arn],
            redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
        });
    });
});

describe("WebTier in the dev stack with every tier on (what it is given, what Compute does for it)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(ALL_TIERS, "dev");
    });
    const alb = () => one(plan, LB);

    it("puts the load balancer in the stack's public subnets, and lets the app group in from the load balancer's group only", () => {
        const subnets = (alb().inputs.subnets as string[]).map((id) => byRef(plan, id));
        expect(subnets.map((s) => (s.inputs.tags as Record<string, string>).Tier)).toEqual(["public", "public"]);
        const ingress = rulesOf(plan, one(plan, SG, "app-sg"), INGRESS);
        expect(ingress.map((r) => r.inputs)).toEqual([
            expect.objectContaining({
                ipProtocol: "tcp",
                fromPort: 8080,
                toPort: 8080,
                referencedSecurityGroupId: one(plan, SG, "alb-sg").id,
            }),
        ]);
    });

    it("encrypts the WAF log group with the stack key", () => {
        expect(one(plan, "aws:cloudwatch/logGroup:LogGroup", "use1-waf-logs").inputs.kmsKeyId).toBe(one(plan, "aws:kms/key:Key").state.arn);
    });

    it("health-checks the app port at the path the instances serve, and attaches the Compute group to the target group", () => {
        const tg = one(plan, TG);
        expect(tg.inputs).toMatchObject({
            name: "tap-dev-use1-app-8080",
            protocol: "HTTP",
            port: 8080,
            targetType: "instance",
            vpcId: one(plan, "aws:ec2/vpc:Vpc").id,
        });
        expect(tg.inputs.healthCheck).toMatchObject({
            enabled: true,
            protocol: "HTTP",
            port: "traffic-port",
            path: HEALTH_CHECK_PATH,
            matcher: "200",
        });
        expect(one(plan, "aws:autoscaling/attachment:Attachment").inputs).toEqual({
            autoscalingGroupName: one(plan, ASG).state.name,
            lbTargetGroupArn: tg.state.arn,
        });
        expect(userDataOf(plan)).toContain(nginxConfig({ port: 8080, path: HEALTH_CHECK_PATH }));
        expect(nginxConfig({ port: 8080, path: HEALTH_CHECK_PATH })).toMatch(
            /listen 8080 default_server;[\s\S]*location = \/health \{[\s\S]*return 200/,
        );
    });

    it("replaces instances that fail the load balancer's health check, once their bootstrap has had 15 minutes", () => {
        expect(one(plan, ASG).inputs).toMatchObject({ healthCheckType: "ELB", healthCheckGracePeriod: 900 });
    });

    it("protects new instances from scale-in (seed 001, #9), yet still refreshes them and can delete the group", () => {
        const asg = one(plan, ASG).inputs;
        expect(asg.protectFromScaleIn).toBe(true);
        expect(asg.instanceRefresh).toMatchObject({ preferences: { scaleInProtectedInstances: "Refresh" } });
        expect(asg.forceDelete).toBe(true);
    });

    it("exports the load balancer and the ACL, and lists the log bucket among the stack's buckets", () => {
        expect(plan.outputs).toMatchObject({
            albDnsName: alb().state.dnsName,
            albArn: alb().state.arn,
            webAclArn: one(plan, ACL, "use1-web-acl").state.arn,
        });
        expect(plan.outputs.bucketNames).toContain(one(plan, BUCKET, "alb-logs").id);
    });
});

/** A WebTier's settings: dev's defaults, without plain HTTP accepted or buckets force-destroyed (`extra` on top). */
const unitSettings = (extra: Partial<WebTierSettings> = {}): WebTierSettings => ({
    ...defaultSettings(WEB_TIER_SETTINGS, "dev"),
    allowPlainHttp: false,
    forceDestroyBuckets: false,
    ...extra,
});

/** Just a WebTier with those settings (and the access-log bucket it needs) in `region`, `settings` on top: a fraction of a whole stack. */
function planWebTierAlone(region: string, settings: Partial<WebTierSettings> = {}): Promise<Plan> {
    return runOnMocks(
        () => {
            const provider = new aws.Provider(`aws-${region}`, { region: region as aws.Region });
            const accessLogsBucket = new SecureBucket("unit-access-logs", {
                bucketName: "unit-access-logs-123456789012",
                acceptsAccessLogsFrom: { accountId: MOCK_ACCOUNT_ID, bucketArnLike: "arn:aws:s3:::unit-*" },
                provider,
            });
            const web = new WebTier("unit-web", {
                namePrefix: "unit",
                region,
                vpcId: "vpc-1",
                publicSubnetIds: ["subnet-1", "subnet-2"],
                appSecurityGroupId: "sg-app",
                autoScalingGroupName: "unit-app",
                accessLogsBucket,
                kmsKeyArn: "arn:aws:kms:region:123456789012:key/k",
                settings: unitSettings({ logRetentionDays: 90, auditLogExpirationDays: 365, ...settings }),
                provider,
            });
            return { albArn: web.loadBalancer.arn };
        },
        { stack: "unit" },
    );
}

describe("WebTier defaults, in a region opened after August 2022 (ap-southeast-4)", () => {
    let plan: Plan;
    // The mocks fail aws.elb.getServiceAccount there, as the provider does: this plan passing proves it is not called.
    beforeAll(async () => {
        plan = await planWebTierAlone("ap-southeast-4");
    });

    it("without a certificate serves HTTP on 80 only, forwarding to the app, and opens no other port (seed 001, #8)", () => {
        const listeners = ofType(plan, LISTENER);
        expect(listeners.map((l) => [l.inputs.port, l.inputs.protocol, l.inputs.defaultActions])).toEqual([
            [80, "HTTP", [{ type: "forward", targetGroupArn: one(plan, TG).state.arn }]],
        ]);
        const ingress = securityGroupRules(plan).filter((r) => r.direction === "ingress" && r.cidrs.length > 0);
        expect(ingress.map((r) => [r.from, r.fromPort, r.toPort, r.cidrs])).toEqual([
            ["unit-alb-ingress-80-0-0-0-0-0", 80, 80, ["0.0.0.0/0"]],
        ]);
        expect(portsOf(securityGroupRules(plan).filter((r) => r.direction === "ingress"))).toEqual([80]);
    });

    it("lets the service principal logdelivery.elasticloadbalancing.amazonaws.com write the access logs", () => {
        const bucket = one(plan, BUCKET, "alb-logs");
        expect(bucketProtections(plan, bucket).statements.filter((s) => s.Effect === "Allow")).toEqual([
            {
                Sid: "AlbAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: ELB_LOG_DELIVERY_SERVICE },
                Action: "s3:PutObject",
                Resource: `${String(bucket.state.arn)}/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
            },
        ]);
    });

    it("defaults: no deletion protection, no bucket force-destroy, port 80, 2000 requests per IP", () => {
        expect(one(plan, LB).inputs.enableDeletionProtection).toBe(false);
        expect(one(plan, BUCKET, "alb-logs").inputs.forceDestroy).toBe(false);
        expect(one(plan, TG).inputs.port).toBe(80);
        expect((one(plan, ACL).inputs.rules as AclRule[])[0].statement.rateBasedStatement?.limit).toBe(2000);
    });
});

describe("ALB log writers per region", () => {
    it("uses the service principal in every commercial region, old or new (Access Analyzer: no other account), the ELB account in GovCloud only", () => {
        const regions = Object.keys(ELB_LOG_DELIVERY_ACCOUNTS);
        expect(regions.filter((r) => albLogWriter(r).kind === "elb-account")).toEqual(["us-gov-east-1", "us-gov-west-1"]);
        for (const region of [
            ...regions.filter((r) => !r.startsWith("us-gov-")),
            "ap-southeast-4",
            "eu-central-2",
            "il-central-1",
            "ca-west-1",
            "mx-central-1",
        ]) {
            expect([region, albLogWriter(region)]).toEqual([
                region,
                { kind: "log-delivery-service", service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            ]);
        }
    });

    it("knows only real region codes, with 12-digit accounts", () => {
        for (const [region, account] of Object.entries(ELB_LOG_DELIVERY_ACCOUNTS)) {
            expect([region, AWS_REGIONS.includes(region), /^\d{12}$/.test(account)]).toEqual([region, true, true]);
        }
    });

    it("refuses to build the account statement without the account", () => {
        expect(() => albLogDeliveryStatement({ kind: "elb-account" }, "arn:aws:s3:::b", MOCK_ACCOUNT_ID)).toThrow(
            /ELB account's ARN is required/,
        );
    });
});

describe("web ACL rules", () => {
    it("blocks above the configured rate and keeps each metric name unique per stack", () => {
        const rules = webAclRules("tap-x-use1", 10);
        expect(rules.map((r) => r.name)).toEqual(["rate-limit-per-ip", ...MANAGED_RULE_GROUPS]);
        expect(rules[0].statement).toEqual({ rateBasedStatement: { limit: 10, aggregateKeyType: "IP", evaluationWindowSec: 300 } });
    });
});

describe("WebTier arguments", () => {
    const args = (extra: Partial<WebTierArgs>, settings: Partial<WebTierSettings> = {}): WebTierArgs => ({
        namePrefix: "tap-dev-use1",
        region: "us-east-1",
        vpcId: "vpc-1",
        publicSubnetIds: ["subnet-1"],
        appSecurityGroupId: "sg-1",
        autoScalingGroupName: "asg",
        accessLogsBucket: {} as SecureBucket,
        kmsKeyArn: "arn",
        settings: unitSettings({ logRetentionDays: 90, auditLogExpirationDays: 365, ...settings }),
        provider: {} as aws.Provider,
        ...extra,
    });

    it.each<[Partial<WebTierArgs>, Partial<WebTierSettings>, RegExp]>([
        [{}, { appPort: 0 }, /appPort must be a port number/],
        [{}, { allowedIngressCidrs: [] }, /allowedIngressCidrs is empty/],
        [{}, { wafRateLimit: 9 }, /wafRateLimit must be a whole number from 10/],
        [
            { namePrefix: "tap-abcdefghijklmnop-euscdee1" },
            {},
            /ELB name tap-abcdefghijklmnop-euscdee1-alb is longer than ELB's 32 characters/,
        ],
        [{ namePrefix: "tap-abcdefghijklmnop-use1" }, { appPort: 8080 }, /ELB name tap-abcdefghijklmnop-use1-app-8080 is longer/],
        [{ instanceId: "i-0123456789abcdef0" }, {}, /give exactly one of autoScalingGroupName and instanceId/],
        [{ autoScalingGroupName: undefined }, {}, /give exactly one of autoScalingGroupName and instanceId/],
    ])("refuses %j %j before creating anything", (extra, settings, message) => {
        expect(() => new WebTier("web", args(extra, settings))).toThrow(message);
    });
});

describe("TLS from the stack's own domain (tap:domainName + tap:hostedZoneId; the single-instance plan)", () => {
    const ZONE = HOSTED_ZONE_ID;
    let plan: Plan;
    // The single-instance plan: its web tier has no tap:certificateArn, only the domain.
    beforeAll(async () => {
        plan = await planTap(INSTANCE_CONFIG, "dev");
    });

    it("requests a DNS-validated certificate, writes its one validation record up front, and the HTTPS listener waits for validation", () => {
        const cert = one(plan, "aws:acm/certificate:Certificate");
        expect(cert.inputs).toMatchObject({ domainName: "app.example.com", validationMethod: "DNS" });
        const record = one(plan, "aws:route53/record:Record", "-cert-validation-0");
        const option = (cert.state.domainValidationOptions as Array<Record<string, string>>)[0];
        expect(record.inputs).toMatchObject({
            zoneId: ZONE,
            name: option.resourceRecordName,
            type: "CNAME",
            records: [option.resourceRecordValue],
        });
        const validation = one(plan, "aws:acm/certificateValidation:CertificateValidation");
        expect(validation.inputs).toEqual(
            expect.objectContaining({ certificateArn: cert.state.arn, validationRecordFqdns: [record.state.fqdn] }),
        );
        const https = ofType(plan, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS")!;
        expect(https.inputs.certificateArn).toBe(validation.state.certificateArn);
    });

    it("points the domain at the load balancer with an alias record", () => {
        const lb = one(plan, "aws:lb/loadBalancer:LoadBalancer");
        expect(one(plan, "aws:route53/record:Record", "-alb-alias").inputs).toEqual(
            expect.objectContaining({
                zoneId: ZONE,
                name: "app.example.com",
                type: "A",
                aliases: [{ name: lb.state.dnsName, zoneId: lb.state.zoneId, evaluateTargetHealth: true }],
            }),
        );
        expect(lb.inputs.tags).not.toHaveProperty("PlainHttpAcceptedBy");
    });
});

describe("a web tier without TLS", () => {
    it("passes the pack only with allowPlainHttp (tap:allowPlainHttp), which tags the load balancer; without it, elb-https-listener fails", async () => {
        const accepted = await planWebTierAlone("us-east-1", { allowPlainHttp: true });
        expect(one(accepted, "aws:lb/loadBalancer:LoadBalancer").inputs.tags).toMatchObject({ PlainHttpAcceptedBy: "tap:allowPlainHttp" });
        expect(evaluatePolicies(accepted).results.find((r) => r.policy === "elb-https-listener")).toMatchObject({ status: "pass" });
        const refused = await planWebTierAlone("us-east-1");
        expect(one(refused, "aws:lb/loadBalancer:LoadBalancer").inputs.tags).not.toHaveProperty("PlainHttpAcceptedBy");
        expect(evaluatePolicies(refused).results.find((r) => r.policy === "elb-https-listener")).toMatchObject({
            status: "fail",
            violations: [
                expect.objectContaining({ message: expect.stringMatching(/^no HTTPS listener/) }),
                expect.objectContaining({ message: expect.stringMatching(/forwards instead of redirecting/) }),
            ],
        });
    });
});
