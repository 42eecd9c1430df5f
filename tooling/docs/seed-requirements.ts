/**
 * Every requirement of the four seed deployments (../shared/seeds: the failure analyses tap learned
 * from), with where tap meets it and a query over a plan that proves it, so the list in
 * docs/design.md cannot drift: `npm run docs` writes it from this table, and
 * test/stack-files/seed-requirements.spec.ts runs every proof on the plans of the stack files and
 * checks that every numbered section of every seed document has a row. A requirement tap meets
 * another way says so, and why. There is no "missing" status: a requirement tap does not meet fails
 * its proof.
 */
import { Buffer } from "node:buffer";
import type { Plan, PlannedResource } from "../mock-runtime/harness";

export type SeedId = "000" | "001" | "002" | "004";

/** The plans a proof may read: the stack files as they are, and prod widened to every seed row. */
export interface SeedPlans {
    /** Pulumi.dev.yaml. */
    readonly dev: Plan;
    /** Pulumi.prod.yaml. */
    readonly prod: Plan;
    /** Pulumi.prod.yaml with WIDE_OVERRIDES: two regions, the data tier in both, tags, the CDN, keyless CI. */
    readonly wide: Plan;
    /** The project's files (package.json, tests), by path from the root. */
    readonly file: (path: string) => string | undefined;
}

export interface SeedRequirement {
    readonly seed: SeedId;
    /** The numbered section's title in the seed document, as written there (without its number). */
    readonly section: string;
    /** What the seed asks, in a line. */
    readonly asks: string;
    readonly status: "met" | "met differently";
    /** Where tap meets it: config keys, components, policies, checks. */
    readonly where: string;
    /** Why tap meets it another way (required with "met differently"). */
    readonly why?: string;
    /** True when the plans show it; otherwise what is missing. */
    readonly proof: (p: SeedPlans) => true | string;
}

/** What the `wide` plan adds to Pulumi.prod.yaml. */
export const WIDE_OVERRIDES: Readonly<Record<string, string>> = {
    "tap:regions": '["us-east-1","us-west-2"]',
    "tap:dataTierInEveryRegion": "true",
    "tap:extraTags": '{"Compliance":"PCI-DSS","Application":"FinancialApp","Purpose":"WebServer","Backup":"Required"}',
    "tap:enableCdn": "true",
    "tap:cdnCertificateArn": "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000",
    "tap:cdnAliases": '["static.example.com"]',
    "tap:enableAccess": "true",
    "tap:githubRepository": "acme/tap",
};

// ---- Plan queries --------------------------------------------------------------------------------

type Props = Record<string, unknown>;
const of = (plan: Plan, type: string): PlannedResource[] => plan.resources.filter((r) => r.type === type);
const named = (plan: Plan, type: string, suffix: string) => of(plan, type).filter((r) => r.name.endsWith(suffix));
const inp = (r: PlannedResource): Props => r.inputs as Props;
const at = (value: unknown, ...path: Array<string | number>): unknown =>
    path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined), value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const statements = (doc: unknown): Props[] => list(at(JSON.parse(String(doc)), "Statement")) as Props[];
/** `ok` or the reason it is not. */
const holds = (ok: boolean, otherwise: string): true | string => ok || otherwise;
/** Every condition holds, or the first that does not. */
const all = (...results: Array<true | string>): true | string => results.find((r) => r !== true) ?? true;
const nonEmpty = (items: readonly unknown[], what: string): true | string => holds(items.length > 0, `no ${what} in the plan`);

const T = {
    trail: "aws:cloudtrail/trail:Trail",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    logging: "aws:s3/bucketLogging:BucketLogging",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    asg: "aws:autoscaling/group:Group",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    profile: "aws:iam/instanceProfile:InstanceProfile",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    flowLog: "aws:ec2/flowLog:FlowLog",
    nat: "aws:ec2/natGateway:NatGateway",
    route: "aws:ec2/route:Route",
    subnet: "aws:ec2/subnet:Subnet",
    vpc: "aws:ec2/vpc:Vpc",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    waf: "aws:wafv2/webAcl:WebAcl",
    db: "aws:rds/instance:Instance",
    params: "aws:rds/parameterGroup:ParameterGroup",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    filter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    topic: "aws:sns/topic:Topic",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    recorder: "aws:cfg/recorder:Recorder",
    channel: "aws:cfg/deliveryChannel:DeliveryChannel",
    recorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
    configRule: "aws:cfg/rule:Rule",
    detector: "aws:guardduty/detector:Detector",
    detectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
    selection: "aws:backup/selection:Selection",
    provider: "pulumi:providers:aws",
    passwordPolicy: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    distribution: "aws:cloudfront/distribution:Distribution",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    user: "aws:iam/user:User",
    accessKey: "aws:iam/accessKey:AccessKey",
    group: "aws:iam/group:Group",
} as const;

const appSg = (p: Plan) => named(p, T.sg, "-app-sg")[0];
const albSg = (p: Plan) => named(p, T.sg, "-alb-sg")[0];
const dbSg = (p: Plan) => named(p, T.sg, "-db-sg")[0];
const rulesOf = (p: Plan, type: string, group: PlannedResource | undefined) => (group ? of(p, type).filter((r) => inp(r).securityGroupId === group.id) : []);
const userData = (p: Plan) => of(p, T.lt).map((lt) => Buffer.from(String(inp(lt).userData), "base64").toString("utf8")).join("\n");
const appRole = (p: Plan) => named(p, T.role, "-app-role")[0];
const grantsOf = (p: Plan, role: PlannedResource | undefined) => (role ? of(p, T.rolePolicy).filter((g) => inp(g).role === role.id || inp(g).role === role.state.name) : []);
const defaultTags = (p: Plan) => of(p, T.provider).map((r) => at(JSON.parse(String(inp(r).defaultTags)), "tags") as Record<string, string>);
const bucketsWith = (p: Plan, type: string) => of(p, T.bucket).filter((b) => of(p, type).some((side) => inp(side).bucket === b.id));
const appDataBuckets = (p: Plan) => of(p, T.bucket).filter((b) => at(inp(b), "tags", "DataStore") === "app");
const policyOfBucket = (p: Plan, b: PlannedResource) => of(p, T.bucketPolicy).filter((x) => inp(x).bucket === b.id).flatMap((x) => statements(inp(x).policy));
const everyBucketHas = (p: Plan, type: string, what: string) => {
    const missing = of(p, T.bucket).filter((b) => !bucketsWith(p, type).includes(b));
    return all(nonEmpty(of(p, T.bucket), "bucket"), holds(missing.length === 0, `${missing.map((b) => b.name).join(", ")} without ${what}`));
};
const keyRefs = (p: Plan) => new Set(of(p, T.key).map((k) => k.state.arn));
const encryptedWithStackKey = (p: Plan, type: string, prop: string) => {
    const items = of(p, type);
    const off = items.filter((r) => !keyRefs(p).has(at(inp(r), ...prop.split(".")) as string));
    return all(nonEmpty(items, type), holds(off.length === 0, `${off.map((r) => r.name).join(", ")}: ${prop} is not a stack key`));
};

