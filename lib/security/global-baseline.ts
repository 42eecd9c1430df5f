import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GlobalBaselineSettings } from "./settings";

/** The IAM account password policy: CIS 1.8 / 1.9, IAM.7 / IAM.15 / IAM.16. */
export const PASSWORD_POLICY = {
    minimumPasswordLength: 14, // CIS 1.8 / IAM.15
    passwordReusePrevention: 24, // CIS 1.9 / IAM.16
    requireLowercaseCharacters: true, // IAM.7
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    maxPasswordAge: 90, // IAM.7
    allowUsersToChangePassword: true,
} as const;

export interface GlobalBaselineArgs {
    /** Prefix of the global names: the primary region's, e.g. `tap-dev-use1`. */
    readonly namePrefix: string;
    /** Its settings (tap: keys of the same names), whole: the stack passes its settings group. */
    readonly settings: GlobalBaselineSettings;
    /** The stack creates Config recorders: they record with AWS Config's service-linked role (Config.1). */
    readonly recordsConfig: boolean;
    /** Create the role the patch window's runbook starts instance refreshes as (Patch Manager over Auto Scaling groups). @default false */
    readonly createPatchRefreshRole?: boolean;
    /** The primary region's provider: IAM is global, its resources are created once, there. */
    readonly provider: aws.Provider;
}

/**
 * What exists once per account whatever the number of regions (IAM is global): the roles every
 * region's resources assume and the password policy. Each region grants its roles access to its
 * own resources with inline policies of its own (`aws.iam.RolePolicy`), so no role can reach
 * beyond the resources of the regions that granted it.
 */
export class GlobalBaseline extends pulumi.ComponentResource {
    /** The EC2 Auto Scaling service-linked role of this stack, named in every region's key policy. */
    public readonly autoScalingServiceRole: aws.iam.ServiceLinkedRole;
    public readonly instanceRole: aws.iam.Role;
    public readonly instanceProfile: aws.iam.InstanceProfile;
    public readonly flowLogRole: aws.iam.Role;
    /** AWSServiceRoleForConfig, when this stack created it (tap:createConfigServiceLinkedRole). */
    public readonly configServiceLinkedRole?: aws.iam.ServiceLinkedRole;
    /** The role every region's Config recorder records with: AWS Config's service-linked role (Config.1). */
    public readonly configRoleArn?: pulumi.Output<string>;
    /** The role each region's patch window runbook runs as (PatchManagement grants it that region's group). */
    public readonly patchRefreshRole?: aws.iam.Role;
    public readonly passwordPolicy?: aws.iam.AccountPasswordPolicy;

    constructor(name: string, args: GlobalBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:security:GlobalBaseline", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };
        const account = aws.getCallerIdentityOutput({}, child).accountId;
        const partition = aws.getPartitionOutput({}, child).partition;
        const trustedService = (service: string, condition?: object) =>
            pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: service },
                        Action: "sts:AssumeRole",
                        ...(condition ? { Condition: condition } : {}),
                    },
                ],
            });
        // Confused-deputy guard for service roles: only this account's resources may assume them.
        const thisAccount = { StringEquals: { "aws:SourceAccount": account } };

        // A role of our own (custom suffix) rather than the account's shared AWSServiceRoleForAutoScaling:
        // the key policies must name an existing principal, and creating the shared one fails where it exists.
        this.autoScalingServiceRole = new aws.iam.ServiceLinkedRole(
            `${prefix}-autoscaling-slr`,
            {
                awsServiceName: "autoscaling.amazonaws.com",
                customSuffix: prefix,
                description: `EC2 Auto Scaling for ${prefix}: the role allowed to use the stack's KMS keys for EBS`,
            },
            child,
        );

        this.instanceRole = new aws.iam.Role(
            `${prefix}-app-role`,
            {
                description: `Instance role of ${prefix}'s app instances: SSM management, own logs and metrics`,
                assumeRolePolicy: trustedService("ec2.amazonaws.com"),
            },
            child,
        );
        // SSM Session Manager instead of SSH keys (seed 000: no key pair).
        new aws.iam.RolePolicyAttachment(
            `${prefix}-app-ssm-core`,
            {
                role: this.instanceRole.name,
                policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
            },
            child,
        );
        this.instanceProfile = new aws.iam.InstanceProfile(`${prefix}-app-profile`, { role: this.instanceRole.name }, child);

        this.flowLogRole = new aws.iam.Role(
            `${prefix}-flow-logs-role`,
            {
                description: `Lets VPC Flow Logs write ${prefix}'s flow logs to their log groups`,
                assumeRolePolicy: trustedService("vpc-flow-logs.amazonaws.com", thisAccount),
            },
            child,
        );

        if (args.recordsConfig) {
            // Config.1 passes only when the recorder uses AWS Config's service-linked role ("AWS Config
            // should be enabled and use the service-linked role for resource recording", Security Hub
            // controls for AWS Config). Its name is fixed (AWSServiceRoleForConfig, path
            // aws-service-role/config.amazonaws.com/): Config delivers to the bucket and the key through
            // their policies (config.amazonaws.com), not through the role.
            this.configRoleArn = pulumi.interpolate`arn:${partition}:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
            if (args.settings.createConfigServiceLinkedRole) {
                // One per account: creating it where it exists fails with "Service role name
                // AWSServiceRoleForConfig has been taken in this account" (terraform-provider-aws users,
                // e.g. Rayraegah/terraform-aws-hasura#17 for ECS's). Set tap:createConfigServiceLinkedRole
                // false there, or `pulumi import` it under this URN. Retained on delete: Security Hub's
                // service-linked recorder and other stacks of the account use it too.
                this.configServiceLinkedRole = new aws.iam.ServiceLinkedRole(
                    `${prefix}-config-slr`,
                    {
                        awsServiceName: "config.amazonaws.com",
                        description: "AWS Config records the account's resources (Config.1)",
                    },
                    { ...child, retainOnDelete: true },
                );
                this.configRoleArn = this.configServiceLinkedRole.arn;
            }
        }

        if (args.createPatchRefreshRole) {
            // Systems Manager Automation assumes it; it sends aws:SourceAccount (Systems Manager user guide,
            // "Cross-service confused deputy prevention"). No permissions here: each region's PatchManagement
            // grants it the refresh of that region's group only.
            this.patchRefreshRole = new aws.iam.Role(
                `${prefix}-patch-refresh-role`,
                {
                    description: `${prefix}: the patch windows' runbook starts the app groups' instance refreshes`,
                    assumeRolePolicy: trustedService("ssm.amazonaws.com", thisAccount),
                },
                child,
            );
        }

        if (args.settings.enableAccountHardening) {
            // Account-wide singleton, retained on destroy: tearing down one stack never turns the
            // account's protection off for the others (an idempotent PUT on create).
            this.passwordPolicy = new aws.iam.AccountPasswordPolicy(
                `${prefix}-password-policy`,
                { ...PASSWORD_POLICY },
                { ...child, retainOnDelete: true },
            );
        }
        this.registerOutputs({ instanceRoleArn: this.instanceRole.arn, autoScalingServiceRoleArn: this.autoScalingServiceRole.arn });
    }
}
