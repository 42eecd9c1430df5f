/**
 * The private management plane: VPC endpoints (private DNS, HTTPS from the VPC only, scoped
 * policies, SSM reachable without NAT), recorded Session Manager sessions, Patch Manager.
 */
import { PATCH_SEVERITY_ORDER, PROD_PROFILE, stackInProd } from "../profile";
import { ofType, pointsAt, referrers, tier } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import {
    allows,
    at,
    isSet,
    isUnknown,
    isWorld,
    list,
    principals,
    securityGroupRules,
    show,
    SECURITY_GROUP,
    SG_RULE_TYPES,
    statements,
    strings,
} from "../values";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const NAT = "aws:ec2/natGateway:NatGateway";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const DOCUMENT = "aws:ssm/document:Document";
const PATCH_BASELINE = "aws:ssm/patchBaseline:PatchBaseline";
const PATCH_GROUP = "aws:ssm/patchGroup:PatchGroup";
const SSM_ASSOCIATION = "aws:ssm/association:Association";
const WINDOW_TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";

/** What the instances cannot do without, when no NAT gateway routes them out: SSM Agent's three services. */
const SSM_SERVICES = ["ssm", "ssmmessages", "ec2messages"] as const;
/** Condition keys that narrow a wildcard principal to an account or organization. */
const PERIMETER_KEYS = [
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:sourcevpc",
    "aws:sourcevpce",
];
/** Patch Manager's instance tag keys. */
const PATCH_GROUP_TAGS = ["tag:PatchGroup", "tag:Patch Group"];
const RUN_PATCH_BASELINE = "AWS-RunPatchBaseline";

const isInterface = (p: Readonly<Record<string, unknown>>) => p.vpcEndpointType === "Interface";
/** `com.amazonaws.us-east-1.ssm` → `ssm`. */
const serviceOf = (endpoint: StackResource) =>
    String(endpoint.props.serviceName ?? "")
        .split(".")
        .pop();

/** Whether a statement's condition names one of the perimeter keys (any operator). */
function narrowed(condition: unknown): boolean {
    if (!condition || typeof condition !== "object") return false;
    return Object.values(condition as Record<string, unknown>).some(
        (block) => block !== null && typeof block === "object" && Object.keys(block).some((k) => PERIMETER_KEYS.includes(k.toLowerCase())),
    );
}

/** A wildcard-principal Allow is scoped when a perimeter condition narrows it, or it only reads named objects. */
function endpointStatementProblems(document: unknown): string[] {
    const all = statements(document);
    if (isUnknown(all)) return [];
    if (all === undefined) return ["has no policy: AWS attaches full access for any principal to any resource"];
    return all.flatMap((s, i) => {
        if (!allows(s) || !principals(s).includes("*") || narrowed(s.Condition)) return [];
        const readsNamedObjects =
            strings(s.Action).every((a) => a === "s3:GetObject") &&
            strings(s.Resource).length > 0 &&
            strings(s.Resource).every((r) => /^arn:[^:]+:s3:::[^*/]+\/\*$/.test(r));
        return readsNamedObjects
            ? []
            : [
                  `Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} allows any principal ${show(s.Action)} on ${show(s.Resource)} without an aws:PrincipalAccount / aws:ResourceAccount (or org) condition`,
              ];
    });
}

