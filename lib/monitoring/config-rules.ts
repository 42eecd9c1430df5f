/**
 * The AWS Config managed rules the Monitoring component installs, as plain data: ConfigRecording
 * creates them, and the post-deploy check `config.rules` expects them ACTIVE. No Pulumi import, so
 * the checks load without the Pulumi runtime.
 */

/** AWS Config managed rules the stack installs: identifier → parameters. */
export const CONFIG_MANAGED_RULES: ReadonlyArray<{
    readonly id: string;
    readonly control: string;
    readonly parameters?: Record<string, string>;
}> = [
    { id: "S3_BUCKET_PUBLIC_READ_PROHIBITED", control: "S3.2" },
    { id: "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", control: "S3.3" },
    { id: "S3_BUCKET_SSL_REQUESTS_ONLY", control: "S3.5" },
    { id: "ENCRYPTED_VOLUMES", control: "EC2.3" },
    {
        id: "IAM_PASSWORD_POLICY",
        control: "IAM.7 / CIS 1.8",
        parameters: {
            RequireUppercaseCharacters: "true",
            RequireLowercaseCharacters: "true",
            RequireSymbols: "true",
            RequireNumbers: "true",
            MinimumPasswordLength: "14",
            PasswordReusePrevention: "24",
            MaxPasswordAge: "90",
        },
    },
    { id: "CLOUD_TRAIL_ENABLED", control: "CloudTrail.1" },
    { id: "CLOUD_TRAIL_ENCRYPTION_ENABLED", control: "CloudTrail.2" },
    { id: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", control: "CloudTrail.4" },
    { id: "VPC_FLOW_LOGS_ENABLED", control: "EC2.6", parameters: { trafficType: "ALL" } },
    { id: "EC2_IMDSV2_CHECK", control: "EC2.8" },
    { id: "INCOMING_SSH_DISABLED", control: "EC2.13 / CIS 5.2" },
    { id: "VPC_DEFAULT_SECURITY_GROUP_CLOSED", control: "EC2.2" },
    { id: "CMK_BACKING_KEY_ROTATION_ENABLED", control: "KMS.4" },
    { id: "GUARDDUTY_ENABLED_CENTRALIZED", control: "GuardDuty.1" },
];
