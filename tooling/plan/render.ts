/** Renders an offline plan as the tree a reviewer reads: component → resources, with key settings. */
import { Plan, PlannedResource } from "../mock-runtime/harness";

/**
 * The settings a reviewer checks, per resource type. Types not listed show no settings; a
 * setting that is unset shows as `-`, so a missing control is visible in the plan.
 */
export const KEY_SETTINGS: Record<string, readonly string[]> = {
    "aws:cloudtrail/trail:Trail": [
        "name",
        "s3BucketName",
        "kmsKeyId",
        "enableLogFileValidation",
        "isMultiRegionTrail",
        "includeGlobalServiceEvents",
        "cloudWatchLogsGroupArn",
        "eventSelectors",
    ],
    "aws:guardduty/detector:Detector": ["enable", "findingPublishingFrequency"],
    "aws:guardduty/detectorFeature:DetectorFeature": ["name", "status"],
    "aws:cfg/recorder:Recorder": ["name", "recordingGroup"],
    "aws:cfg/deliveryChannel:DeliveryChannel": ["s3BucketName", "s3KmsKeyArn", "snapshotDeliveryProperties"],
    "aws:cfg/recorderStatus:RecorderStatus": ["name", "isEnabled"],
    "aws:cfg/rule:Rule": ["source"],
    "aws:sns/topic:Topic": ["name", "kmsMasterKeyId"],
    "aws:sns/topicSubscription:TopicSubscription": ["protocol", "endpoint"],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["logGroupName", "pattern"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["alarmDescription", "threshold", "alarmActions"],
    "aws:cloudwatch/eventRule:EventRule": ["description", "eventPattern"],
    "aws:cloudwatch/eventTarget:EventTarget": ["rule", "arn"],
    "pulumi:providers:aws": ["region", "defaultTags"],
    "aws:ec2/vpc:Vpc": ["cidrBlock", "enableDnsSupport", "enableDnsHostnames"],
    "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "mapPublicIpOnLaunch"],
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["ingress", "egress"],
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ["ingress", "egress"],
    "aws:ec2/eip:Eip": ["domain"],
    "aws:ec2/natGateway:NatGateway": ["subnetId", "allocationId"],
    "aws:ec2/routeTable:RouteTable": ["vpcId"],
    "aws:ec2/route:Route": ["routeTableId", "destinationCidrBlock", "gatewayId", "natGatewayId"],
    "aws:ec2/routeTableAssociation:RouteTableAssociation": ["subnetId", "routeTableId"],
    "aws:ec2/flowLog:FlowLog": ["trafficType", "logDestinationType", "logDestination", "iamRoleArn"],
    "aws:cloudwatch/logGroup:LogGroup": ["name", "retentionInDays", "kmsKeyId"],
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:iam/rolePolicy:RolePolicy": ["role", "policy"],
    "aws:kms/key:Key": ["enableKeyRotation", "rotationPeriodInDays", "deletionWindowInDays", "multiRegion"],
    "aws:kms/alias:Alias": ["name", "targetKeyId"],
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": ["awsServiceName", "customSuffix"],
    "aws:s3/bucket:Bucket": ["bucket", "forceDestroy"],
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["rule"],
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": [
        "blockPublicAcls",
        "blockPublicPolicy",
        "ignorePublicAcls",
        "restrictPublicBuckets",
    ],
    "aws:s3/bucketVersioning:BucketVersioning": ["versioningConfiguration"],
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": ["rules"],
    "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
    "aws:s3/bucketLogging:BucketLogging": ["targetBucket", "targetPrefix"],
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": ["rules"],
    "aws:ebs/encryptionByDefault:EncryptionByDefault": ["enabled"],
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": [
        "minimumPasswordLength",
        "passwordReusePrevention",
        "maxPasswordAge",
        "requireSymbols",
        "requireNumbers",
        "requireUppercaseCharacters",
        "requireLowercaseCharacters",
    ],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
    "aws:iam/instanceProfile:InstanceProfile": ["role"],
    "aws:ec2/securityGroup:SecurityGroup": ["vpcId", "ingress", "egress"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
        "securityGroupId",
        "ipProtocol",
        "fromPort",
        "toPort",
        "cidrIpv4",
        "referencedSecurityGroupId",
    ],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
        "securityGroupId",
        "ipProtocol",
        "fromPort",
        "toPort",
        "cidrIpv4",
        "referencedSecurityGroupId",
    ],
    "aws:lb/loadBalancer:LoadBalancer": [
        "name",
        "internal",
        "subnets",
        "securityGroups",
        "dropInvalidHeaderFields",
        "desyncMitigationMode",
        "enableDeletionProtection",
        "accessLogs",
    ],
    "aws:lb/targetGroup:TargetGroup": ["port", "protocol", "healthCheck"],
    "aws:lb/listener:Listener": ["port", "protocol", "sslPolicy", "certificateArn", "defaultActions"],
    "aws:autoscaling/attachment:Attachment": ["autoscalingGroupName", "lbTargetGroupArn"],
    "aws:wafv2/webAcl:WebAcl": ["name", "scope", "defaultAction", "rules", "visibilityConfig"],
    "aws:wafv2/webAclAssociation:WebAclAssociation": ["resourceArn", "webAclArn"],
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": ["resourceArn", "logDestinationConfigs", "redactedFields"],
    "aws:rds/instance:Instance": [
        "identifier",
        "engine",
        "engineVersion",
        "instanceClass",
        "publiclyAccessible",
        "storageEncrypted",
        "kmsKeyId",
        "manageMasterUserPassword",
        "masterUserSecretKmsKeyId",
        "multiAz",
        "backupRetentionPeriod",
        "deletionProtection",
        "skipFinalSnapshot",
        "enabledCloudwatchLogsExports",
        "performanceInsightsEnabled",
        "autoMinorVersionUpgrade",
    ],
    "aws:rds/subnetGroup:SubnetGroup": ["subnetIds"],
    "aws:rds/parameterGroup:ParameterGroup": ["family", "parameters"],
    "aws:cloudfront/originAccessControl:OriginAccessControl": ["originAccessControlOriginType", "signingBehavior", "signingProtocol"],
    "aws:cloudfront/distribution:Distribution": ["aliases", "origins", "defaultCacheBehavior", "viewerCertificate", "defaultRootObject"],
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": ["region", "name", "logType", "resourceArn"],
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": ["region", "name", "deliveryDestinationConfiguration"],
    "aws:cloudwatch/logDelivery:LogDelivery": ["region", "deliverySourceName", "deliveryDestinationArn"],
    "aws:ec2/launchTemplate:LaunchTemplate": [
        "imageId",
        "instanceType",
        "keyName",
        "metadataOptions",
        "networkInterfaces",
        "blockDeviceMappings",
        "monitoring",
    ],
    "aws:ec2/instance:Instance": [
        "launchTemplate",
        "ami",
        "instanceType",
        "subnetId",
        "associatePublicIpAddress",
        "keyName",
        "metadataOptions",
        "monitoring",
    ],
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": ["targetGroupArn", "targetId", "port"],
    "aws:budgets/budget:Budget": ["name", "budgetType", "limitAmount", "limitUnit", "timeUnit", "filterExpression", "notifications"],
    "aws:autoscaling/group:Group": [
        "minSize",
        "maxSize",
        "desiredCapacity",
        "vpcZoneIdentifiers",
        "launchTemplate",
        "instanceRefresh",
        "maxInstanceLifetime",
        "healthCheckType",
        "protectFromScaleIn",
    ],
    // Private management plane (issue 12)
    "aws:ec2/vpcEndpoint:VpcEndpoint": [
        "serviceName",
        "vpcEndpointType",
        "privateDnsEnabled",
        "subnetIds",
        "routeTableIds",
        "securityGroupIds",
        "policy",
    ],
    "aws:ssm/document:Document": ["name", "documentType", "content"],
    "aws:ssm/patchBaseline:PatchBaseline": ["name", "operatingSystem", "approvalRules", "rejectedPatchesAction"],
    "aws:ssm/patchGroup:PatchGroup": ["patchGroup", "baselineId"],
    "aws:ssm/association:Association": ["name", "parameters", "targets", "scheduleExpression", "complianceSeverity", "outputLocation"],
    "aws:ssm/maintenanceWindow:MaintenanceWindow": ["schedule", "scheduleTimezone", "duration", "cutoff"],
    "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget": ["resourceType", "targets"],
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": ["taskArn", "maxConcurrency", "maxErrors", "taskInvocationParameters"],
};

