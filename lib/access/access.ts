import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    auditorPolicy,
    deployBoundary,
    deployPolicy,
    DEPLOY_SESSION_SECONDS,
    GITHUB_OIDC_AUDIENCE,
    GITHUB_OIDC_HOST,
    githubSubject,
    githubTrust,
    HUMAN_SESSION_SECONDS,
    humanTrust,
    mfaEnforcementPolicy,
    operatorSessionPolicy,
    roleTrust,
    trustDocument,
} from "./policies";
import { verifyActions } from "./verify-permissions";
import { workloadBoundaryName } from "./workload-boundary";
import { AccessSettings } from "./settings";

export interface AccessArgs {
    /** Prefix of the names: the primary region's, e.g. `tap-dev-use1`. Roles are named exactly `<prefix>-support`, `-auditor`, `-deploy`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: AccessSettings;
    /** Every region's name prefix: the IAM names the deploy role may manage start with one. */
    readonly regionPrefixes: readonly string[];
    /** The `Environment` tag of the stack's instances and keys. */
    readonly environmentSuffix: string;
    /** Every region of the stack, the primary first. */
    readonly regions: readonly string[];
    /** The stack's KMS key in each region (Session Manager sessions are encrypted with it). */
    readonly keyArns: readonly pulumi.Input<string>[];
    /** The audit trail's bucket, out of the deploy role's reach. */
    readonly auditTrailBucketName: pulumi.Input<string>;
    /** The Route 53 zones the stack writes records in (tap:hostedZoneId): the deploy role may change records there only. */
    readonly hostedZoneIds?: readonly string[];
    /** The primary region's provider: IAM is global, its resources are created once, there. */
    readonly provider: aws.Provider;
}

/**
 * Who gets in, and how (docs/access.md): an operators group (IAM users, enrolled out of band:
 * the program creates no user) held to MFA and to Session Manager on this stack's instances;
 * a support role (CIS 1.17) and an auditor role (the post-deploy checks' read-only calls) that
 * the operators assume with MFA; and, with a GitHub repository, a keyless deploy role for its
 * Actions (OIDC) under a permissions boundary.
 */
/**
 * The deploy role runs `pulumi up`: it creates, changes and deletes every kind of resource the stack
 * has, so its policy and boundary name services, not actions. They are held to the stack's regions,
 * its own IAM names and the boundary's denies instead (docs/access.md). Tag values: letters,
 * digits, spaces and _ . : / = + - @ only.
 */
const DEPLOY_WAIVERS: Readonly<Record<string, string>> = {
    "tap:waive:iam-no-wildcard-actions":
        "pulumi up creates and deletes every service of the stack - held to its regions and names by the boundary - docs/access.md",
    "tap:waive:iam-no-wildcard-resource":
        "pulumi up names resources it has not created yet - held to the stack regions and its own IAM names - docs/access.md",
};

export class Access extends pulumi.ComponentResource {
    public readonly operators: aws.iam.Group;
    /** CIS 1.17: incidents with AWS Support. */
    public readonly supportRole: aws.iam.Role;
    /** `npm run verify -- --role-arn <this>`: can read what the checks read, and change nothing. */
    public readonly auditorRole: aws.iam.Role;
    /** With githubRepository only. */
    public readonly githubOidcProviderArn?: pulumi.Output<string>;
    public readonly deployRole?: aws.iam.Role;
    /** The deploy role's permissions boundary (with githubRepository only). */
    public readonly deployBoundary?: aws.iam.Policy;

