/**
 * Readers of a planned stack for the security tests: what protects each bucket, every policy
 * document, every security-group rule in whichever of its forms it was written. Each reader looks
 * at the whole plan, so a resource added later is checked without a new test. The parsing is the
 * policy pack's (policy/values.ts): the tests and the pack read a document or a rule one way.
 */
import {
    at,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    securityGroupRules as rulesOf,
    SgRule as PackSgRule,
    Statement,
    statements,
    strings,
    VPC_EGRESS_RULE,
    VPC_INGRESS_RULE,
} from "../policy/values";
import type { Plan, PlannedResource } from "../tooling/mock-runtime/harness";
import { inputEntries, ofType } from "./plan-queries";

export type { Statement };

/** The statements of one policy document input (a JSON string or an object); anything else fails the test. */
export function statementsOf(document: unknown): Statement[] {
    const found = statements(document);
    if (!Array.isArray(found)) throw new Error(`not a policy document: ${JSON.stringify(document)}`);
    return found;
}

/** Every JSON policy document among the inputs of every resource: `owner` names the resource and input. */
export function policyDocuments(plan: Plan): Array<{ owner: string; statements: Statement[] }> {
    const found: Array<{ owner: string; statements: Statement[] }> = [];
    for (const r of plan.resources) {
        for (const [key, value] of Object.entries(r.inputs)) {
            if (typeof value !== "string" || !value.trimStart().startsWith("{")) continue;
            const all = statements(value);
            if (Array.isArray(all) && all.length > 0) found.push({ owner: `${r.name}.${key}`, statements: all });
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
    const bucketStatements = policy ? statementsOf(policy.inputs.policy) : [];
    const arn = String(bucket.state.arn);
    const sseDefault = at(sse?.inputs.rules, 0, "applyServerSideEncryptionByDefault");
    return {
        sseAlgorithm: at(sseDefault, "sseAlgorithm"),
        kmsMasterKeyId: at(sseDefault, "kmsMasterKeyId"),
        versioning: at(versioning?.inputs.versioningConfiguration, "status"),
        publicAccessBlock: pab && {
            blockPublicAcls: pab.inputs.blockPublicAcls,
            blockPublicPolicy: pab.inputs.blockPublicPolicy,
            ignorePublicAcls: pab.inputs.ignorePublicAcls,
            restrictPublicBuckets: pab.inputs.restrictPublicBuckets,
        },
        objectOwnership: at(ownership?.inputs.rule, "objectOwnership"),
        /** A Deny of every s3 action, for everyone, on the bucket and its objects, when aws:SecureTransport is false. */
        deniesInsecureTransport: bucketStatements.some(
            (s) =>
                s.Effect === "Deny" &&
                s.Principal === "*" &&
                strings(s.Action).includes("s3:*") &&
                strings(s.Resource).includes(arn) &&
                strings(s.Resource).includes(`${arn}/*`) &&
                at(s.Condition, "Bool", "aws:SecureTransport") === "false",
        ),
        statements: bucketStatements,
        logsTo: logging?.inputs.targetBucket as string | undefined,
        lifecycleRules: lifecycle?.inputs.rules as Array<Record<string, unknown>> | undefined,
    };
}

/** A security-group rule as the pack reads it, and `from`: the resource that declares it. */
export interface SgRule extends PackSgRule {
    readonly from: string;
}

const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

/**
 * Every security-group rule in the plan: inline on a group (the default group's too),
 * aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule / SecurityGroupEgressRule.
 */
export function securityGroupRules(plan: Plan): SgRule[] {
    return [SECURITY_GROUP, DEFAULT_SECURITY_GROUP, SECURITY_GROUP_RULE, VPC_INGRESS_RULE, VPC_EGRESS_RULE].flatMap((type) =>
        ofType(plan, type).flatMap((r) =>
            // The adopted default group declares its inline rules as a security group does.
            rulesOf(r.inputs, type === DEFAULT_SECURITY_GROUP ? SECURITY_GROUP : type).map((rule) => ({ ...rule, from: r.name })),
        ),
    );
}

/** Every input key, at any depth, of every resource but the IAM password policy: where a password could hide. */
export function inputKeys(plan: Plan): Array<{ resource: string; key: string }> {
    return inputEntries(plan)
        .filter((e) => e.type !== "aws:iam/accountPasswordPolicy:AccountPasswordPolicy")
        .map(({ resource, key }) => ({ resource, key }));
}
