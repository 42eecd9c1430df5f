/**
 * Security Hub controls the pack's other rules do not cite, predicted from the plan (issue 25):
 * each predictor names the control and the property Security Hub checks (Security Hub controls
 * reference, the control's page). policy/securityhub/expected.ts runs them for the plan's expected
 * result, and the pack rule securityhub-expected-result fails a prod plan that expects a failed
 * control without a waiver (tap:securityHubControlWaivers).
 */
import { ofType, tier } from "../relations";
import { StackResource, StackViolation } from "../types";
import { at, isUnknown, list, opensPort, SG_RULE_TYPES, show, strings, worldRules } from "../values";
import { PLANNED_TYPES as T } from "./scope";

/** One control's prediction: the planned types it examines, and what it finds wrong among them. */
export interface Predictor {
    readonly control: string;
    readonly description: string;
    readonly types: readonly string[];
    readonly validate: (resources: readonly StackResource[]) => StackViolation[];
}

/** A prediction from each resource's own properties. */
function predicts(
    control: string,
    description: string,
    type: string,
    check: (p: Readonly<Record<string, unknown>>) => string[],
): Predictor {
    return {
        control,
        description,
        types: [type],
        validate: (resources) => ofType(resources, type).flatMap((r) => check(r.props).map((message) => ({ urn: r.urn, message }))),
    };
}

/** A prediction from the relations between resources. */
function predictsStack(
    control: string,
    description: string,
    types: string[],
    validate: (resources: readonly StackResource[]) => StackViolation[],
): Predictor {
    return { control, description, types, validate };
}

/** The VPC interface endpoints Security Hub asks every VPC to have (EC2.10, EC2.55 to EC2.60), by control. */
const ENDPOINT_CONTROLS: ReadonlyArray<readonly [string, string, string]> = [
    ["EC2.10", "ec2", "Amazon EC2"],
    ["EC2.55", "ecr.api", "ECR API"],
    ["EC2.56", "ecr.dkr", "Docker Registry"],
    ["EC2.58", "ssm-contacts", "Systems Manager Incident Manager Contacts"],
    ["EC2.60", "ssm-incidents", "Systems Manager Incident Manager"],
];

const endpointPolicies = ENDPOINT_CONTROLS.map(([control, service, what]) =>
    predictsStack(control, `Every VPC has an interface endpoint for ${what} (com.amazonaws.<region>.${service}).`, [T.vpc], (resources) => {
        const endpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
        return ofType(resources, T.vpc)
            .filter(
                (vpc) =>
                    !endpoints.some(
                        (e) =>
                            (e.props.vpcId === vpc.id || isUnknown(e.props.vpcId)) && String(e.props.serviceName).endsWith(`.${service}`),
                    ),
            )
            .map((vpc) => ({
                urn: vpc.urn,
                message: `no interface endpoint for ${what} (${service}): Security Hub ${control} fails for this VPC`,
            }));
    }),
);

/** GuardDuty protection plans Security Hub checks that guardduty-protection-plans (rules/detection.ts) does not cite: the feature, and the runtime agent it needs if any. */
const GUARDDUTY_CONTROLS: ReadonlyArray<readonly [string, string, string | undefined, string]> = [
    ["GuardDuty.5", "EKS_AUDIT_LOGS", undefined, "EKS Audit Log Monitoring"],
    ["GuardDuty.7", "RUNTIME_MONITORING", "EKS_ADDON_MANAGEMENT", "EKS Runtime Monitoring"],
    ["GuardDuty.12", "RUNTIME_MONITORING", "ECS_FARGATE_AGENT_MANAGEMENT", "ECS Runtime Monitoring"],
];

const guardDutyPolicies = GUARDDUTY_CONTROLS.map(([control, feature, agent, what]) =>
    predictsStack(
        control,
        `Each GuardDuty detector the stack creates has ${what} enabled (${feature}${agent ? ` with ${agent}` : ""}).`,
        [T.detector],
        (resources) => {
            const features = ofType(resources, "aws:guardduty/detectorFeature:DetectorFeature");
            return ofType(resources, T.detector)
                .filter(
                    () =>
                        !features.some((f) => {
                            if (f.props.name !== feature || f.props.status !== "ENABLED") return false;
                            if (!agent) return true;
                            return list(f.props.additionalConfigurations).some(
                                (c) => at(c, "name") === agent && at(c, "status") === "ENABLED",
                            );
                        }),
                )
                .map((d) => ({
                    urn: d.urn,
                    message: `${what} is not enabled (${feature}${agent ? ` with ${agent}` : ""}): Security Hub ${control} fails`,
                }));
        },
    ),
);