/** `aws:ec2/vpc:Vpc` → `ec2.Vpc`; `tap:network:VpcNetwork` → `VpcNetwork`. */
export function shortType(type: string): string {
    if (type.startsWith("aws:")) {
        const [, middle, kind] = type.split(":");
        return `${middle.split("/")[0]}.${kind}`;
    }
    if (type.startsWith("pulumi:providers:")) return `provider:${type.slice("pulumi:providers:".length)}`;
    return type.split(":").pop() ?? type;
}

/** Shows ids and ARNs of other planned resources as `→name`, and JSON policies compactly. */
function formatValue(value: unknown, refs: ReadonlyMap<string, string>): string {
    if (value === undefined || value === null) return "-";
    if (typeof value === "string") {
        const ref = refs.get(value);
        if (ref) return `→${ref}`;
        if (value.startsWith("{")) {
            try {
                return JSON.stringify(JSON.parse(value), (_k, v) => (typeof v === "string" && refs.has(v) ? `→${refs.get(v)}` : v));
            } catch {
                return value;
            }
        }
        return value;
    }
    if (Array.isArray(value)) return `[${value.map((v) => formatValue(v, refs)).join(", ")}]`;
    if (typeof value === "object") {
        return JSON.stringify(value, (_k, v) => (typeof v === "string" && refs.has(v) ? `→${refs.get(v)}` : v));
    }
    return String(value);
}

