/**
 * What a change does to a deployed stack, from two offline plans (`npm run plan -- --json` of the
 * base, e.g. main, and of the change): resources added, removed, updated in place, and replaced
 * (deleted and created again: the data of a bucket, key, log group or database goes with it). A
 * pure function of the two plan JSONs: no Pulumi, no account.
 *
 * A resource is replaced when its URN changes (a renamed logical name, a new parent) without an
 * alias, when its physical name changes, when a property that forces replacement for its type
 * changes (FORCE_REPLACE, from the AWS provider's schema), or when such a property refers to a
 * resource that is itself replaced (a subnet of a replaced VPC).
 */

/** The slice of a planned resource the diff reads (from a Plan or its JSON). */
export interface DiffResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly id: string;
    readonly inputs: Record<string, unknown>;
    readonly state?: Record<string, unknown>;
    readonly aliases?: readonly string[];
    readonly retainOnDelete?: boolean;
}

export interface DiffPlan {
    readonly stack: string;
    readonly resources: readonly DiffResource[];
}

/** Inputs whose change gives the resource a new physical name: a new resource for every AWS type here. */
export const PHYSICAL_NAME_KEYS = ["name", "namePrefix", "bucket", "bucketPrefix", "identifier", "identifierPrefix", "region"] as const;

/**
 * Properties that force replacement, per type (ForceNew in the AWS provider's schema), besides the
 * physical name keys above. Keep the stateful types complete: buckets, keys, log groups, the
 * database, the trail, the VPC and subnets. A type not listed is replaced only by a name or URN change.
 */