/** The VPC CIDR an endpoint's security group may admit, and the group's rules that go beyond it. */
const endpointSecurityGroupsHttpsFromVpc: StackPolicy = {
    name: "vpc-endpoint-sg-https-from-vpc",
    controls: "EC2.57; CIS 5.x (least access)",
    description:
        "The security groups of interface VPC endpoints admit TCP 443 from their VPC's CIDR only, and have no other rule (no egress).",
    enforcementLevel: "mandatory",
    resourceTypes: [ENDPOINT],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const groups = ofType(resources, SECURITY_GROUP);
        for (const endpoint of ofType(resources, ENDPOINT).filter((e) => isInterface(e.props))) {
            const vpc = ofType(resources, VPC).find((v) => pointsAt(endpoint, "vpcId", v) === "yes");
            const vpcCidr = vpc?.props.cidrBlock;
            for (const id of strings(endpoint.props.securityGroupIds)) {
                const group = groups.find((g) => g.id === id || g.props.id === id);
                if (!group) continue;
                const rules = [
                    ...securityGroupRules(group.props, SECURITY_GROUP),
                    ...resources
                        .filter(
                            (r) =>
                                SG_RULE_TYPES.includes(r.type as never) &&
                                r.type !== SECURITY_GROUP &&
                                pointsAt(r, "securityGroupId", group) === "yes",
                        )
                        .flatMap((r) => securityGroupRules(r.props, r.type)),
                ];
                const problems = rules.flatMap((rule) => {
                    if (rule.direction === "egress") return [`${rule.label} allows egress: an endpoint's interfaces only answer`];
                    const https = String(rule.protocol).toLowerCase() === "tcp" && rule.fromPort === 443 && rule.toPort === 443;
                    const outside = rule.cidrs.filter((c) => isWorld(c) || (typeof vpcCidr === "string" && c !== vpcCidr));
                    return [
                        ...(https
                            ? []
                            : [
                                  `${rule.label} admits protocol ${show(rule.protocol)} ports ${show(rule.fromPort)}-${show(rule.toPort)}: HTTPS (443) only`,
                              ]),
                        ...outside.map((c) => `${rule.label} admits ${c}: only the VPC's ${show(vpcCidr)}`),
                    ];
                });
                for (const message of problems) violations.push({ urn: group.urn, message: `(endpoint security group) ${message}` });
            }
        }
        return violations;
    },
};

/** Whether the stack's private route tables may route out through a NAT gateway at all. */
function privateTables(resources: readonly StackResource[]): StackResource[] {
    const privateSubnets = ofType(resources, SUBNET).filter((s) => tier(s) === "private");
    return ofType(resources, ROUTE_TABLE).filter(
        (table) =>
            tier(table) === "private" ||
            ofType(resources, ASSOCIATION).some(
                (a) => pointsAt(a, "routeTableId", table) === "yes" && privateSubnets.some((s) => pointsAt(a, "subnetId", s) === "yes"),
            ),
    );
}

const ssmReachableWithoutNat: StackPolicy = {
    name: "private-subnets-reach-ssm",
    controls: "EC2.57, SSM.1",
    description:
        "In a stack without NAT gateways, every VPC with private subnets has interface endpoints for ssm, ssmmessages and ec2messages, and an S3 gateway endpoint on every private route table: otherwise no instance there can be managed, patched or reached by Session Manager.",
    enforcementLevel: "mandatory",
    resourceTypes: [VPC],
    validateStack: (resources) => {
        if (ofType(resources, NAT).length > 0) return []; // a NAT gateway reaches the public endpoints
        const tables = privateTables(resources);
        const violations: StackViolation[] = [];
        for (const vpc of ofType(resources, VPC)) {
            const ownTables = tables.filter((t) => pointsAt(t, "vpcId", vpc) !== "no");
            if (ownTables.length === 0) continue;
            const endpoints = referrers(resources, ENDPOINT, "vpcId", vpc);
            const missing = SSM_SERVICES.filter((service) => !endpoints.some((e) => isInterface(e.props) && serviceOf(e) === service));
            if (missing.length > 0)
                violations.push({
                    urn: vpc.urn,
                    message: `has no NAT gateway and no interface endpoint for ${missing.join(", ")}: its instances cannot reach Systems Manager`,
                });
            const gateways = endpoints.filter((e) => e.props.vpcEndpointType === "Gateway" && serviceOf(e) === "s3");
            const routeTableIds = gateways.flatMap((g) => list(g.props.routeTableIds));
            if (gateways.some((g) => isUnknown(g.props.routeTableIds))) continue;
            for (const table of ownTables.filter((t) => !routeTableIds.some((id) => id === t.id))) {
                violations.push({
                    urn: table.urn,
                    message: "is a private route table without the S3 gateway endpoint: dnf and SSM Agent cannot fetch from S3 without NAT",
                });
            }
        }
        return violations;
    },
};