// ---- The requirements -----------------------------------------------------------------------------

export const SEED_REQUIREMENTS: readonly SeedRequirement[] = [
    // Seed 000 (Pulumi TypeScript, one region)
    {
        seed: "000", section: "CloudTrail S3 Data Resource ARN Format Error - Deployment Breaking Bug",
        asks: "data event selectors only in a form CloudTrail accepts (not `arn:aws:s3:::*/`)", status: "met",
        where: "lib/monitoring/data-events.ts; pack `cloudtrail-s3-data-event-selectors`",
        proof: ({ wide }) => {
            const values = of(wide, T.trail).flatMap((t) => list(inp(t).eventSelectors).flatMap((s) => list(at(s, "dataResources")).flatMap((d) => list(at(d, "values")))));
            return all(nonEmpty(values, "data event selector value"), holds(values.every((v) => /^arn:aws:s3(:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*)?$/.test(String(v))), `refused values: ${values.join(", ")}`));
        },
    },
    {
        seed: "000", section: "AWS Config Recorder Limit Exceeded - Resource Conflict",
        asks: "reuse an existing recorder; its name configurable", status: "met",
        where: "`tap:createConfigRecorder`, `tap:configRecorderName` (lib/monitoring/config-recording.ts)",
        proof: ({ prod }) => holds(of(prod, T.recorder).some((r) => inp(r).name === "tap-prod-recorder"), "the recorder is not named by tap:configRecorderName"),
    },
    {
        seed: "000", section: "Multi-Region CloudTrail Conflicts",
        asks: "a single-region trail where the account already has a multi-region one", status: "met differently",
        where: "`tap:cloudTrailMultiRegion` (false in Pulumi.dev.yaml), `tap:cloudTrailCoveredBy`; pack `cloudtrail-multi-region`",
        why: "multi-region is the default (CIS 3.1 / CloudTrail.1); single-region is a switch for accounts another trail covers, and forced back on with two regions",
        proof: ({ dev, prod }) => all(
            holds(of(dev, T.trail).every((t) => inp(t).isMultiRegionTrail === false), "dev's trail is not single-region"),
            holds(of(prod, T.trail).every((t) => inp(t).isMultiRegionTrail === true), "prod's trail is not multi-region"),
        ),
    },
    {
        seed: "000", section: "Project Structure and Modular Design Issues",
        asks: "`lib/` components and `test/tap-stack.unit.test.ts`, `test/tap-stack.int.test.ts`", status: "met",
        where: "lib/ (TapStack, RegionalStack and a component per concern); test/tap-stack.unit.test.ts, test/tap-stack.int.test.ts (aliases)",
        proof: ({ prod, file }) => all(
            holds(of(prod, "tap:index:TapStack").length === 1 && of(prod, "tap:index:RegionalStack").length === 1, "no TapStack/RegionalStack component"),
            holds(file("test/tap-stack.unit.test.ts") !== undefined && file("test/tap-stack.int.test.ts") !== undefined, "the seed's test files are missing"),
        ),
    },
    {
        seed: "000", section: "Missing Security Monitoring Infrastructure - Critical Security Gap",
        asks: "CloudTrail, GuardDuty, AWS Config, VPC flow logs; the trail's ARN and detector id exported", status: "met",
        where: "Monitoring (AuditTrail, ConfigRecording), Detection (ThreatDetection), VpcNetwork; outputs `cloudTrailArn`, `guardDutyDetectorId`",
        proof: ({ prod }) => all(
            ...[T.trail, T.detector, T.recorder, T.flowLog].map((t) => nonEmpty(of(prod, t), t)),
            holds(typeof prod.outputs.cloudTrailArn === "string" && typeof prod.outputs.guardDutyDetectorId === "string", "outputs cloudTrailArn/guardDutyDetectorId missing"),
        ),
    },
    {
        seed: "000", section: "TypeScript and Build Configuration Issues",
        asks: "`build`, `test`, `test:unit`, `test:integration` scripts", status: "met",
        where: "package.json (`build`: tsc, `test:unit`: jest, `test:integration`: the `*.int.test.ts` files)",
        proof: ({ file }) => {
            const scripts = (JSON.parse(file("package.json") ?? "{}") as { scripts?: Record<string, string> }).scripts ?? {};
            return holds(["build", "test", "test:unit", "test:integration"].every((s) => typeof scripts[s] === "string"), "a seed script is missing from package.json");
        },
    },
    {
        seed: "000", section: "Security Group Egress Rules - Overly Permissive",
        asks: "app egress on 443, 80, DNS 53 and NTP 123 only, never all traffic", status: "met",
        where: "lib/compute/compute.ts `appEgressRules` (DNS to the VPC resolver, NTP to the Time Sync Service); pack `ec2-egress-scoped`",
        proof: ({ prod }) => {
            const rules = rulesOf(prod, T.egress, appSg(prod));
            return all(nonEmpty(rules, "app egress rule"), holds(rules.every((r) => [443, 80, 53, 123, 5432].includes(Number(inp(r).fromPort)) && inp(r).ipProtocol !== "-1"), "an app egress rule opens another port"));
        },
    },
    {
        seed: "000", section: "SSH Key Pair Creation - Security Risk",
        asks: "no SSH key pair; SSM through an instance role", status: "met",
        where: "lib/compute/compute.ts (no keyName), GlobalBaseline's app role with AmazonSSMManagedInstanceCore; pack `ec2-no-key-pairs`",
        proof: ({ prod }) => all(
            holds(of(prod, "aws:ec2/keyPair:KeyPair").length === 0 && of(prod, T.lt).every((lt) => inp(lt).keyName === undefined), "a key pair is planned"),
            holds(of(prod, T.attachment).some((a) => String(inp(a).policyArn).endsWith("AmazonSSMManagedInstanceCore")), "no AmazonSSMManagedInstanceCore attachment"),
        ),
    },
    {
        seed: "000", section: "Missing IAM Roles and Instance Profiles",
        asks: "an instance role and instance profile", status: "met",
        where: "GlobalBaseline (`<prefix>-app-role`, `<prefix>-app-profile`), the launch template's iamInstanceProfile",
        proof: ({ prod }) => {
            const profiles = of(prod, T.profile);
            return all(nonEmpty(profiles, "instance profile"), holds(of(prod, T.lt).every((lt) => profiles.some((pr) => at(inp(lt), "iamInstanceProfile", "arn") === pr.state.arn)), "the launch template names no instance profile of the stack"));
        },
    },
    {
        seed: "000", section: "Inadequate Security Hardening in User Data",
        asks: "sshd hardening (no root, no passwords, MaxAuthTries 3), automatic security updates, fail2ban", status: "met",
        where: "lib/compute/user-data.ts; updates by Patch Manager's window (`tap:enablePatchManager`) or dnf-automatic",
        proof: ({ prod }) => {
            const ud = userData(prod);
            return holds(["PermitRootLogin no", "PasswordAuthentication no", "MaxAuthTries 3", "fail2ban"].every((s) => ud.includes(s)) && of(prod, "aws:ssm/maintenanceWindow:MaintenanceWindow").length > 0,
                "user data lacks an sshd setting or fail2ban, or nothing installs updates");
        },
    },
    {
        seed: "000", section: "Missing IMDSv2 Enforcement",
        asks: "IMDSv2 required, hop limit 1, instance metadata tags", status: "met",
        where: "the launch template's metadataOptions (CIS 5.6 / EC2.8); pack `ec2-imdsv2-required`",
        proof: ({ prod }) => holds(of(prod, T.lt).length > 0 && of(prod, T.lt).every((lt) => at(inp(lt), "metadataOptions", "httpTokens") === "required" && at(inp(lt), "metadataOptions", "httpPutResponseHopLimit") === 1 && at(inp(lt), "metadataOptions", "instanceMetadataTags") === "enabled"), "IMDS options"),
    },
    {
        seed: "000", section: "Incorrect AMI Selection",
        asks: "Amazon Linux 2023", status: "met",
        where: "`AL2023_AMI_PARAMETER`, resolved by EC2 at each launch (`resolve:ssm:`)",
        proof: ({ prod }) => holds(of(prod, T.lt).length > 0 && of(prod, T.lt).every((lt) => /^resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\/al2023-/.test(String(inp(lt).imageId))), "not AL2023"),
    },
    {
        seed: "000", section: "Insufficient EBS Volume Size",
        asks: "a 30 GB encrypted gp3 root volume", status: "met",
        where: "`tap:rootVolumeSizeGiB` (30 in both stack files), encrypted with the stack key (EC2.3)",
        proof: ({ prod }) => holds(of(prod, T.lt).length > 0 && of(prod, T.lt).every((lt) => list(inp(lt).blockDeviceMappings).every((m) => at(m, "ebs", "volumeSize") === 30 && at(m, "ebs", "volumeType") === "gp3" && at(m, "ebs", "encrypted") === "true")), "root volume"),
    },
    {
        seed: "000", section: "Missing Security Monitoring Infrastructure",
        asks: "CloudTrail, GuardDuty, AWS Config in production", status: "met",
        where: "Monitoring and Detection, in every region (the trail in the primary, multi-region)",
        proof: ({ wide }) => holds(of(wide, T.detector).length + of(wide, "aws:guardduty/detectorFeature:DetectorFeature").length > 0 && of(wide, T.recorder).length === 2 && of(wide, T.trail).length === 1, "a region without detection"),
    },
    {
        seed: "000", section: "Missing VPC Flow Logs",
        asks: "flow logs of ALL traffic to CloudWatch Logs", status: "met",
        where: "VpcNetwork (CIS 3.7 / EC2.6); pack `vpc-flow-logs-all-traffic`",
        proof: ({ prod }) => holds(of(prod, T.flowLog).length > 0 && of(prod, T.flowLog).every((f) => inp(f).trafficType === "ALL" && inp(f).logDestinationType === "cloud-watch-logs"), "flow log"),
    },
    {
        seed: "000", section: "Missing NAT Gateway for Private Subnets",
        asks: "private subnets reach the internet through a NAT gateway", status: "met",
        where: "`tap:natGatewayStrategy` (single in dev, one per AZ in prod; `none` with VPC endpoints)",
        proof: ({ prod }) => holds(of(prod, T.nat).length === 3 && of(prod, T.route).filter((r) => inp(r).natGatewayId !== undefined).length === 3, "NAT routes"),
    },
    {
        seed: "000", section: "Inadequate Error Handling and Dependencies",
        asks: "the right dependencies (the instance profile before the instances)", status: "met differently",
        where: "dependencies through references (the launch template takes the profile's ARN) and explicit `dependsOn` where AWS checks a policy first (trail after its bucket policy, load balancer after its log bucket's)",
        why: "a reference orders creation without naming it twice; `dependsOn` only where no input carries the order",
        proof: ({ prod }) => {
            const trail = of(prod, T.trail)[0];
            const policy = named(prod, T.bucketPolicy, "-cloudtrail-policy")[0];
            return holds(trail !== undefined && policy !== undefined && trail.dependsOn.includes(policy.urn), "the trail does not wait for its bucket policy");
        },
    },
    {
        seed: "000", section: "Missing Production-Ready Configuration Management",
        asks: "optional settings with defaults (the environment suffix from the stack)", status: "met",
        where: "lib/config (every key declared once with a default per profile; `tap:environmentSuffix` defaults to the stack name)",
        proof: ({ prod }) => holds(prod.outputs.environmentSuffix === "prod", "environmentSuffix not set"),
    },
    {
        seed: "000", section: "Insufficient Resource Tagging Strategy",
        asks: "Name, Environment, Purpose, ManagedBy and Backup tags", status: "met",
        where: "provider default tags (Environment, Project, ManagedBy, Owner), Name per resource, `tap:extraTags` (Purpose, Backup, ...)",
        proof: ({ wide }) => holds(defaultTags(wide).length === 2 && defaultTags(wide).every((t) => t.Environment === "prod" && t.ManagedBy === "pulumi" && t.Purpose === "WebServer" && t.Backup === "Required"), "default tags"),
    },
    {
        seed: "000", section: "Missing S3 Bucket Security Configurations",
        asks: "public access block, versioning and encryption on every bucket", status: "met",
        where: "SecureBucket (S3.8, S3.14, S3.5, S3.9, S3.12); pack `s3-bucket-*-attached`",
        proof: ({ wide }) => all(everyBucketHas(wide, T.pab, "a public access block"), everyBucketHas(wide, T.versioning, "versioning"), everyBucketHas(wide, T.sse, "default encryption")),
    },

    // Seed 001 (Pulumi TypeScript, web + CDN)
    {
        seed: "001", section: "Security Issue - Missing ALB Access Logs Configuration",
        asks: "ALB access logs", status: "met",
        where: "WebTier's `<prefix>-alb-logs` bucket (ELB.5); pack `elb-access-logs`",
        proof: ({ prod }) => holds(of(prod, T.lb).length > 0 && of(prod, T.lb).every((lb) => at(inp(lb), "accessLogs", "enabled") === true), "access logs"),
    },
    {
        seed: "001", section: "Security Issue - Missing S3 Bucket Encryption",
        asks: "server-side encryption on every bucket", status: "met",
        where: "SecureBucket: SSE-KMS with the stack key, SSE-S3 only where the writer cannot use a customer key",
        proof: ({ wide }) => everyBucketHas(wide, T.sse, "default encryption"),
    },
    {
        seed: "001", section: "Deprecation Issue - Incorrect S3 Versioning Resource",
        asks: "aws.s3.BucketVersioning, not the deprecated ...V2 types", status: "met",
        where: "v7 side resources only; pack `s3-no-deprecated-resources`",
        proof: ({ wide }) => holds(!wide.resources.some((r) => /^aws:s3\/\w+V2:/.test(r.type)), "a deprecated V2 type"),
    },
    {
        seed: "001", section: "Security Issue - Missing CloudFront Logging",
        asks: "CloudFront access logging", status: "met differently",
        where: "StaticSite: CloudFront standard logging v2 to S3 (CloudWatch vended log delivery)",
        why: "legacy logging writes through bucket ACLs, which every bucket here disables (S3.12); v2 delivers by bucket policy",
        proof: ({ wide }) => holds(of(wide, T.distribution).length === 1 && of(wide, "aws:cloudwatch/logDelivery:LogDelivery").length > 0, "no log delivery for the distribution"),
    },
    {
        seed: "001", section: "Security Issue - Missing VPC Flow Logs",
        asks: "VPC flow logs", status: "met",
        where: "VpcNetwork, every region",
        proof: ({ wide }) => holds(of(wide, T.flowLog).length === of(wide, T.vpc).length && of(wide, T.vpc).length === 2, "a VPC without flow logs"),
    },
    {
        seed: "001", section: "Security Issue - Missing CloudTrail",
        asks: "a CloudTrail trail with global service events", status: "met",
        where: "AuditTrail (CIS 3.1, 3.2, 3.5)",
        proof: ({ prod }) => holds(of(prod, T.trail).length === 1 && inp(of(prod, T.trail)[0]).includeGlobalServiceEvents === true && inp(of(prod, T.trail)[0]).enableLogging === true, "trail"),
    },
    {
        seed: "001", section: "Security Issue - Missing ALB Service Account Configuration",
        asks: "let ELB deliver access logs (a table of ELB account ids)", status: "met differently",
        where: "lib/web/alb-log-delivery.ts: the bucket policy admits ELB's log delivery for this account's load balancers",
        why: "no hand-kept account table with a silent fallback (the seed's sent logs of unknown regions to us-east-1's account)",
        proof: ({ prod }) => {
            const bucket = named(prod, T.bucket, "-alb-logs")[0];
            return holds(bucket !== undefined && policyOfBucket(prod, bucket).some((s) => s.Effect === "Allow" && list(s.Action).includes("s3:PutObject")), "no log delivery grant");
        },
    },
    {
        seed: "001", section: "Security Issue - Overprivileged Security Groups",
        asks: "open only the ports the load balancer listens on", status: "met",
        where: "WebTier: ingress per listener port and configured range (seed 001 #8); prod listens on 443 only",
        proof: ({ prod }) => {
            const ports = new Set(of(prod, T.listener).map((l) => Number(inp(l).port)));
            const rules = rulesOf(prod, T.ingress, albSg(prod));
            return all(nonEmpty(rules, "load balancer ingress rule"), holds(rules.every((r) => ports.has(Number(inp(r).fromPort))), "a port open without a listener"));
        },
    },
    {
        seed: "001", section: "Missing Feature - Auto Scaling Group Protection",
        asks: "scale-in protection", status: "met",
        where: "`tap:protectFromScaleIn` (true in Pulumi.prod.yaml)",
        proof: ({ prod }) => holds(of(prod, T.asg).every((g) => inp(g).protectFromScaleIn === true) && of(prod, T.asg).length > 0, "not protected"),
    },
    {
        seed: "001", section: "Build Failure - Pulumi Output Handling",
        asks: "outputs interpolated with pulumi.interpolate, never template literals", status: "met",
        where: "every string built from outputs goes through pulumi.interpolate or apply",
        proof: ({ wide }) => holds(!JSON.stringify(wide.resources.map((r) => r.inputs)).includes("Calling [toString] on an [Output<T>]"), "an input holds Pulumi's toString warning"),
    },
    {
        seed: "001", section: "Build Failure - Variable Scope Issues",
        asks: "outputs from resources kept as component properties", status: "met",
        where: "components expose their resources (`monitoring.auditTrail.bucket`); TapStack's outputs read them",
        proof: ({ prod }) => holds(typeof prod.outputs.cloudTrailBucketName === "string" && String(prod.outputs.cloudTrailBucketName).includes("-cloudtrail-"), "cloudTrailBucketName"),
    },
    {
        seed: "001", section: "Security Issue - Missing KMS Key Management Permissions",
        asks: "the key policy keeps the account root's kms:*", status: "met",
        where: "lib/security/key-policy.ts (the root statement, then each service's grant; prod denies deletion to all but break glass)",
        proof: ({ prod }) => holds(of(prod, T.key).every((k) => statements(inp(k).policy).some((s) => s.Effect === "Allow" && s.Action === "kms:*")), "no root kms:* statement"),
    },
    {
        seed: "001", section: "Deployment Failure - S3 ACL Configuration",
        asks: "no bucket ACLs", status: "met",
        where: "SecureBucket: BucketOwnerEnforced, grants in policies only (S3.12); pack `s3-no-acls`",
        proof: ({ wide }) => all(holds(of(wide, "aws:s3/bucketAcl:BucketAcl").length === 0, "a BucketAcl"), everyBucketHas(wide, T.ownership, "ownership controls")),
    },
    {
        seed: "001", section: "Security Issue - Missing RDS Password Management",
        asks: "RDS-managed master password", status: "met",
        where: "Database: `manageMasterUserPassword`, the secret encrypted with the stack key",
        proof: ({ wide }) => holds(of(wide, T.db).length === 2 && of(wide, T.db).every((d) => inp(d).manageMasterUserPassword === true && inp(d).password === undefined), "password"),
    },
    {
        seed: "001", section: "Compliance Issue - CloudTrail Multi-Region Configuration",
        asks: "a single-region trail", status: "met differently",
        where: "`tap:cloudTrailMultiRegion` (false in Pulumi.dev.yaml), `tap:cloudTrailCoveredBy`",
        why: "CIS 3.1 asks for a multi-region trail; single-region only where another trail covers the account (seed 000's reason)",
        proof: ({ dev }) => holds(of(dev, T.trail).every((t) => inp(t).isMultiRegionTrail === false), "dev's trail is multi-region"),
    },

    // Seed 002 (Terraform, financial application)
    {
        seed: "002", section: "Single File Requirement Misinterpretation",
        asks: "provider configuration (default tags) apart from the resources", status: "met differently",
        where: "TapStack creates one explicit provider per region with the default tags; components take it",
        why: "a Pulumi program has no provider.tf: the providers are resources of TapStack, the components receive them",
        proof: ({ wide }) => holds(of(wide, T.provider).length === 2, "not a provider per region"),
    },
    {
        seed: "002", section: "Deletion Protection",
        asks: "no deletion protection, so tests tear down cleanly", status: "met differently",
        where: "dev: `tap:deletionProtection`, `tap:protectStatefulResources`, `tap:forceDestroyBuckets` off (Pulumi.dev.yaml); prod guarded",
        why: "a disposable dev tears down as the seed asks; prod keeps its data (docs/teardown.md)",
        proof: ({ dev, prod }) => all(
            holds(dev.resources.filter((r) => r.custom).every((r) => r.protect !== true) && of(dev, T.bucket).every((b) => inp(b).forceDestroy === true), "dev protects something"),
            holds(of(prod, T.db).every((d) => inp(d).deletionProtection === true), "prod's database unguarded"),
        ),
    },
    {
        seed: "002", section: "Incomplete Security Groups",
        asks: "ALB: HTTPS only from approved ranges; app only from the ALB; database only from the app, no outbound", status: "met",
        where: "WebTier (443 only with `tap:redirectHttpToHttps` false, `tap:allowedIngressCidrs`), Compute, Database",
        proof: ({ prod }) => {
            const alb = rulesOf(prod, T.ingress, albSg(prod));
            const app = rulesOf(prod, T.ingress, appSg(prod));
            const db = rulesOf(prod, T.ingress, dbSg(prod));
            return all(
                holds(alb.length > 0 && alb.every((r) => inp(r).fromPort === 443 && inp(r).cidrIpv4 !== "0.0.0.0/0"), "the load balancer admits more than 443 from the ranges"),
                holds(app.length === 1 && inp(app[0]).referencedSecurityGroupId === albSg(prod)?.id, "the app admits more than the load balancer"),
                holds(db.length === 1 && inp(db[0]).referencedSecurityGroupId === appSg(prod)?.id && rulesOf(prod, T.egress, dbSg(prod)).length === 0, "the database admits more than the app, or has egress"),
            );
        },
    },
    {
        seed: "002", section: "Missing KMS Encryption",
        asks: "a customer key with rotation and an alias, encrypting S3, RDS, EBS, CloudWatch Logs, SNS and Secrets Manager", status: "met differently",
        where: "SecurityBaseline: a key per region (rotation, `alias/<prefix>`); every bucket, database, volume, log group, topic and the master secret use it",
        why: "one key per region, not one key: KMS keys are regional (seed 004 #4)",
        proof: ({ wide }) => all(
            holds(of(wide, T.key).length === 2 && of(wide, T.key).every((k) => inp(k).enableKeyRotation === true) && of(wide, T.alias).length === 2, "keys, rotation or aliases"),
            encryptedWithStackKey(wide, T.db, "kmsKeyId"), encryptedWithStackKey(wide, T.db, "masterUserSecretKmsKeyId"),
            encryptedWithStackKey(wide, T.logGroup, "kmsKeyId"), encryptedWithStackKey(wide, T.topic, "kmsMasterKeyId"),
            holds(of(wide, T.lt).every((lt) => list(inp(lt).blockDeviceMappings).every((m) => keyRefs(wide).has(at(m, "ebs", "kmsKeyId") as string))), "volumes"),
        ),
    },
    {
        seed: "002", section: "Incomplete CloudTrail Configuration",
        asks: "multi-region, log file validation, KMS, data events for S3 objects", status: "met",
        where: "AuditTrail; the app data bucket's object events (CIS 3.8/3.9) and `tap:cloudTrailDataEventBuckets`",
        proof: ({ prod }) => {
            const t = of(prod, T.trail)[0];
            return holds(t !== undefined && inp(t).isMultiRegionTrail === true && inp(t).enableLogFileValidation === true && keyRefs(prod).has(inp(t).kmsKeyId as string)
                && JSON.stringify(inp(t).eventSelectors).includes("AWS::S3::Object"), "trail settings or S3 data events");
        },
    },
    {
        seed: "002", section: "Incomplete CloudTrail Configuration",
        asks: "data events for RDS", status: "met differently",
        where: "the database's `postgresql` log export with connection logging (RDS.9), GuardDuty RDS Protection (login events)",
        why: "CloudTrail's RDS data events cover the Aurora Data API only; tap's PostgreSQL instance logs connections in its own log instead",
        proof: ({ prod }) => all(
            holds(of(prod, T.db).every((d) => list(inp(d).enabledCloudwatchLogsExports).includes("postgresql")), "no postgresql log export"),
            holds(of(prod, T.params).some((pg) => JSON.stringify(inp(pg).parameters).includes("log_connections")), "no connection logging"),
            holds(of(prod, T.detectorFeature).some((f) => inp(f).name === "RDS_LOGIN_EVENTS" && inp(f).status === "ENABLED") || JSON.stringify(prod.outputs.regions).includes("RDS_LOGIN_EVENTS\":\"ENABLED"), "no GuardDuty RDS Protection"),
        ),
    },
    {
        seed: "002", section: "Weak WAF Configuration",
        asks: "core, known-bad-inputs and SQLi managed rule sets and a 2000/5 min per-IP rate limit, with metrics", status: "met",
        where: "lib/web/web-acl-rules.ts (`tap:wafRateLimit`, 2000 in prod); pack `waf-*`",
        proof: ({ prod }) => {
            const rules = JSON.stringify(of(prod, T.waf).map((w) => inp(w).rules));
            return holds(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet", "\"limit\":2000"].every((s) => rules.includes(s)), "a rule is missing");
        },
    },
    {
        seed: "002", section: "Incomplete AWS Config Setup",
        asks: "recorder of all resources, delivery channel (24 h), recorder on, rules: S3 public read, encrypted volumes, password policy", status: "met",
        where: "ConfigRecording (Config.1 / CIS 3.3); `CONFIG_MANAGED_RULES`",
        proof: ({ prod }) => {
            const ids = of(prod, T.configRule).map((r) => String(at(inp(r), "source", "sourceIdentifier")));
            return all(
                nonEmpty(of(prod, T.channel), "delivery channel"), nonEmpty(of(prod, T.recorderStatus), "recorder status"),
                holds(of(prod, T.channel).every((c) => at(inp(c), "snapshotDeliveryProperties", "deliveryFrequency") === "TwentyFour_Hours"), "snapshots not daily"),
                holds(["S3_BUCKET_PUBLIC_READ_PROHIBITED", "ENCRYPTED_VOLUMES", "IAM_PASSWORD_POLICY"].every((id) => ids.includes(id)), `rules: ${ids.join(", ")}`),
            );
        },
    },
    {
        seed: "002", section: "Insufficient CloudWatch Monitoring",
        asks: "app log group with retention and KMS; unauthorized API calls, console login failures and root usage alarmed; alarms to an encrypted topic", status: "met",
        where: "Compute's app log group (`tap:logRetentionDays`), SecurityAlarms: the CIS 4.1-4.15 filters and alarms on the KMS-encrypted topic",
        proof: ({ prod }) => {
            const filters = of(prod, T.filter).map((f) => f.name).join(" ");
            return all(
                holds(named(prod, T.logGroup, "-app-logs").every((g) => inp(g).retentionInDays === 365 && keyRefs(prod).has(inp(g).kmsKeyId as string)) && named(prod, T.logGroup, "-app-logs").length > 0, "app log group"),
                holds(["unauthorized-api-calls", "console-auth-failures", "root"].every((s) => filters.includes(s)), `filters: ${filters}`),
            );
        },
    },
    {
        seed: "002", section: "Insufficient CloudWatch Monitoring",
        asks: "an email subscription for alerts", status: "met",
        where: "`tap:alarmEmail`, required in prod; pack `alert-topics-subscribed-in-prod`; `npm run verify` reports PendingConfirmation",
        proof: ({ prod }) => {
            const topics = of(prod, T.topic);
            return holds(topics.length > 0 && topics.every((t) => of(prod, T.subscription).some((s) => inp(s).topic === t.state.arn && inp(s).protocol === "email")), "a topic without an email subscriber");
        },
    },
    {
        seed: "002", section: "Weak IAM Policies",
        asks: "the app role: KMS through its services, its own bucket, its own logs", status: "met",
        where: "AppDataBucket's grant (this bucket, the key through S3 only), Compute's (its log group, its metric namespace)",
        proof: ({ wide }) => {
            const grants = grantsOf(wide, appRole(wide)).flatMap((g) => statements(inp(g).policy));
            const wildcard = grants.filter((s) => list(s.Resource).includes("*") && s.Condition === undefined);
            return all(holds(grants.some((s) => list(s.Action).includes("s3:GetObject")), "no app data grant"), holds(wildcard.length === 0, "an unconditioned wildcard resource"));
        },
    },
    {
        seed: "002", section: "Weak IAM Policies",
        asks: "a deploy user with S3, describe and PassRole rights", status: "met differently",
        where: "`tap:githubRepository`: a deploy role GitHub Actions assume through OIDC (lib/access), no IAM user",
        why: "no long-lived keys (IAM.4, seed 002's user would hold one); the role is scoped and permission-bounded",
        proof: ({ wide }) => holds(of(wide, T.oidc).length === 1 && of(wide, T.user).length === 0 && of(wide, T.accessKey).length === 0, "an IAM user or no OIDC deploy role"),
    },
    {
        seed: "002", section: "Weak IAM Policies",
        asks: "MFA enforced for people", status: "met",
        where: "`tap:enableAccess`: the operators' group with the MFA-enforcing policy (CIS 1.10)",
        proof: ({ wide }) => holds(of(wide, T.group).length > 0 && JSON.stringify(wide.resources.filter((r) => r.type.startsWith("aws:iam/")).map((r) => r.inputs)).includes("aws:MultiFactorAuthPresent"), "no MFA condition"),
    },
    {
        seed: "002", section: "Weak IAM Policies",
        asks: "flow log and Config roles scoped", status: "met differently",
        where: "the flow-log role writes its log groups only; AWS Config uses its service-linked role",
        why: "AWS Config's service-linked role replaces a custom role with a managed policy (Config.1)",
        proof: ({ prod }) => holds(named(prod, T.role, "-flow-logs-role").length === 1, "no flow-log role"),
    },
    {
        seed: "002", section: "Incomplete S3 Security",
        asks: "app data bucket: KMS, versioning, public access block, deny unencrypted uploads, deny insecure transport", status: "met",
        where: "AppDataBucket (`tap:enableAppDataBucket`); pack `app-data-bucket-*`; check `s3.app-data-bucket`",
        proof: ({ wide }) => {
            const buckets = appDataBuckets(wide);
            return all(nonEmpty(buckets, "app data bucket"), holds(buckets.every((b) => {
                const sids = policyOfBucket(wide, b).map((s) => s.Sid);
                return ["DenyInsecureTransport", "DenyUploadsUnderAnotherEncryption", "DenyObjectAccessButTheAppRole"].every((s) => sids.includes(s));
            }), "a deny is missing"));
        },
    },
    {
        seed: "002", section: "Incomplete S3 Security",
        asks: "logs bucket lifecycle: Standard-IA at 30 days, Glacier at 90, expiry", status: "met",
        where: "SecureBucket's log lifecycle; expiry `tap:auditLogExpirationDays` (2557 days by default)",
        proof: ({ prod }) => {
            const rules = JSON.stringify(of(prod, T.lifecycle).map((l) => inp(l).rules));
            return holds(rules.includes("\"days\":30,\"storageClass\":\"STANDARD_IA\"") && rules.includes("\"days\":90,\"storageClass\":\"GLACIER\""), "tiering");
        },
    },
    {
        seed: "002", section: "Missing Security Hardening",
        asks: "IMDSv2, detailed monitoring, encrypted EBS; CloudWatch agent, kernel settings, fail2ban, automatic updates", status: "met",
        where: "the launch template and lib/compute/user-data.ts",
        proof: ({ prod }) => {
            const ud = userData(prod);
            return holds(of(prod, T.lt).every((lt) => at(inp(lt), "monitoring", "enabled") === true) && ["amazon-cloudwatch-agent", "net.ipv4.ip_forward", "fail2ban"].every((s) => ud.includes(s)), "launch template or user data");
        },
    },
    {
        seed: "002", section: "Poor Network Architecture",
        asks: "multi-AZ public and private subnets, no auto public IPs, a NAT gateway per AZ", status: "met",
        where: "VpcNetwork (`tap:azCount`, `tap:natGatewayStrategy` onePerAz in prod; EC2.15)",
        proof: ({ prod }) => holds(of(prod, T.subnet).length === 6 && of(prod, T.subnet).every((s) => inp(s).mapPublicIpOnLaunch !== true) && of(prod, T.nat).length === 3, "subnets or NAT"),
    },
    {
        seed: "002", section: "Poor Network Architecture",
        asks: "VPC flow logs to encrypted S3", status: "met differently",
        where: "flow logs to a CloudWatch log group encrypted with the stack key",
        why: "CloudWatch Logs gives the retention setting and queries tap uses for every log; encrypted with the same key",
        proof: ({ prod }) => holds(of(prod, T.flowLog).every((f) => inp(f).logDestinationType === "cloud-watch-logs"), "flow log destination"),
    },
    {
        seed: "002", section: "Insecure RDS Configuration",
        asks: "private, 30-day backups, automatic minor upgrades, log exports", status: "met",
        where: "Database (RDS.2, RDS.11, RDS.13, RDS.9); `tap:dbBackupRetentionDays` 30 in prod",
        proof: ({ prod }) => holds(of(prod, T.db).every((d) => inp(d).publiclyAccessible === false && inp(d).backupRetentionPeriod === 30 && inp(d).autoMinorVersionUpgrade === true) && of(prod, T.db).length === 1, "database settings"),
    },
    {
        seed: "002", section: "Insecure RDS Configuration",
        asks: "a random 32-character password kept in Secrets Manager", status: "met differently",
        where: "`manageMasterUserPassword`: RDS generates, keeps and rotates it in Secrets Manager",
        why: "no password in the program, its state or its config (seed 004 #1); RDS rotates it",
        proof: ({ prod }) => holds(of(prod, T.db).every((d) => inp(d).manageMasterUserPassword === true) && !prod.resources.some((r) => r.type.startsWith("random:randomPassword")), "a password"),
    },
    {
        seed: "002", section: "Insecure RDS Configuration",
        asks: "storage autoscaling from 100 GB to 1000 GB", status: "met differently",
        where: "`tap:dbMaxAllocatedStorageGiB` (1000 in Pulumi.prod.yaml) from 20 GiB",
        why: "storage is billed as allocated: tap starts at gp3's 20 GiB and RDS grows it to the ceiling",
        proof: ({ prod }) => holds(of(prod, T.db).every((d) => inp(d).maxAllocatedStorage === 1000 && inp(d).allocatedStorage === 20), "storage"),
    },
    {
        seed: "002", section: "Missing Provider Configuration",
        asks: "default tags Environment, Compliance, Owner, ManagedBy, Application", status: "met",
        where: "provider default tags and `tap:extraTags` (lib/tags.ts)",
        proof: ({ wide }) => holds(defaultTags(wide).every((t) => t.Environment && t.Owner && t.ManagedBy && t.Compliance === "PCI-DSS" && t.Application === "FinancialApp"), "default tags"),
    },
    {
        seed: "002", section: "Missing Provider Configuration",
        asks: "a state backend and version constraints", status: "met differently",
        where: "Pulumi's backend (`pulumi login`); exact versions in package.json and package-lock.json",
        why: "Pulumi keeps state in its backend, not a Terraform backend block; exact pins are stricter than ranges",
        proof: ({ file }) => {
            const deps = (JSON.parse(file("package.json") ?? "{}") as { dependencies?: Record<string, string> }).dependencies ?? {};
            return holds(Object.values(deps).length > 0 && Object.values(deps).every((v) => /^\d+\.\d+\.\d+$/.test(v)), "a dependency is not pinned");
        },
    },
    {
        seed: "002", section: "Incomplete Outputs",
        asks: "VPC id, ALB DNS name, CloudTrail bucket, KMS key id; nothing sensitive", status: "met",
        where: "TapStack's outputs (docs/design.md, \"Stack outputs\"); the database secret by ARN only",
        proof: ({ prod }) => holds(["vpcId", "albDnsName", "cloudTrailBucketName", "kmsKeyId"].every((k) => typeof prod.outputs[k] === "string") && !/password/i.test(Object.keys(prod.outputs).join(" ")), "outputs"),
    },

    // Seed 004 (Pulumi Go, several regions)
    {
        seed: "004", section: "Security Issue - Hardcoded Database Password",
        asks: "no hardcoded password: RDS-managed", status: "met",
        where: "Database: `manageMasterUserPassword`",
        proof: ({ wide }) => holds(of(wide, T.db).length === 2 && of(wide, T.db).every((d) => inp(d).password === undefined && inp(d).manageMasterUserPassword === true), "password"),
    },
    {
        seed: "004", section: "Least Privilege Issue - Overly Permissive IAM Policy",
        asks: "no `*` resource but PutMetricData; logs to the app's own log group", status: "met",
        where: "Compute's grant (PutMetricData scoped by namespace condition, its log group only); pack `iam-no-admin-statements`",
        proof: ({ prod }) => {
            const grants = grantsOf(prod, appRole(prod)).flatMap((g) => statements(inp(g).policy));
            return all(nonEmpty(grants, "app role grant"), holds(grants.every((s) => !list(s.Resource).includes("*") || s.Condition !== undefined), "an unconditioned * resource"));
        },
    },
    {
        seed: "004", section: "Security Issue - Overly Permissive Security Group",
        asks: "database reachable from the app subnets only; egress restricted", status: "met",
        where: "Database: 5432 from the app security group only, no egress rule",
        proof: ({ wide }) => {
            const dbs = of(wide, T.sg).filter((g) => g.name.endsWith("-db-sg"));
            return holds(dbs.length === 2 && dbs.every((g) => of(wide, T.egress).every((r) => inp(r).securityGroupId !== g.id)), "database egress");
        },
    },
    {
        seed: "004", section: "Build Issue - Missing Regional KMS Keys",
        asks: "a KMS key per region, used by that region's resources", status: "met",
        where: "SecurityBaseline per region; every regional resource takes its region's key",
        proof: ({ wide }) => holds(of(wide, T.db).every((d) => of(wide, T.key).find((k) => k.provider === d.provider)?.state.arn === inp(d).kmsKeyId) && of(wide, T.key).length === 2, "a database uses another region's key"),
    },
    {
        seed: "004", section: "Build Issue - Performance Insights Configuration Error",
        asks: "no Performance Insights where unsupported; a CPU alarm at 80 %", status: "met",
        where: "lib/data/performance-insights.ts; Database's `-db-cpu-high` alarm in every region with the data tier",
        proof: ({ wide }) => {
            const cpu = of(wide, T.alarm).filter((a) => a.name.endsWith("-db-cpu-high"));
            return holds(cpu.length === 2 && cpu.every((a) => inp(a).threshold === 80 && inp(a).metricName === "CPUUtilization"), "CPU alarms");
        },
    },
    {
        seed: "004", section: "Code Issue - Missing Resource Exports",
        asks: "regional resources exported flat as `<region>_<name>`", status: "met",
        where: "`<region>_vpcId`, `<region>_rdsInstanceId`, `<region>_appDataBucketName` beside the `regions` map",
        proof: ({ wide }) => holds(["us-east-1", "us-west-2"].every((r) => ["vpcId", "rdsInstanceId", "appDataBucketName"].every((n) => typeof wide.outputs[`${r}_${n}`] === "string")), "a flat output is missing"),
    },
    {
        seed: "004", section: "Code Issue - Missing Return Values from Regional Deployment",
        asks: "the regional deployment returns its vpcId and RDS instance id", status: "met",
        where: "RegionalStack's outputs (`regions.<code>`)",
        proof: ({ wide }) => {
            const regions = wide.outputs.regions as Record<string, Record<string, unknown>>;
            return holds(Object.values(regions).length === 2 && Object.values(regions).every((r) => typeof r.vpcId === "string" && typeof r.rdsInstanceId === "string"), "regional outputs");
        },
    },
    {
        seed: "004", section: "Build Issue - CloudWatch Log Group KMS Permission Error",
        asks: "log groups that deploy (the seed dropped their key)", status: "met differently",
        where: "every log group encrypted with its region's key, whose policy admits CloudWatch Logs for this account's log groups of the region",
        why: "the fix is the key policy grant, not dropping encryption",
        proof: ({ wide }) => all(encryptedWithStackKey(wide, T.logGroup, "kmsKeyId"),
            holds(of(wide, T.key).every((k) => statements(inp(k).policy).some((s) => JSON.stringify(s.Principal ?? "").includes("logs."))), "a key does not admit CloudWatch Logs")),
    },
    {
        seed: "004", section: "Code Issue - Missing S3 Access Logging",
        asks: "S3 server access logging", status: "met",
        where: "SecureBucket: every bucket logs to the region's access-log bucket (S3.9); pack `s3-bucket-access-logging`",
        proof: ({ wide }) => {
            const sinks = of(wide, T.bucket).filter((b) => b.name.endsWith("-access-logs"));
            const missing = of(wide, T.bucket).filter((b) => !sinks.includes(b) && !bucketsWith(wide, T.logging).includes(b));
            return holds(missing.length === 0, `${missing.map((b) => b.name).join(", ")} not logged`);
        },
    },
    {
        seed: "004", section: "Code Issue - Inconsistent Tagging Strategy",
        asks: "one tag set for every resource, with custom tags from configuration merged in", status: "met",
        where: "every region's provider default tags: tap's own and `tap:extraTags`, validated together (lib/tags.ts)",
        proof: ({ wide }) => holds(new Set(defaultTags(wide).map((t) => JSON.stringify(t))).size === 1 && defaultTags(wide)[0]?.Compliance === "PCI-DSS", "providers differ or lack the extra tags"),
    },
];