export function renderTree(plan: Plan): string {
    const refs = new Map<string, string>();
    for (const r of plan.resources) {
        if (!r.custom) continue;
        refs.set(r.id, r.name);
        const arn = r.state.arn;
        // The first resource with an ARN owns it (a topic policy carries its topic's `arn`).
        if (typeof arn === "string" && !refs.has(arn)) refs.set(arn, r.name);
    }
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const r of plan.resources) {
        const siblings = children.get(r.parent) ?? [];
        siblings.push(r);
        children.set(r.parent, siblings);
    }
    const lines: string[] = [];
    const walk = (r: PlannedResource, depth: number) => {
        const indent = "  ".repeat(depth);
        const settings = (KEY_SETTINGS[r.type] ?? []).map(
            (key) => `${key}=${key === "name" ? String(r.inputs[key] ?? "-") : formatValue(r.inputs[key], refs)}`,
        );
        // Explicit ordering is a reviewed property too (trail after its bucket policy, Config order).
        if (r.dependsOn.length > 0) settings.push(`dependsOn=[${r.dependsOn.map((urn) => urn.split("::").pop()).join(", ")}]`);
        lines.push(
            `${indent}${r.custom ? "+" : "■"} ${shortType(r.type)} ${r.name}${guardMarks(r)}${settings.length ? `  ${settings.join("  ")}` : ""}`,
        );
        for (const c of children.get(r.urn) ?? []) walk(c, depth + 1);
    };
    for (const root of children.get(undefined) ?? []) walk(root, 0);
    return lines.join("\n");
}