/** The preferences Session Manager reads from a Session document's JSON content. */
function sessionInputs(content: unknown): Record<string, unknown> | undefined {
    if (typeof content !== "string") return undefined;
    try {
        const inputs = at(JSON.parse(content), "inputs");
        return inputs && typeof inputs === "object" ? (inputs as Record<string, unknown>) : {};
    } catch {
        return {};
    }
}

const minutes = (value: unknown) =>
    (typeof value === "string" || typeof value === "number") && /^\d+$/.test(String(value)) ? Number(value) : undefined;

/** Patch groups an association or window targets by tag. */
const targetedGroups = (targets: unknown) =>
    list(targets)
        .filter((t) => PATCH_GROUP_TAGS.includes(String(at(t, "key"))))
        .flatMap((t) => strings(at(t, "values")));

const patchScanScheduled: StackPolicy = {
    name: "ssm-patch-scan-scheduled",
    controls: "SSM.2, SSM.3",
    description:
        "Every patch group of the stack is scanned on a schedule: an AWS-RunPatchBaseline association with Operation Scan, a scheduleExpression and a complianceSeverity targets its tag, so patch and association compliance are reported.",
    enforcementLevel: "mandatory",
    resourceTypes: [PATCH_GROUP],
    validateStack: (resources) => {
        const scans = ofType(resources, SSM_ASSOCIATION).filter(
            (a) =>
                a.props.name === RUN_PATCH_BASELINE &&
                strings(at(a.props.parameters, "Operation")).includes("Scan") &&
                isSet(a.props.scheduleExpression) &&
                isSet(a.props.complianceSeverity),
        );
        return ofType(resources, PATCH_GROUP)
            .filter(
                (g) =>
                    !isUnknown(g.props.patchGroup) &&
                    !scans.some((a) => isUnknown(a.props.targets) || targetedGroups(a.props.targets).includes(String(g.props.patchGroup))),
            )
            .map((g) => ({
                urn: g.urn,
                message: `patch group ${show(g.props.patchGroup)} has no scheduled AWS-RunPatchBaseline Scan association (with complianceSeverity): SSM.2 cannot be evaluated`,
            }));
    },
};

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const INSTANCE = "aws:ec2/instance:Instance";
const ASG = "aws:autoscaling/group:Group";
const WINDOW_TARGET = "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget";

/** Interface endpoints reach every private subnet's AZ; the S3 gateway is on every private route table of its VPC. */
const endpointsCoverPrivateSubnets: StackPolicy = {
    name: "vpc-endpoints-cover-private-subnets",
    controls: "EC2.57, SSM.1",
    description:
        "Each interface VPC endpoint has a network interface in every Availability Zone where its VPC has a private subnet, and each S3 gateway endpoint is on every private route table of its VPC: no private subnet is left to a NAT gateway or to nothing.",
    enforcementLevel: "mandatory",
    resourceTypes: [ENDPOINT],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const subnets = ofType(resources, SUBNET);
        const tables = privateTables(resources);
        for (const endpoint of ofType(resources, ENDPOINT)) {
            const vpc = ofType(resources, VPC).find((v) => pointsAt(endpoint, "vpcId", v) === "yes");
            if (!vpc) continue;
            if (isInterface(endpoint.props)) {
                if (isUnknown(endpoint.props.subnetIds)) continue;
                const own = subnets.filter((s) => pointsAt(s, "vpcId", vpc) === "yes");
                const zoneOf = (id: unknown) => own.find((s) => s.id === id)?.props.availabilityZone;
                const covered = new Set(strings(endpoint.props.subnetIds).map(zoneOf));
                const missing = [...new Set(own.filter((s) => tier(s) === "private").map((s) => s.props.availabilityZone))].filter(
                    (az) => !covered.has(az),
                );
                if (missing.length > 0)
                    violations.push({
                        urn: endpoint.urn,
                        message: `no network interface in ${missing.map(show).join(", ")}, where the VPC has private subnets: their instances reach ${serviceOf(endpoint)} only through NAT, or not at all`,
                    });
            } else if (endpoint.props.vpcEndpointType === "Gateway" && serviceOf(endpoint) === "s3") {
                if (isUnknown(endpoint.props.routeTableIds)) continue;
                const ids = strings(endpoint.props.routeTableIds);
                const missing = tables.filter((t) => pointsAt(t, "vpcId", vpc) !== "no" && !ids.includes(String(t.id)));
                if (missing.length > 0)
                    violations.push({
                        urn: endpoint.urn,
                        message: `not on the private route table(s) ${missing.map((t) => t.name).join(", ")}: their subnets reach S3 around the endpoint's policy`,
                    });
            }
        }
        return violations;
    },
};

