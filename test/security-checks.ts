/**
 * Readers of a planned stack for the security tests: what protects each bucket, every policy
 * document, every security-group rule in whichever of the three forms it was written. Each
 * reader looks at the whole plan, so a resource added later is checked without a new test.
 */
import { ofType, Plan, PlannedResource } from "./support";

export interface Statement {
    readonly Sid?: string;
    readonly Effect: string;
    readonly Principal?: unknown;
    readonly Action?: string | string[];
    readonly NotAction?: string | string[];
    readonly Resource?: string | string[];
    readonly Condition?: Record<string, Record<string, unknown>>;
}

export const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : ([] as T[]).concat(value));

/** Every JSON policy document among the inputs of every resource: `owner` names the resource and input. */
export function policyDocuments(plan: Plan): Array<{ owner: string; statements: Statement[] }> {
    const found: Array<{ owner: string; statements: Statement[] }> = [];
    for (const r of plan.resources) {
        for (const [key, value] of Object.entries(r.inputs)) {
            if (typeof value !== "string" || !value.trimStart().startsWith("{")) continue;
            let parsed: unknown;
            try { parsed = JSON.parse(value); } catch { continue; }
            const statement = (parsed as { Statement?: Statement | Statement[] }).Statement;
            if (statement !== undefined) found.push({ owner: `${r.name}.${key}`, statements: list(statement) });
        }
    }
    return found;
}

/** The one resource of `type` whose `bucket` input is this bucket, or undefined. */
function sideResource(plan: Plan, type: string, bucket: PlannedResource): PlannedResource | undefined {
    const found = ofType(plan, type).filter((r) => r.inputs.bucket === bucket.id);
    if (found.length > 1) throw new Error(`${found.length} ${type} resources configure ${bucket.id}: they would overwrite each other`);
    return found[0];
}

/** What protects a bucket, read from the side resources that point at it. */
export function bucketProtections(plan: Plan, bucket: PlannedResource) {
    const sse = sideResource(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", bucket);
    const versioning = sideResource(plan, "aws:s3/bucketVersioning:BucketVersioning", bucket);
    const pab = sideResource(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket);
    const ownership = sideResource(plan, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", bucket);
    const policy = sideResource(plan, "aws:s3/bucketPolicy:BucketPolicy", bucket);
    const logging = sideResource(plan, "aws:s3/bucketLogging:BucketLogging", bucket);
    const lifecycle = sideResource(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", bucket);
    const statements = policy ? list(JSON.parse(String(policy.inputs.policy)).Statement as Statement[]) : [];
    const arn = String(bucket.state.arn);
    const sseDefault = (sse?.inputs.rules as Array<{ applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string } }> | undefined)?.[0]?.applyServerSideEncryptionByDefault;
    return {
        sseAlgorithm: sseDefault?.sseAlgorithm,
        kmsMasterKeyId: sseDefault?.kmsMasterKeyId,
        versioning: (versioning?.inputs.versioningConfiguration as { status?: string } | undefined)?.status,
        publicAccessBlock: pab && {
            blockPublicAcls: pab.inputs.blockPublicAcls,
            blockPublicPolicy: pab.inputs.blockPublicPolicy,
            ignorePublicAcls: pab.inputs.ignorePublicAcls,
            restrictPublicBuckets: pab.inputs.restrictPublicBuckets,
        },
        objectOwnership: (ownership?.inputs.rule as { objectOwnership?: string } | undefined)?.objectOwnership,
        /** A Deny of every s3 action, for everyone, on the bucket and its objects, when aws:SecureTransport is false. */
        deniesInsecureTransport: statements.some((s) =>
            s.Effect === "Deny" && s.Principal === "*" && list(s.Action).includes("s3:*")
            && list(s.Resource).includes(arn) && list(s.Resource).includes(`${arn}/*`)
            && s.Condition?.Bool?.["aws:SecureTransport"] === "false"),
        statements,
        logsTo: logging?.inputs.targetBucket as string | undefined,
        lifecycleRules: lifecycle?.inputs.rules as Array<Record<string, unknown>> | undefined,
    };
}

export interface SgRule {
    readonly from: string;
    readonly direction: "ingress" | "egress";
    readonly protocol: string;
    readonly fromPort?: number;
    readonly toPort?: number;
    readonly cidrs: string[];
}

/** Every security-group rule in the plan: inline on the group, aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroup*Rule. */
export function securityGroupRules(plan: Plan): SgRule[] {
    const rules: SgRule[] = [];
    const inline = [...ofType(plan, "aws:ec2/securityGroup:SecurityGroup"), ...ofType(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")];
    for (const sg of inline) {
        for (const direction of ["ingress", "egress"] as const) {
            for (const r of list(sg.inputs[direction] as Array<Record<string, unknown>> | undefined)) {
                rules.push({ from: sg.name, direction, protocol: String(r.protocol), fromPort: r.fromPort as number, toPort: r.toPort as number, cidrs: [...list(r.cidrBlocks as string[]), ...list(r.ipv6CidrBlocks as string[])] });
            }
        }
    }
    for (const r of ofType(plan, "aws:ec2/securityGroupRule:SecurityGroupRule")) {
        rules.push({ from: r.name, direction: r.inputs.type as "ingress" | "egress", protocol: String(r.inputs.protocol), fromPort: r.inputs.fromPort as number, toPort: r.inputs.toPort as number, cidrs: [...list(r.inputs.cidrBlocks as string[]), ...list(r.inputs.ipv6CidrBlocks as string[])] });
    }
    for (const [type, direction] of [["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ingress"], ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "egress"]] as const) {
        for (const r of ofType(plan, type)) {
            rules.push({ from: r.name, direction, protocol: String(r.inputs.ipProtocol), fromPort: r.inputs.fromPort as number, toPort: r.inputs.toPort as number, cidrs: [...list(r.inputs.cidrIpv4 as string), ...list(r.inputs.cidrIpv6 as string)] });
        }
    }
    return rules;
}

/** True when the rule covers `port` (all protocols, or a port range that contains it). */
export const coversPort = (rule: SgRule, port: number): boolean =>
    rule.protocol === "-1" || rule.protocol === "all" || ((rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535));

export const ANYWHERE = ["0.0.0.0/0", "::/0"];