// ---- docs/design.md --------------------------------------------------------------------------------

export const SEEDS_START = "<!-- seed-requirements:start (generated from tooling/docs/seed-requirements.ts by npm run docs; test/stack-files/seed-requirements.spec.ts proves each row) -->";
export const SEEDS_END = "<!-- seed-requirements:end -->";

const SEED_TITLES: Readonly<Record<SeedId, string>> = {
    "000": "Seed 000 (Pulumi TypeScript, secure instance)",
    "001": "Seed 001 (Pulumi TypeScript, web tier and CDN)",
    "002": "Seed 002 (Terraform, financial application)",
    "004": "Seed 004 (Pulumi Go, several regions)",
};

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The section of docs/design.md: per seed, every requirement, where tap meets it, and why where it differs. */
export function renderSeedRequirements(): string {
    const counts = (status: SeedRequirement["status"]) => SEED_REQUIREMENTS.filter((r) => r.status === status).length;
    const lines = [SEEDS_START, "",
        `${SEED_REQUIREMENTS.length} requirements: ${counts("met")} met, ${counts("met differently")} met differently (with the reason), 0 missing.`];
    for (const seed of Object.keys(SEED_TITLES) as SeedId[]) {
        lines.push("", `### ${SEED_TITLES[seed]}`, "", "| section | the seed asks | tap | where |", "|---|---|---|---|");
        for (const r of SEED_REQUIREMENTS.filter((x) => x.seed === seed)) {
            const status = r.status === "met" ? "met" : `met differently: ${r.why}`;
            lines.push(`| ${cell(r.section)} | ${cell(r.asks)} | ${cell(status)} | ${cell(r.where)} |`);
        }
    }
    lines.push("", SEEDS_END);
    return lines.join("\n");
}

/** The numbered sections of a seed document (`## 7. Title`, `### 1. ❌ Common Mistake: Title`), titles only. */
export function seedSections(text: string): string[] {
    return [...text.matchAll(/^#{2,3} \d+\. (?:❌ Common Mistake: )?(.+?)\s*$/gmu)].map((m) => m[1]);
}
