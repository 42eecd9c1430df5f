/**
 * The resource types whose deletion or replacement loses data or history: the pack's own list, so a
 * wrong entry in the program's classification (lib/protection.ts, which decides what the program
 * protects) cannot blind the rule that judges it. test/policy/stateful-types.spec.ts pins the two
 * lists together, and both to the types AWS documents as holding data.
 */
export const PACK_STATEFUL_TYPES: Readonly<Record<string, string>> = {
    "aws:kms/key:Key": "everything encrypted with it, once the deletion window ends",
    "aws:s3/bucket:Bucket": "its objects (audit logs, site content)",
    "aws:rds/instance:Instance": "the database",
    "aws:rds/subnetGroup:SubnetGroup": "the database's placement (a replacement moves the database)",
    "aws:rds/parameterGroup:ParameterGroup": "the database's parameters (cannot be deleted while in use: a replacement half-applies)",
    "aws:cloudtrail/trail:Trail": "the account's API record while it is gone",
    "aws:cloudwatch/logGroup:LogGroup": "its log events",
    "aws:guardduty/detector:Detector": "the region's findings",
    "aws:securityhub/account:Account": "the hub's findings and settings",
    "aws:accessanalyzer/analyzer:Analyzer": "its findings and archive decisions",
    "aws:inspector2/enabler:Enabler": "the region's Inspector findings",
    "aws:backup/vault:Vault": "every recovery point in it",
    "aws:dynamodb/table:Table": "its items",
    "aws:efs/fileSystem:FileSystem": "its files",
    "aws:ebs/volume:Volume": "its blocks",
    "aws:secretsmanager/secret:Secret": "the secret",
};

export const PACK_STATEFUL_TYPE_LIST: readonly string[] = Object.keys(PACK_STATEFUL_TYPES);