export const FORCE_REPLACE: Readonly<Record<string, readonly string[]>> = {
    // Stateful: their data (objects, key material, log events, rows, history) goes with a replacement.
    "aws:s3/bucket:Bucket": ["objectLockEnabled"],
    "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
    "aws:cloudwatch/logGroup:LogGroup": ["logGroupClass"],
    "aws:rds/instance:Instance": [
        "engine",
        "availabilityZone",
        "dbName",
        "storageEncrypted",
        "kmsKeyId",
        "username",
        "characterSetName",
        "ncharCharacterSetName",
        "timezone",
        "snapshotIdentifier",
        "restoreToPointInTime",
        "s3Import",
        "customIamInstanceProfile",
    ],
    "aws:cloudtrail/trail:Trail": [],
    "aws:secretsmanager/secret:Secret": [],
    // Network
    "aws:ec2/vpc:Vpc": ["cidrBlock", "instanceTenancy", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    "aws:ec2/subnet:Subnet": ["vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "outpostArn", "ipv6Native"],
    "aws:ec2/natGateway:NatGateway": ["subnetId", "allocationId", "connectivityType", "privateIp"],
    "aws:ec2/eip:Eip": ["domain", "address", "publicIpv4Pool"],
    "aws:ec2/securityGroup:SecurityGroup": ["description", "vpcId"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["securityGroupId"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["securityGroupId"],
    "aws:ec2/routeTable:RouteTable": ["vpcId"],
    "aws:ec2/route:Route": ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
    "aws:ec2/routeTableAssociation:RouteTableAssociation": ["subnetId", "gatewayId"],
    "aws:ec2/flowLog:FlowLog": [
        "vpcId",
        "subnetId",
        "trafficType",
        "logDestination",
        "logDestinationType",
        "iamRoleArn",
        "logFormat",
        "maxAggregationInterval",
    ],
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["vpcId"],
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ["defaultNetworkAclId"],
    // Compute, web, data
    "aws:ec2/instance:Instance": [
        "ami",
        "availabilityZone",
        "subnetId",
        "keyName",
        "privateIp",
        "associatePublicIpAddress",
        "launchTemplate",
    ],
    "aws:lb/loadBalancer:LoadBalancer": ["internal", "loadBalancerType"],
    "aws:lb/targetGroup:TargetGroup": ["port", "protocol", "vpcId", "targetType", "protocolVersion"],
    "aws:lb/listener:Listener": ["loadBalancerArn"],
    "aws:wafv2/webAcl:WebAcl": ["scope"],
    "aws:wafv2/webAclAssociation:WebAclAssociation": ["resourceArn", "webAclArn"],
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": ["resourceArn"],
    "aws:rds/parameterGroup:ParameterGroup": ["family", "description"],
    "aws:autoscaling/attachment:Attachment": ["autoscalingGroupName", "lbTargetGroupArn"],
    // Security and monitoring
    "aws:kms/alias:Alias": [],
    "aws:iam/role:Role": ["path"],
    "aws:iam/rolePolicy:RolePolicy": ["role"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": ["awsServiceName", "customSuffix"],
    "aws:sns/topic:Topic": ["fifoTopic"],
    "aws:guardduty/detectorFeature:DetectorFeature": ["detectorId"],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["logGroupName"],
    "aws:cloudwatch/eventRule:EventRule": ["eventBusName"],
    "aws:cloudwatch/eventTarget:EventTarget": ["rule", "targetId", "eventBusName"],
    "aws:s3/bucketPolicy:BucketPolicy": ["bucket"],
    "aws:budgets/budget:Budget": ["accountId"],
};

/** Types whose replacement or deletion loses data or history: flagged loudly. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
    "aws:s3/bucket:Bucket",
    "aws:kms/key:Key",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:rds/instance:Instance",
    "aws:cloudtrail/trail:Trail",
    "aws:secretsmanager/secret:Secret",
]);

export interface Changed {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Top-level inputs whose value differs. */
    readonly keys: readonly string[];
}

export interface Replaced extends Changed {
    /** The URN after the change, when it differs (a rename without an alias). */
    readonly newUrn?: string;
    /** Why: `URN changed`, `physical name (bucket) changed`, `cidrBlock forces replacement`, `refers to replaced X`. */
    readonly reasons: readonly string[];
    readonly stateful: boolean;
}

export interface Removed {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly stateful: boolean;
    /** `retainOnDelete`: Pulumi forgets it and leaves it in the account. */
    readonly retained: boolean;
}

export interface PlanDiff {
    readonly baseStack: string;
    readonly stack: string;
    readonly added: readonly { readonly urn: string; readonly type: string; readonly name: string }[];
    readonly removed: readonly Removed[];
    readonly updated: readonly Changed[];
    readonly replaced: readonly Replaced[];
    readonly unchanged: number;
    /** Stateful resources replaced or deleted (not retained): what loses data. */
    readonly statefulLosses: readonly string[];
}

/** JSON with object keys sorted: equal values compare equal whatever the key order. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) =>
        v !== null && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
            : v,
    );
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => canonical(before[k]) !== canonical(after[k])).sort();
}

/** Every string inside a value (ids and ARNs may sit in lists and objects). */
function strings(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
    else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => strings(v, out));
    return out;
}

const commonPrefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
};
const commonSuffix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
    return i;
};

/**
 * Pairs resources that left the plan with resources of the same type that joined it, most similar
 * logical names first (`tap-dev-use1-vpc` with `tap-qa-use1-vpc`): a pair is one resource replaced
 * under a new URN; the rest are plain deletions and additions.
 */
function pairRenamed(gone: DiffResource[], come: DiffResource[]): Array<[DiffResource, DiffResource]> {
    const candidates: Array<{ score: number; a: DiffResource; b: DiffResource }> = [];
    for (const a of gone) {
        for (const b of come) {
            if (a.type === b.type) candidates.push({ score: commonPrefix(a.name, b.name) + commonSuffix(a.name, b.name), a, b });
        }
    }
    candidates.sort((x, y) => y.score - x.score || x.a.urn.localeCompare(y.a.urn) || x.b.urn.localeCompare(y.b.urn));
    const used = new Set<string>();
    const pairs: Array<[DiffResource, DiffResource]> = [];
    for (const { a, b } of candidates) {
        if (used.has(a.urn) || used.has(`+${b.urn}`)) continue;
        used.add(a.urn);
        used.add(`+${b.urn}`);
        pairs.push([a, b]);
    }
    return pairs;
}

/** The diff from `base` to `head` (both plan JSONs of the same project). */
export function diffPlans(base: DiffPlan, head: DiffPlan): PlanDiff {
    const before = base.resources.filter((r) => r.custom);
    const after = head.resources.filter((r) => r.custom);
    const beforeByUrn = new Map(before.map((r) => [r.urn, r]));
    // A head resource matches the base resource of its URN or of one of its aliases (a move that keeps state).
    const matches: Array<[DiffResource, DiffResource]> = [];
    const matchedBase = new Set<string>();
    const added: DiffResource[] = [];
    for (const r of after) {
        const old = [r.urn, ...(r.aliases ?? [])].map((u) => beforeByUrn.get(u)).find((o) => o && !matchedBase.has(o.urn));
        if (old) {
            matches.push([old, r]);
            matchedBase.add(old.urn);
        } else {
            added.push(r);
        }
    }
    const gone = before.filter((r) => !matchedBase.has(r.urn));
    const renamed = pairRenamed(gone, added);
    const renamedBase = new Set(renamed.map(([a]) => a.urn));
    const renamedHead = new Set(renamed.map(([, b]) => b.urn));

    const replaced = new Map<string, Replaced>();
    const replace = (a: DiffResource, b: DiffResource, reasons: string[]) => {
        replaced.set(a.urn, {
            urn: a.urn,
            type: a.type,
            name: a.name,
            keys: changedKeys(a.inputs, b.inputs),
            reasons,
            stateful: STATEFUL_TYPES.has(a.type),
            ...(a.urn !== b.urn && { newUrn: b.urn }),
        });
    };
    for (const [a, b] of renamed) replace(a, b, [`URN changed (${a.name} → ${b.name})`]);
    const updated: Changed[] = [];
    const changedPairs: Array<[DiffResource, DiffResource, string[]]> = [];
    let unchanged = 0;
    for (const [a, b] of matches) {
        const keys = changedKeys(a.inputs, b.inputs);
        const reasons = [
            ...keys.filter((k) => (PHYSICAL_NAME_KEYS as readonly string[]).includes(k)).map((k) => `physical name (${k}) changed`),
            ...keys.filter((k) => (FORCE_REPLACE[a.type] ?? []).includes(k)).map((k) => `${k} forces replacement`),
        ];
        if (reasons.length > 0) replace(a, b, reasons);
        else changedPairs.push([a, b, keys]);
    }
    // A force-new property pointing at a replaced resource: the new resource has a new id, so this one is replaced too.
    for (let grew = true; grew;) {
        grew = false;
        const refs = new Map<string, string>();
        for (const r of before) {
            if (!replaced.has(r.urn) && !(gone.includes(r) && !renamedBase.has(r.urn))) continue;
            for (const ref of [r.id, r.state?.arn, r.inputs.name, r.inputs.bucket])
                if (typeof ref === "string" && ref !== "") refs.set(ref, r.name);
        }
        for (const [a, b] of changedPairs) {
            if (replaced.has(a.urn)) continue;
            const via = (FORCE_REPLACE[b.type] ?? []).flatMap((k) =>
                strings(b.inputs[k])
                    .filter((s) => refs.has(s))
                    .map((s) => `${k} refers to replaced ${refs.get(s)}`),
            );
            if (via.length > 0) {
                replace(a, b, via);
                grew = true;
            }
        }
    }
    // Any other input pointing at a replaced resource is updated in place with the new id.
    const replacedRefs = new Set(
        before
            .filter((r) => replaced.has(r.urn))
            .flatMap((r) => [r.id, r.state?.arn])
            .filter((x): x is string => typeof x === "string" && x !== ""),
    );
    for (const [a, b, keys] of changedPairs) {
        if (replaced.has(a.urn)) continue;
        const viaRefs = Object.keys(b.inputs).filter((k) => !keys.includes(k) && strings(b.inputs[k]).some((s) => replacedRefs.has(s)));
        const all = [...keys, ...viaRefs].sort();
        if (all.length > 0) updated.push({ urn: a.urn, type: a.type, name: a.name, keys: all });
        else unchanged += 1;
    }
    const removed: Removed[] = gone
        .filter((r) => !renamedBase.has(r.urn))
        .map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            stateful: STATEFUL_TYPES.has(r.type),
            retained: r.retainOnDelete === true,
        }));
    const replacedList = [...replaced.values()];
    return {
        baseStack: base.stack,
        stack: head.stack,
        added: added.filter((r) => !renamedHead.has(r.urn)).map((r) => ({ urn: r.urn, type: r.type, name: r.name })),
        removed,
        updated,
        replaced: replacedList,
        unchanged,
        statefulLosses: [
            ...replacedList.filter((r) => r.stateful).map((r) => `${r.name} (${r.type}) is REPLACED: ${r.reasons.join("; ")}`),
            ...removed.filter((r) => r.stateful && !r.retained).map((r) => `${r.name} (${r.type}) is DELETED`),
        ],
    };
}