/** The PatchGroup tag values the stack's instances carry: launch templates' instance tags (Auto Scaling) and instances' own tags. */
function instancePatchGroups(resources: readonly StackResource[]): { byAsg: Set<string>; all: Set<string> } {
    const byAsg = new Set<string>();
    const all = new Set<string>();
    const asgTemplates = ofType(resources, ASG).map((g) => at(g.props, "launchTemplate", "id"));
    for (const lt of ofType(resources, LAUNCH_TEMPLATE)) {
        const values = list(lt.props.tagSpecifications)
            .filter((t) => at(t, "resourceType") === "instance")
            .flatMap((t) => [at(t, "tags", "PatchGroup"), at(t, "tags", "Patch Group")])
            .filter((v): v is string => typeof v === "string");
        for (const v of values) {
            all.add(v);
            if (asgTemplates.includes(lt.id)) byAsg.add(v);
        }
    }
    for (const i of ofType(resources, INSTANCE))
        for (const v of [at(i.props, "tags", "PatchGroup"), at(i.props, "tags", "Patch Group")]) if (typeof v === "string") all.add(v);
    return { byAsg, all };
}

/** Patching counts only where it reaches instances: scans and install windows target a patch group the instances carry; no reboot of Auto Scaling instances. */
const patchingReachesInstances: StackPolicy = {
    name: "ssm-patching-reaches-instances",
    controls: "SSM.2, SSM.3",
    description:
        "Every patch scan association and install window target of the stack selects a PatchGroup tag the stack's instances carry (launch templates' instance tags, instances' tags), and no install task patches Auto Scaling instances in place (a reboot gets them replaced mid-patch, NoReboot leaves them pending: a group is patched by instance refresh).",
    enforcementLevel: "mandatory",
    resourceTypes: [SSM_ASSOCIATION, WINDOW_TARGET, WINDOW_TASK],
    validateStack: (resources) => {
        const { byAsg, all } = instancePatchGroups(resources);
        if (all.size === 0) return []; // instances outside the stack (or none): nothing to compare with
        const violations: StackViolation[] = [];
        const patching = [
            ...ofType(resources, SSM_ASSOCIATION).filter((a) => a.props.name === RUN_PATCH_BASELINE),
            ...ofType(resources, WINDOW_TARGET),
        ];
        for (const r of patching) {
            if (isUnknown(r.props.targets)) continue;
            const groups = targetedGroups(r.props.targets);
            if (groups.length > 0 && !groups.some((g) => all.has(g)))
                violations.push({
                    urn: r.urn,
                    message: `targets patch group(s) ${groups.map(show).join(", ")}, which no instance of the stack carries (${[...all].map(show).join(", ")}): it patches or scans nothing`,
                });
        }
        // An Auto Scaling group is patched by replacement (an instance refresh), never in place: a reboot fails the
        // instance's health check and the group replaces it mid-patch; NoReboot leaves patches InstalledPendingReboot,
        // NON_COMPLIANT for SSM.2 (Systems Manager API Reference, InstancePatchState.RebootOption).
        const asgTargets = new Set(
            ofType(resources, WINDOW_TARGET)
                .filter((t) => targetedGroups(t.props.targets).some((g) => byAsg.has(g)))
                .flatMap((t) => [t.name, t.props.name, t.id]),
        );
        for (const task of ofType(resources, WINDOW_TASK).filter((t) => t.props.taskArn === RUN_PATCH_BASELINE)) {
            const targetsAsg =
                list(task.props.targets).some(
                    (t) => at(t, "key") === "WindowTargetIds" && strings(at(t, "values")).some((v) => asgTargets.has(v)),
                ) || targetedGroups(task.props.targets).some((g) => byAsg.has(g));
            if (targetsAsg)
                violations.push({
                    urn: task.urn,
                    message:
                        "installs patches in place on Auto Scaling instances: a reboot gets them replaced mid-patch, no reboot leaves them InstalledPendingReboot (SSM.2); patch the group by instance refresh",
                });
        }
        return violations;
    },
};