    constructor(name: string, args: AccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:access:Access", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        const account = aws.getCallerIdentityOutput({}, child).accountId;
        const partition = aws.getPartitionOutput({}, child).partition;
        const json = (build: (partition: string, account: string) => object) =>
            pulumi.all([partition, account]).apply(([part, acc]) => JSON.stringify(build(part, acc)));

        // CI first: the auditor's trust names the deploy role.
        if (args.settings.githubRepository !== undefined) {
            ({
                providerArn: this.githubOidcProviderArn,
                role: this.deployRole,
                boundary: this.deployBoundary,
            } = this.createDeployRole(args, child, partition, account));
        }

        this.supportRole = new aws.iam.Role(
            `${prefix}-support`,
            {
                name: `${prefix}-support`,
                description: `CIS 1.17: AWS Support cases for ${prefix}'s account; operators assume it with MFA`,
                assumeRolePolicy: json((part, acc) => trustDocument(humanTrust(part, acc))),
                maxSessionDuration: HUMAN_SESSION_SECONDS,
            },
            child,
        );
        new aws.iam.RolePolicyAttachment(
            `${prefix}-support-managed`,
            {
                role: this.supportRole.name,
                policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AWSSupportAccess`,
            },
            child,
        );

        const deployRoleArn = this.deployRole?.arn;
        this.auditorRole = new aws.iam.Role(
            `${prefix}-auditor`,
            {
                name: `${prefix}-auditor`,
                description: `Read-only: what npm run verify reads of ${prefix}, nothing more; people with MFA${deployRoleArn ? " and the deploy role" : ""} assume it`,
                assumeRolePolicy: pulumi
                    .all([partition, account, deployRoleArn])
                    .apply(([part, acc, deploy]) =>
                        JSON.stringify(
                            trustDocument(humanTrust(part, acc), ...(deploy ? [roleTrust("DeployPipelineVerifies", deploy)] : [])),
                        ),
                    ),
                maxSessionDuration: HUMAN_SESSION_SECONDS,
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${prefix}-auditor-read`,
            {
                role: this.auditorRole.id,
                policy: json((part, acc) =>
                    auditorPolicy(verifyActions(), { partition: part, account: acc, bucketPrefix: `tap-${args.environmentSuffix}-` }),
                ),
            },
            child,
        );

        this.operators = this.createOperators(args, child, json, partition, account);
        this.registerOutputs({
            supportRoleArn: this.supportRole.arn,
            auditorRoleArn: this.auditorRole.arn,
            operatorsGroupArn: this.operators.arn,
            ...(this.deployRole && { deployRoleArn: this.deployRole.arn }),
        });
    }

    /** The operators' group: MFA or nothing, then sessions on this stack's instances. */
    private createOperators(
        args: AccessArgs,
        child: pulumi.CustomResourceOptions,
        json: (build: (partition: string, account: string) => object) => pulumi.Output<string>,
        partition: pulumi.Output<string>,
        account: pulumi.Output<string>,
    ): aws.iam.Group {
        const prefix = args.namePrefix;
        const group = new aws.iam.Group(`${prefix}-operators`, { name: `${prefix}-operators` }, child);
        const mfa = new aws.iam.Policy(
            `${prefix}-operators-mfa`,
            {
                name: `${prefix}-operators-mfa`,
                description: "CIS 1.10 / IAM.19: nothing but enrolling one's own MFA device until signed in with MFA",
                policy: json((part) => mfaEnforcementPolicy(part)),
            },
            child,
        );
        const sessions = new aws.iam.Policy(
            `${prefix}-operators-sessions`,
            {
                name: `${prefix}-operators-sessions`,
                description: `Session Manager on ${prefix}'s instances only; assume the support and auditor roles`,
                policy: pulumi
                    .all([partition, account, pulumi.all([...args.keyArns]), this.supportRole.arn, this.auditorRole.arn])
                    .apply(([part, acc, keyArns, support, auditor]) =>
                        JSON.stringify(
                            operatorSessionPolicy({
                                partition: part,
                                account: acc,
                                environmentSuffix: args.environmentSuffix,
                                regions: args.regions,
                                keyArns,
                                assumableRoleArns: [support, auditor],
                            }),
                        ),
                    ),
            },
            child,
        );
        new aws.iam.GroupPolicyAttachment(`${prefix}-operators-mfa`, { group: group.name, policyArn: mfa.arn }, child);
        new aws.iam.GroupPolicyAttachment(`${prefix}-operators-sessions`, { group: group.name, policyArn: sessions.arn }, child);
        return group;
    }

    /** GitHub Actions' OIDC provider (or the account's) and the deploy role its tokens of one repository may assume. */
    private createDeployRole(
        args: AccessArgs,
        child: pulumi.CustomResourceOptions,
        partition: pulumi.Output<string>,
        account: pulumi.Output<string>,
    ): { providerArn: pulumi.Output<string>; role: aws.iam.Role; boundary: aws.iam.Policy } {
        const prefix = args.namePrefix;
        // No thumbprint: for GitHub, IAM validates the certificate against its library of trusted CAs
        // and ignores thumbprints; @pulumi/aws v7 makes `thumbprintLists` optional.
        const providerArn =
            args.settings.githubOidcProviderArn !== undefined
                ? pulumi.output(args.settings.githubOidcProviderArn)
                : new aws.iam.OpenIdConnectProvider(
                      `${prefix}-github-oidc`,
                      {
                          url: `https://${GITHUB_OIDC_HOST}`,
                          clientIdLists: [GITHUB_OIDC_AUDIENCE],
                      },
                      child,
                  ).arn;
        const roleName = `${prefix}-deploy`;
        const scope = (part: string, acc: string, bucket: string) => ({
            partition: part,
            account: acc,
            environmentSuffix: args.environmentSuffix,
            regions: args.regions,
            namePrefixes: args.regionPrefixes,
            deployRoleName: roleName,
            deployPolicyNames: [`${prefix}-deploy`, `${prefix}-deploy-boundary`],
            auditTrailBucketName: bucket,
            workloadBoundaryName: workloadBoundaryName(prefix),
            supportRoleName: `${prefix}-support`,
            auditorRoleName: `${prefix}-auditor`,
            hostedZoneIds: args.hostedZoneIds ?? [],
        });
        const scoped = (build: typeof deployPolicy) =>
            pulumi
                .all([partition, account, args.auditTrailBucketName])
                .apply(([part, acc, bucket]) => JSON.stringify(build(scope(part, acc, bucket))));
        const boundary = new aws.iam.Policy(
            `${prefix}-deploy-boundary`,
            {
                name: `${prefix}-deploy-boundary`,
                description: `The most ${roleName} can ever do: this stack's services and names; never the audit trail's bucket, another stack's keys, IAM users or itself`,
                policy: scoped(deployBoundary),
                tags: DEPLOY_WAIVERS,
            },
            child,
        );
        const subject = githubSubject(args.settings.githubRepository!, args.settings);
        const role = new aws.iam.Role(
            roleName,
            {
                name: roleName,
                description: `pulumi up of ${prefix} from GitHub Actions of ${subject} (OIDC, no keys)`,
                assumeRolePolicy: providerArn.apply((arn) => JSON.stringify(trustDocument(githubTrust(arn, subject)))),
                permissionsBoundary: boundary.arn,
                maxSessionDuration: DEPLOY_SESSION_SECONDS,
            },
            child,
        );
        const permissions = new aws.iam.Policy(
            `${prefix}-deploy`,
            {
                name: `${prefix}-deploy`,
                description: `What a pulumi up of ${prefix} needs`,
                policy: scoped(deployPolicy),
                tags: DEPLOY_WAIVERS,
            },
            child,
        );
        new aws.iam.RolePolicyAttachment(`${prefix}-deploy`, { role: role.name, policyArn: permissions.arn }, child);
        return { providerArn, role, boundary };
    }
}