/** The diff section of the plan, the losses first. */
export function renderDiff(diff: PlanDiff): string {
    const short = (type: string) => type.split(":").pop() ?? type;
    const out = [
        `Change from the base plan (stack ${diff.baseStack}) to this plan (stack ${diff.stack}): ${diff.added.length} to add, ${diff.updated.length} to update in place, ${diff.replaced.length} to replace, ${diff.removed.length} to delete, ${diff.unchanged} unchanged`,
    ];
    if (diff.statefulLosses.length > 0) {
        out.push("", `!!! ${diff.statefulLosses.length} STATEFUL RESOURCE(S) LOSE THEIR DATA (objects, key material, log events, rows):`);
        out.push(...diff.statefulLosses.map((l) => `!!!   ${l}`));
    }
    if (diff.replaced.length > 0)
        out.push(
            "",
            "Replaced (deleted and created again):",
            ...diff.replaced.map(
                (r) => `  -/+ ${short(r.type)} ${r.name}${r.newUrn ? ` → ${r.newUrn.split("::").pop()}` : ""}: ${r.reasons.join("; ")}`,
            ),
        );
    if (diff.removed.length > 0)
        out.push(
            "",
            "Deleted:",
            ...diff.removed.map((r) => `  -   ${short(r.type)} ${r.name}${r.retained ? " (retainOnDelete: left in the account)" : ""}`),
        );
    if (diff.updated.length > 0)
        out.push("", "Updated in place:", ...diff.updated.map((r) => `  ~   ${short(r.type)} ${r.name}: ${r.keys.join(", ")}`));
    if (diff.added.length > 0) out.push("", "Added:", ...diff.added.map((r) => `  +   ${short(r.type)} ${r.name}`));
    return out.join("\n");
}