/** A scan runs at least daily: rate(N minutes/hours), rate(1 day), or a cron firing every day. */
function daily(expression: unknown): boolean | undefined {
    if (typeof expression !== "string") return undefined;
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
    if (rate) return rate[2].startsWith("day") ? Number(rate[1]) <= 1 : Number(rate[1]) <= (rate[2].startsWith("hour") ? 24 : 1440);
    const cron = /^cron\((.+)\)$/.exec(expression.trim());
    if (cron) {
        const fields = cron[1].trim().split(/\s+/);
        return fields.length >= 5 && ["*", "?"].includes(fields[2]) && ["*", "?"].includes(fields[4]);
    }
    return false;
}

export const PRIVATE_MANAGEMENT_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "vpc-endpoint-interface-private-dns",
        controls: "EC2.57; aws-constraints (VPC endpoints)",
        description:
            "Interface VPC endpoints have private DNS on (the service's own name resolves to them), sit in subnets and carry a security group.",
        enforcementLevel: "mandatory",
        resourceTypes: [ENDPOINT],
        check: (p) => {
            if (!isInterface(p)) return [];
            return [
                ...(p.privateDnsEnabled === true || isUnknown(p.privateDnsEnabled)
                    ? []
                    : [`privateDnsEnabled is ${show(p.privateDnsEnabled)}: clients would resolve the public endpoint and go around it`]),
                ...(isSet(p.subnetIds) ? [] : ["subnetIds is unset: the endpoint has no network interface to reach"]),
                ...(isSet(p.securityGroupIds) ? [] : ["securityGroupIds is unset: the VPC's default security group would apply"]),
            ];
        },
    }),
    resourcePolicy({
        name: "vpc-endpoint-policy-scoped",
        controls: "EC2.57; data perimeter (aws:PrincipalAccount)",
        description:
            "Every VPC endpoint has a policy, and each statement allowing any principal is narrowed to the account (aws:PrincipalAccount / aws:ResourceAccount, or the organization), or only reads objects of named buckets (AWS-owned repositories).",
        enforcementLevel: "mandatory",
        resourceTypes: [ENDPOINT],
        check: (p) => endpointStatementProblems(p.policy),
    }),
    endpointSecurityGroupsHttpsFromVpc,
    ssmReachableWithoutNat,
    resourcePolicy({
        name: "ssm-session-preferences-recorded",
        controls: "aws-constraints (Session Manager); CIS 3.x (audit logging)",
        description:
            "The Session Manager preferences document logs every session to an encrypted log group or bucket (encryption enforced), encrypts session data with a KMS key, keeps Run As off, and bounds idle time (at most 60 minutes) and session duration.",
        enforcementLevel: "mandatory",
        resourceTypes: [DOCUMENT],
        check: (p) => {
            if (p.documentType !== "Session") return [];
            const inputs = sessionInputs(p.content);
            if (inputs === undefined) return [];
            const problems: string[] = [];
            const toS3 = isSet(inputs.s3BucketName),
                toLogs = isSet(inputs.cloudWatchLogGroupName);
            if (!toS3 && !toLogs) problems.push("logs sessions nowhere (s3BucketName and cloudWatchLogGroupName unset)");
            if (toS3 && inputs.s3EncryptionEnabled !== true)
                problems.push("s3EncryptionEnabled is not true: transcripts may land in an unencrypted bucket");
            if (toLogs && inputs.cloudWatchEncryptionEnabled !== true)
                problems.push("cloudWatchEncryptionEnabled is not true: transcripts may stream to an unencrypted log group");
            if (!isSet(inputs.kmsKeyId)) problems.push("kmsKeyId is unset: session data is not encrypted with a KMS key");
            if (inputs.runAsEnabled !== false) problems.push(`runAsEnabled is ${show(inputs.runAsEnabled)}: sessions must run as ssm-user`);
            const idle = minutes(inputs.idleSessionTimeout);
            if (idle === undefined || idle < 1 || idle > 60)
                problems.push(`idleSessionTimeout is ${show(inputs.idleSessionTimeout)}: 1 to 60 minutes`);
            const max = minutes(inputs.maxSessionDuration);
            if (max === undefined || max < 1 || max > 1440)
                problems.push(`maxSessionDuration is ${show(inputs.maxSessionDuration)}: 1 to 1440 minutes`);
            return problems;
        },
    }),
    {
        name: "ssm-session-transcripts-kept",
        controls: "aws-constraints (Session Manager); CIS 3.x (audit logging)",
        description:
            "In a production stack the Session Manager preferences keep every transcript both in S3 (the durable, versioned record) and in CloudWatch Logs (streamed, alarmable).",
        enforcementLevel: "mandatory",
        resourceTypes: [DOCUMENT],
        validateStack: (resources) =>
            !stackInProd(resources)
                ? []
                : ofType(resources, DOCUMENT)
                      .filter((d) => d.props.documentType === "Session")
                      .flatMap((d) => {
                          const inputs = sessionInputs(d.props.content);
                          if (inputs === undefined) return [];
                          const missing = [
                              ...(isSet(inputs.s3BucketName) ? [] : ["S3 (s3BucketName)"]),
                              ...(isSet(inputs.cloudWatchLogGroupName) ? [] : ["CloudWatch Logs (cloudWatchLogGroupName)"]),
                          ];
                          return missing.length === 0
                              ? []
                              : [{ urn: d.urn, message: `session transcripts are not kept in ${missing.join(" or ")}: prod keeps both` }];
                      }),
    } satisfies StackPolicy,
    {
        name: "ssm-patch-baseline-severities",
        controls: "SSM.2",
        description: `A patch baseline's Security rule filtered by severity approves Critical updates and every severity down to its least; in a production stack down to ${PROD_PROFILE.patchMinimumSeverity} (the prod profile's tap:patchMinimumSeverity), within ${PROD_PROFILE.patchApprovalDelayDays} days.`,
        enforcementLevel: "mandatory",
        resourceTypes: [PATCH_BASELINE],
        validateStack: (resources) =>
            ofType(resources, PATCH_BASELINE).flatMap((baseline): StackViolation[] => {
                const p = baseline.props;
                if (isUnknown(p.approvalRules)) return [];
                const problems: string[] = [];
                const prod = stackInProd(resources);
                for (const rule of list(p.approvalRules).filter((r) =>
                    list(at(r, "patchFilters")).some(
                        (f) => at(f, "key") === "CLASSIFICATION" && strings(at(f, "values")).includes("Security"),
                    ),
                )) {
                    const severity = list(at(rule, "patchFilters")).find((f) => at(f, "key") === "SEVERITY");
                    if (!severity) continue; // every severity
                    const values = strings(at(severity, "values"));
                    const least = Math.max(...values.map((v) => PATCH_SEVERITY_ORDER.indexOf(v as never)));
                    const gaps = PATCH_SEVERITY_ORDER.slice(0, least + 1).filter((v) => !values.includes(v));
                    if (gaps.length > 0 || least < 0)
                        problems.push(
                            `the Security rule approves ${show(values)}, not ${gaps.join(", ") || "Critical"}: a more severe advisory than the least approved is left out`,
                        );
                    const wanted = PATCH_SEVERITY_ORDER.indexOf(PROD_PROFILE.patchMinimumSeverity);
                    if (prod && least < wanted)
                        problems.push(
                            `the Security rule approves down to ${show(PATCH_SEVERITY_ORDER[least])}: prod approves down to ${PROD_PROFILE.patchMinimumSeverity}`,
                        );
                    const days = at(rule, "approveAfterDays");
                    if (prod && typeof days === "number" && days > PROD_PROFILE.patchApprovalDelayDays)
                        problems.push(
                            `security updates wait ${days} days: prod approves them within ${PROD_PROFILE.patchApprovalDelayDays}`,
                        );
                }
                return problems.map((message) => ({ urn: baseline.urn, message }));
            }),
    } satisfies StackPolicy,
    resourcePolicy({
        name: "ssm-patch-baseline-security-updates",
        controls: "SSM.2",
        description:
            "Patch baselines name their operating system (the default is Windows) and approve Security-classified updates within 30 days of release.",
        enforcementLevel: "mandatory",
        resourceTypes: [PATCH_BASELINE],
        check: (p) => {
            const problems: string[] = [];
            if (!isSet(p.operatingSystem)) problems.push("operatingSystem is unset: the baseline would be a WINDOWS one");
            if (isUnknown(p.approvalRules)) return problems;
            const security = list(p.approvalRules).filter((r) =>
                list(at(r, "patchFilters")).some((f) => at(f, "key") === "CLASSIFICATION" && strings(at(f, "values")).includes("Security")),
            );
            if (security.length === 0)
                problems.push("no approval rule approves CLASSIFICATION Security: security updates would never be installed");
            for (const r of security) {
                const days = at(r, "approveAfterDays");
                if (typeof days === "number" && days > 30) problems.push(`security updates wait ${days} days for approval: at most 30`);
            }
            return problems;
        },
    }),
    patchScanScheduled,
    endpointsCoverPrivateSubnets,
    patchingReachesInstances,
    resourcePolicy({
        name: "ssm-patch-scan-daily",
        controls: "SSM.3",
        description:
            "AWS-RunPatchBaseline Scan associations run at least daily (a rate of a day or less, or a cron firing every day), so patch compliance is never more than a day old.",
        enforcementLevel: "mandatory",
        resourceTypes: [SSM_ASSOCIATION],
        check: (p) =>
            p.name === RUN_PATCH_BASELINE &&
            strings(at(p.parameters, "Operation")).includes("Scan") &&
            daily(p.scheduleExpression) === false
                ? [`scheduleExpression is ${show(p.scheduleExpression)}: scan at least daily`]
                : [],
    }),
    resourcePolicy({
        name: "ssm-patch-install-bounded",
        controls: "SSM.2; aws-constraints (Auto Scaling and reboots)",
        description:
            "Maintenance window tasks running AWS-RunPatchBaseline bound their rollout (maxConcurrency and maxErrors set, concurrency not 100%) and log their output (S3 or CloudWatch Logs).",
        enforcementLevel: "mandatory",
        resourceTypes: [WINDOW_TASK],
        check: (p) => {
            if (p.taskArn !== RUN_PATCH_BASELINE) return [];
            const problems: string[] = [];
            if (!isSet(p.maxConcurrency) || p.maxConcurrency === "100%")
                problems.push(`maxConcurrency is ${show(p.maxConcurrency)}: patch a bounded number of instances at a time`);
            if (!isSet(p.maxErrors)) problems.push("maxErrors is unset: a failing update would keep spreading");
            const run = at(p.taskInvocationParameters, "runCommandParameters");
            if (isUnknown(run)) return problems;
            if (!isSet(at(run, "outputS3Bucket")) && at(run, "cloudwatchConfig", "cloudwatchOutputEnabled") !== true)
                problems.push("the command output is logged nowhere (no outputS3Bucket, CloudWatch output off)");
            return problems;
        },
    }),
];