/** Inspector scan types, by control. */
const INSPECTOR_CONTROLS: ReadonlyArray<readonly [string, string]> = [
    ["Inspector.2", "ECR"],
    ["Inspector.3", "LAMBDA_CODE"],
    ["Inspector.4", "LAMBDA"],
];

const inspectorPolicies = INSPECTOR_CONTROLS.map(([control, scan]) =>
    predicts(control, `The Inspector enabler scans ${scan}.`, T.inspector, (p) =>
        isUnknown(p.resourceTypes) || strings(p.resourceTypes).includes(scan)
            ? []
            : [`resourceTypes ${show(p.resourceTypes)} lack ${scan}: Security Hub ${control} fails`],
    ),
);

const httpsOnly = (protocol: unknown) => isUnknown(protocol) || ["HTTPS", "TLS"].includes(String(protocol));

/** A distribution's origins that are not S3 buckets (custom origins: a load balancer, a web server). */
const customOrigins = (p: Readonly<Record<string, unknown>>) => list(p.origins).filter((o) => at(o, "customOriginConfig") !== undefined);

/**
 * CloudFront's controls, each from its page of the Security Hub controls reference (CloudFront.1 ...
 * CloudFront.17). The static site (lib/web/static-site.ts) has one S3 origin behind origin access
 * control, v2 log delivery and no signed URLs.
 */
const cloudFrontPolicies: Predictor[] = [
    predicts("CloudFront.1", "Distributions have a default root object.", T.cdn, (p) =>
        isUnknown(p.defaultRootObject) || (typeof p.defaultRootObject === "string" && p.defaultRootObject !== "")
            ? []
            : ["no defaultRootObject"],
    ),
    predicts("CloudFront.4", "Distributions have origin failover: an origin group of two origins.", T.cdn, (p) =>
        list(p.originGroups).length > 0 ? [] : ["no origin group: one origin, no failover"],
    ),
    // The control's Config rule (cloudfront-accesslogs-enabled) reads the legacy `Logging` setting only:
    // access logs delivered through CloudWatch Logs delivery (v2, what StaticSite uses) do not count.
    predicts("CloudFront.5", "Distributions log access through the legacy logging setting the control's Config rule reads.", T.cdn, (p) =>
        at(p.loggingConfig, "bucket") !== undefined || isUnknown(p.loggingConfig)
            ? []
            : ["no legacy loggingConfig (v2 log delivery is not what the control reads)"],
    ),
    predicts("CloudFront.9", "Traffic to custom origins is encrypted (origin protocol policy https-only).", T.cdn, (p) =>
        customOrigins(p)
            .filter((o) => at(at(o, "customOriginConfig"), "originProtocolPolicy") !== "https-only")
            .map(
                (o) => `custom origin ${show(at(o, "originId"))} accepts ${show(at(at(o, "customOriginConfig"), "originProtocolPolicy"))}`,
            ),
    ),
    predicts("CloudFront.10", "Custom origins use no deprecated SSL protocol (SSLv3, TLSv1, TLSv1.1).", T.cdn, (p) =>
        customOrigins(p)
            .filter((o) =>
                strings(at(at(o, "customOriginConfig"), "originSslProtocols")).some((v) => ["SSLv3", "TLSv1", "TLSv1.1"].includes(v)),
            )
            .map((o) => `custom origin ${show(at(o, "originId"))} allows ${show(at(at(o, "customOriginConfig"), "originSslProtocols"))}`),
    ),
    predictsStack("CloudFront.12", "S3 origins point at buckets that exist (planned by the stack).", [T.cdn], (resources) => {
        const buckets = ofType(resources, T.bucket);
        return ofType(resources, T.cdn).flatMap((d) =>
            list(d.props.origins)
                .filter(
                    (o) =>
                        at(o, "customOriginConfig") === undefined &&
                        !isUnknown(at(o, "domainName")) &&
                        !buckets.some(
                            (b) =>
                                b.props.bucketRegionalDomainName === at(o, "domainName") ||
                                String(at(o, "domainName")).startsWith(`${String(b.props.bucket)}.s3.`),
                        ),
                )
                .map((o) => ({ urn: d.urn, message: `S3 origin ${show(at(o, "domainName"))} is no bucket of the stack` })),
        );
    }),
    predicts("CloudFront.15", "Viewers connect with the recommended TLS security policy (TLSv1.2_2021 or newer).", T.cdn, (p) => {
        const version = at(p.viewerCertificate, "minimumProtocolVersion");
        return isUnknown(version) || ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"].includes(String(version))
            ? []
            : [`minimumProtocolVersion ${show(version)}`];
    }),
    predicts("CloudFront.16", "Lambda function URL origins use origin access control.", T.cdn, (p) =>
        customOrigins(p)
            .filter((o) => /\.lambda-url\./.test(String(at(o, "domainName"))) && at(o, "originAccessControlId") === undefined)
            .map((o) => `Lambda URL origin ${show(at(o, "domainName"))} without origin access control`),
    ),
    predicts("CloudFront.17", "Signed URLs and cookies use trusted key groups, not the root user's trusted signers.", T.cdn, (p) =>
        [at(p.defaultCacheBehavior, "trustedSigners"), ...list(p.orderedCacheBehaviors).map((b) => at(b, "trustedSigners"))].some(
            (t) => strings(t).length > 0,
        )
            ? ["a cache behavior trusts signers (CloudFront key pairs of the root user)"]
            : [],
    ),
];