/** ` 🔒` for a protected resource, ` ⚓` for one retained on delete (both can apply). */
function guardMarks(r: PlannedResource): string {
    return `${r.protect ? " 🔒" : ""}${r.retainOnDelete ? " ⚓" : ""}`;
}

/** The summary line of what a wrong command cannot delete (🔒 protect) and what a deliberate one leaves behind (⚓ retainOnDelete). */
export function renderGuards(plan: Plan): string {
    const managed = plan.resources.filter((r) => r.custom);
    const count = (keep: (r: PlannedResource) => boolean) => managed.filter(keep).length;
    return `🔒 protected: ${count((r) => r.protect)}, ⚓ retained on delete: ${count((r) => r.retainOnDelete)} (of ${managed.length})`;
}

export function renderOutputs(outputs: Record<string, unknown>): string {
    const width = Math.max(0, ...Object.keys(outputs).map((k) => k.length));
    return Object.entries(outputs)
        .map(([key, value]) => `  ${key.padEnd(width)}  ${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join("\n");
}

/** Counts per resource type, most first: the summary under the tree. */
export function countByType(plan: Plan): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const r of plan.resources) if (r.custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The regions side by side: one column per AWS provider, one row per thing a reviewer compares. */
export function renderRegions(plan: Plan): string {
    const providers = plan.resources.filter((r) => r.type === "pulumi:providers:aws");
    const rows: Array<[string, (mine: PlannedResource[]) => string]> = [
        ["resources", (mine) => String(mine.length)],
        [
            "VPC CIDR",
            (mine) =>
                mine
                    .filter((r) => r.type === "aws:ec2/vpc:Vpc")
                    .map((r) => String(r.inputs.cidrBlock))
                    .join(" ") || "-",
        ],
        [
            "KMS key",
            (mine) =>
                mine
                    .filter((r) => r.type === "aws:kms/key:Key")
                    .map((r) => r.name)
                    .join(" ") || "-",
        ],
        ["NAT gateways", (mine) => String(mine.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").length)],
        [
            "instances (min/max)",
            (mine) =>
                [
                    ...mine.filter((r) => r.type === "aws:autoscaling/group:Group").map((r) => `${r.inputs.minSize}/${r.inputs.maxSize}`),
                    ...mine.filter((r) => r.type === "aws:ec2/instance:Instance").map(() => "1 (single)"),
                ].join(" ") || "-",
        ],
        [
            "CloudTrail",
            (mine) =>
                mine
                    .filter((r) => r.type === "aws:cloudtrail/trail:Trail")
                    .map((r) => (r.inputs.isMultiRegionTrail ? "multi-region" : "this region"))
                    .join(" ") || "-",
        ],
        ["GuardDuty", (mine) => (mine.some((r) => r.type === "aws:guardduty/detector:Detector") ? "detector" : "adopted")],
        [
            "Config",
            (mine) =>
                (mine.some((r) => r.type === "aws:cfg/recorder:Recorder") ? "recorder" : "reused") +
                ` + ${mine.filter((r) => r.type === "aws:cfg/rule:Rule").length} rules`,
        ],
        [
            "global IAM",
            (mine) => String(mine.filter((r) => r.type.startsWith("aws:iam/") && r.type !== "aws:iam/rolePolicy:RolePolicy").length),
        ],
    ];
    const columns = providers.map((p) => {
        const mine = plan.resources.filter((r) => r.custom && r.provider === p.name);
        return [String(p.inputs.region), ...rows.map(([, value]) => value(mine))];
    });
    const labels = ["region", ...rows.map(([label]) => label)];
    const widths = [Math.max(...labels.map((l) => l.length)), ...columns.map((col) => Math.max(...col.map((v) => v.length)))];
    return labels
        .map((label, i) =>
            [label, ...columns.map((col) => col[i])]
                .map((cell, j) => cell.padEnd(widths[j]))
                .join("  ")
                .trimEnd(),
        )
        .map((line) => `  ${line}`)
        .join("\n");
}