export const PREDICTORS: readonly Predictor[] = [
    ...cloudFrontPolicies,
    predictsStack(
        "AutoScaling.1",
        "Auto Scaling groups behind a load balancer (target groups, or an aws.autoscaling.Attachment) use ELB health checks.",
        [T.asg],
        (resources) => {
            const attachments = ofType(resources, "aws:autoscaling/attachment:Attachment");
            const behindLoadBalancer = (g: StackResource) =>
                list(g.props.targetGroupArns).length > 0 ||
                list(g.props.loadBalancers).length > 0 ||
                attachments.some(
                    (a) =>
                        a.props.autoscalingGroupName === g.props.name ||
                        a.props.autoscalingGroupName === g.id ||
                        isUnknown(a.props.autoscalingGroupName),
                );
            return ofType(resources, T.asg)
                .filter((g) => behindLoadBalancer(g) && g.props.healthCheckType !== "ELB" && !isUnknown(g.props.healthCheckType))
                .map((g) => ({
                    urn: g.urn,
                    message: `healthCheckType is ${show(g.props.healthCheckType)}: an unhealthy instance behind the load balancer stays in service`,
                }));
        },
    ),
    predicts("AutoScaling.2", "Auto Scaling groups span at least two Availability Zones (subnets).", T.asg, (p) =>
        isUnknown(p.vpcZoneIdentifiers) || list(p.vpcZoneIdentifiers).length >= 2
            ? []
            : [`vpcZoneIdentifiers has ${list(p.vpcZoneIdentifiers).length} subnet(s): one zone`],
    ),
    predicts("AutoScaling.6", "Auto Scaling groups use several instance types (mixedInstancesPolicy) over several zones.", T.asg, (p) =>
        list(at(p.mixedInstancesPolicy, "launchTemplate", "overrides")).length >= 2
            ? []
            : ["no mixedInstancesPolicy with two or more instance types: one instance type"],
    ),
    predicts("AutoScaling.9", "Auto Scaling groups launch from a launch template.", T.asg, (p) =>
        p.launchTemplate !== undefined || p.mixedInstancesPolicy !== undefined
            ? []
            : ["no launch template (a launch configuration, or none)"],
    ),
    predicts("EC2.17", "Launch templates give instances at most one network interface.", T.launchTemplate, (p) =>
        list(p.networkInterfaces).length <= 1 ? [] : [`${list(p.networkInterfaces).length} network interfaces`],
    ),
    predicts("EC2.24", "Launch templates use no paravirtual instance type (families c1, m1, m2, t1).", T.launchTemplate, (p) =>
        /^(c1|m1|m2|t1)\./.test(String(p.instanceType)) ? [`instanceType ${show(p.instanceType)} is paravirtual`] : [],
    ),
    predicts("EC2.180", "Launch templates keep source/destination checking on their network interfaces.", T.launchTemplate, (p) =>
        list(p.networkInterfaces).some((n) => at(n, "sourceDestCheck") === false || at(n, "sourceDestCheck") === "false")
            ? ["a network interface turns source/destination checking off"]
            : [],
    ),
    predicts("EC2.181", "Launch templates encrypt every EBS volume they attach.", T.launchTemplate, (p) =>
        list(p.blockDeviceMappings)
            .filter((m) => at(m, "ebs") !== undefined && !["true", true].includes(at(m, "ebs", "encrypted") as never))
            .map((m) => `${show(at(m, "deviceName"))} is not encrypted`),
    ),
    ...(["EC2.53", "EC2.54"] as const).map((control) =>
        predictsStack(
            control,
            `No security group admits ${control === "EC2.53" ? "0.0.0.0/0" : "::/0"} to a remote administration port (22, 3389).`,
            [...SG_RULE_TYPES],
            (resources) =>
                resources
                    .filter((r) => (SG_RULE_TYPES as readonly string[]).includes(r.type))
                    .flatMap((r) =>
                        worldRules(r.props, r.type, "ingress")
                            .filter(
                                (w) =>
                                    w.world.some((cidr) => (control === "EC2.53") === !cidr.includes(":")) &&
                                    (opensPort(w.rule, 22) || opensPort(w.rule, 3389)),
                            )
                            .map(() => ({
                                urn: r.urn,
                                message: `admits ${control === "EC2.53" ? "0.0.0.0/0" : "::/0"} to port 22 or 3389`,
                            })),
                    ),
        ),
    ),
    predictsStack(
        "CloudTrail.7",
        "The bucket each trail delivers to logs its server access (S3 server access logging).",
        [T.trail],
        (resources) => {
            const loggings = ofType(resources, "aws:s3/bucketLogging:BucketLogging");
            const buckets = ofType(resources, T.bucket);
            return ofType(resources, T.trail)
                .filter((t) => {
                    const bucket = buckets.find((b) => b.props.bucket === t.props.s3BucketName || b.id === t.props.s3BucketName);
                    return (
                        !isUnknown(t.props.s3BucketName) &&
                        !loggings.some(
                            (l) =>
                                l.props.bucket === t.props.s3BucketName ||
                                (bucket !== undefined && (l.props.bucket === bucket.id || l.props.bucket === bucket.props.bucket)),
                        )
                    );
                })
                .map((t) => ({ urn: t.urn, message: `the trail's bucket ${show(t.props.s3BucketName)} has no server access logging` }));
        },
    ),
    predictsStack(
        "EC2.16",
        "Every network ACL of the stack is used: an explicit one is associated with a subnet; the default one serves every subnet without its own.",
        [T.nacl, T.defaultNacl],
        (resources) =>
            ofType(resources, T.nacl)
                .filter((n) => list(n.props.subnetIds).length === 0)
                .map((n) => ({ urn: n.urn, message: "associated with no subnet: unused" })),
    ),
    predictsStack(
        "EC2.172",
        "The account's VPC Block Public Access blocks internet gateway traffic (aws.ec2.VpcBlockPublicAccessOptions).",
        [T.vpc],
        (resources) => {
            const options = ofType(resources, "aws:ec2/vpcBlockPublicAccessOptions:VpcBlockPublicAccessOptions");
            if (options.some((o) => ["block-bidirectional", "block-ingress"].includes(String(o.props.internetGatewayBlockMode)))) return [];
            const vpcs = ofType(resources, T.vpc);
            return vpcs.length === 0
                ? []
                : [
                      {
                          urn: vpcs[0].urn,
                          message:
                              "VPC Block Public Access is not set to block internet gateway traffic (the stack's internet gateway serves the load balancer and NAT)",
                      },
                  ];
        },
    ),
    ...endpointPolicies,
    predicts("ELB.13", "Load balancers span at least two Availability Zones (subnets).", T.lb, (p) =>
        isUnknown(p.subnets) || list(p.subnets).length + list(p.subnetMappings).length >= 2 ? [] : ["fewer than two subnets"],
    ),
    predicts("ELB.18", "Load balancer listeners use a secure protocol (HTTPS, TLS).", T.listener, (p) =>
        httpsOnly(p.protocol) ? [] : [`listener on port ${show(p.port)} uses ${show(p.protocol)}`],
    ),
    predicts("ELB.21", "Target groups health-check over HTTPS.", T.targetGroup, (p) =>
        httpsOnly(at(p.healthCheck, "protocol") ?? p.protocol)
            ? []
            : [`health checks use ${show(at(p.healthCheck, "protocol") ?? p.protocol)}`],
    ),
    predicts("ELB.22", "Target groups forward over an encrypted protocol (HTTPS, TLS).", T.targetGroup, (p) =>
        httpsOnly(p.protocol) ? [] : [`protocol is ${show(p.protocol)}`],
    ),
    ...guardDutyPolicies,
    predictsStack(
        "IAM.28",
        "An IAM Access Analyzer external access analyzer (ACCOUNT or ORGANIZATION) is planned.",
        [T.recorder],
        (resources) => {
            const analyzers = ofType(resources, "aws:accessanalyzer/analyzer:Analyzer").filter((a) =>
                ["ACCOUNT", "ORGANIZATION"].includes(String(a.props.type)),
            );
            const recorders = ofType(resources, T.recorder);
            return analyzers.length > 0 || recorders.length === 0
                ? []
                : [{ urn: recorders[0].urn, message: "no external access analyzer is planned: IAM.28 depends on the account's" }];
        },
    ),
    ...inspectorPolicies,
    predicts("RDS.17", "Database instances copy their tags to snapshots.", T.db, (p) =>
        p.copyTagsToSnapshot === true || isUnknown(p.copyTagsToSnapshot) ? [] : [`copyTagsToSnapshot is ${show(p.copyTagsToSnapshot)}`],
    ),
    predicts("RDS.23", "Database instances listen on a port other than the engine's default (5432 PostgreSQL, 3306 MySQL).", T.db, (p) =>
        [5432, 3306, 1433, 1521].includes(Number(p.port ?? 5432)) ? [`port ${show(p.port ?? 5432)} is the engine default`] : [],
    ),
    predicts("RDS.25", "Database instances use a custom administrator user name (not postgres or admin).", T.db, (p) =>
        ["postgres", "admin"].includes(String(p.username)) ? [`username ${show(p.username)} is the default`] : [],
    ),
    predicts("RDS.36", "PostgreSQL instances export their postgresql log to CloudWatch Logs.", T.db, (p) =>
        (p.engine !== undefined && p.engine !== "postgres") || strings(p.enabledCloudwatchLogsExports).includes("postgresql")
            ? []
            : ["enabledCloudwatchLogsExports lacks postgresql"],
    ),
    predictsStack("RDS.38", "PostgreSQL instances refuse connections without TLS (parameter rds.force_ssl = 1).", [T.db], (resources) => {
        const groups = ofType(resources, "aws:rds/parameterGroup:ParameterGroup");
        const forced = (g: StackResource) =>
            list(g.props.parameters).some((x) => at(x, "name") === "rds.force_ssl" && String(at(x, "value")) === "1");
        return ofType(resources, T.db)
            .filter(
                (db) =>
                    !groups.some(
                        (g) => (g.props.name === db.props.parameterGroupName || g.id === db.props.parameterGroupName) && forced(g),
                    ),
            )
            .map((db) => ({ urn: db.urn, message: "no parameter group with rds.force_ssl = 1: connections without TLS are accepted" }));
    }),
    predictsStack(
        "RDS.46",
        "Database instances sit in subnets of the isolated or private tier, without a route to an internet gateway.",
        [T.db],
        (resources) => {
            const groups = ofType(resources, "aws:rds/subnetGroup:SubnetGroup");
            const subnets = ofType(resources, T.subnet);
            return ofType(resources, T.db).flatMap((db) =>
                groups
                    .filter((g) => g.props.name === db.props.dbSubnetGroupName)
                    .flatMap((g) => strings(g.props.subnetIds))
                    .map((id) => subnets.find((s) => s.id === id))
                    .filter((s): s is StackResource => s !== undefined && tier(s) === "public")
                    .map((s) => ({ urn: db.urn, message: `in public subnet ${s.name}` })),
            );
        },
    ),
    predictsStack("S3.13", "Every bucket has a lifecycle configuration.", [T.bucket], (resources) => {
        const lifecycles = ofType(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
        return ofType(resources, T.bucket)
            .filter(
                (b) => !lifecycles.some((l) => l.props.bucket === b.id || l.props.bucket === b.props.bucket || isUnknown(l.props.bucket)),
            )
            .map((b) => ({ urn: b.urn, message: "no lifecycle configuration" }));
    }),
    predictsStack(
        "S3.22",
        "A trail records S3 object-level write events of every bucket (data events on arn:aws:s3).",
        [T.trail],
        (resources) => s3DataEvents(resources, "S3.22", ["All", "WriteOnly"]),
    ),
    predictsStack(
        "S3.23",
        "A trail records S3 object-level read events of every bucket (data events on arn:aws:s3).",
        [T.trail],
        (resources) => s3DataEvents(resources, "S3.23", ["All", "ReadOnly"]),
    ),
    predicts(
        "SecretsManager.1",
        "The database's master password is a secret RDS manages, which RDS rotates (every 7 days by default; RDS user guide, 'Password management with Amazon RDS and AWS Secrets Manager').",
        T.db,
        (p) =>
            p.manageMasterUserPassword === true || isUnknown(p.manageMasterUserPassword)
                ? []
                : ["manageMasterUserPassword is not true: no rotating secret"],
    ),
    predicts(
        "SecretsManager.4",
        "The database's master password is rotated by RDS within the control's 90 days (every 7 days by default).",
        T.db,
        (p) =>
            p.manageMasterUserPassword === true || isUnknown(p.manageMasterUserPassword) ? [] : ["manageMasterUserPassword is not true"],
    ),
    predicts("SSM.4", "SSM documents of the stack are not shared publicly (no permissions with account id All).", T.ssmDocument, (p) =>
        strings(at(p.permissions, "accountIds")).includes("All") ? ["shared with All accounts"] : [],
    ),
];

/** S3.22 / S3.23: a multi-region trail of the stack logs data events of every bucket, write or read. */
function s3DataEvents(resources: readonly StackResource[], control: string, kinds: readonly string[]): StackViolation[] {
    const trails = ofType(resources, T.trail);
    const covers = (t: StackResource) =>
        list(t.props.eventSelectors).some(
            (s) =>
                kinds.includes(String(at(s, "readWriteType") ?? "All")) &&
                list(at(s, "dataResources")).some(
                    (d) =>
                        at(d, "type") === "AWS::S3::Object" &&
                        strings(at(d, "values")).some((v) => v === "arn:aws:s3" || v === "arn:aws:s3:::"),
                ),
        );
    if (trails.length === 0 || trails.some(covers)) return [];
    return [
        {
            urn: trails[0].urn,
            message: `no trail records S3 object-level ${kinds.includes("WriteOnly") ? "write" : "read"} events of all buckets (tap:cloudTrailDataEventBuckets "*"): Security Hub ${control} fails`,
        },
    ];
}

/**
 * Controls the pack cites but accepts, by a documented decision of the stack, where Security Hub
 * does not: the pack's rule stays the stack's policy, and the expected result fails the control all
 * the same (a prod plan then needs a waiver with its reason).
 */
export const STRICTER_PREDICTORS: readonly Predictor[] = [
    // ELB.1's Config rule, alb-http-to-https-redirection-check: "NON_COMPLIANT if one or more HTTP listeners of
    // Application Load Balancer do not have HTTP to HTTPS redirection configured" (AWS Config developer guide).
    // The pack accepts plain HTTP on a load balancer without a certificate (tap:allowPlainHttp, tag PlainHttpAcceptedBy).
    predicts(
        "ELB.1",
        "Every HTTP listener of an application load balancer redirects to HTTPS; Security Hub fails one that forwards, whatever tap:allowPlainHttp accepts.",
        T.listener,
        (p) =>
            p.protocol !== "HTTP" ||
            isUnknown(p.defaultActions) ||
            (list(p.defaultActions).length > 0 &&
                list(p.defaultActions).every(
                    (a) =>
                        at(a, "type") === "redirect" &&
                        (at(a, "redirect", "protocol") === "HTTPS" || isUnknown(at(a, "redirect", "protocol"))),
                ))
                ? []
                : [`HTTP listener on port ${show(p.port)} forwards plain HTTP instead of redirecting to HTTPS`],
    ),
];
