/**
 * Where moto 5.x does not behave as AWS does, as the e2e suite meets it: on the compliant
 * environment these checks do not pass on moto, for the reason given, and the case stays covered
 * by the aws-sdk-client-mock test named. docs/verification.md lists these (a test keeps the list
 * and the docs equal).
 */
export interface MotoGap {
    /** The check that cannot pass on moto, or `-` for a broken variant moto cannot build. */
    readonly check: string;
    /** What the check reports on moto's compliant environment (undefined: it passes, but a variant cannot be built). */
    readonly seen?: RegExp;
    /** What moto does not emulate. */
    readonly why: string;
    /** The unit test (aws-sdk-client-mock) that keeps covering it. */
    readonly coveredBy: string;
}

/**
 * Check areas (`backup`) and single checks (`compute.asg-notifications`) whose resources the
 * fixture does not deploy yet (added after the fixture was written), with the aws-sdk-client-mock
 * test that keeps covering them: they are left out of the e2e runs. Empty since issue 15: the
 * fixture deploys every area; what moto does not implement is a MotoGap instead. A new area is
 * deployed in fixture.ts, or listed here until it is.
 */
export const NOT_DEPLOYED: Readonly<Record<string, string>> = {
    // Issue 27: the app data bucket and the alert topic's subscriptions are not in the moto fixture yet.
    "s3.app-data-bucket": "test/verify/seed-data.spec.ts",
    "cloudtrail.app-data-events": "test/verify/seed-data.spec.ts",
    "backup.plan-covers-app-data": "test/verify/seed-data.spec.ts",
    sns: "test/verify/seed-data.spec.ts",
};

export const MOTO_GAPS: readonly MotoGap[] = [
    {
        check: "rds.enhanced-monitoring",
        seen: /^MonitoringInterval 0: enhanced monitoring is off/,
        why: "moto's RDS keeps neither MonitoringInterval nor MonitoringRoleArn (the fixture sends both, as planned)",
        coveredBy: "test/verify/backup.spec.ts",
    },
    {
        check: "compute.imdsv2",
        seen: /^HttpTokens optional: IMDSv1 is allowed/,
        why: "instances an Auto Scaling group launches do not get the launch template's metadata options (moto reports HttpTokens optional)",
        coveredBy: "test/verify/compute.spec.ts",
    },
    {
        check: "config.delivery-channel",
        seen: /^could not verify: config:DescribeDeliveryChannelStatus answered HTTP 500 with a body that is not an AWS response/,
        why: "DescribeDeliveryChannelStatus is not implemented (an HTML 500 page); deliveries never fail either",
        coveredBy: "test/verify/config.spec.ts",
    },
    {
        check: "budgets.alerts",
        seen: /^could not verify: budgets:DescribeSubscribersForNotification answered HTTP 500 with a body that is not an AWS response/,
        why: "DescribeSubscribersForNotification is not implemented (an HTML 500 page); the budget, its limit and notifications are deployed and read",
        coveredBy: "test/verify/budgets.spec.ts",
    },
    {
        check: "compute.asg-notifications",
        seen: /^could not verify: autoscaling:DescribeNotificationConfigurations answered HTTP 500 with a body that is not an AWS response/,
        why: "PutNotificationConfiguration and DescribeNotificationConfigurations are not implemented (an HTML 500 page), so the fixture cannot deploy the group's notifications",
        coveredBy: "test/verify/backup.spec.ts",
    },
    {
        check: "backup.plan-covers-database",
        seen: /^could not verify: backup:ListBackupSelections answered HTTP 500 with a body that is not an AWS response/,
        why: "CreateBackupSelection and ListBackupSelections are not implemented (an HTML 500 page), so the fixture deploys the vault, its lock and the plan but no selection",
        coveredBy: "test/verify/backup.spec.ts",
    },
    {
        check: "detection.securityhub-standards",
        seen: /^could not verify: securityhub:GetEnabledStandards answered HTTP 404 with a body that is not an AWS response/,
        why: "BatchEnableStandards and GetEnabledStandards are not implemented (an HTML 404 page): the fixture enables the hub (DescribeHub answers) but subscribes no standard",
        coveredBy: "test/verify/detection.spec.ts",
    },
    {
        check: "detection.securityhub-waivers",
        seen: /^could not verify: securityhub:ListSecurityControlDefinitions answered HTTP 404 with a body that is not an AWS response/,
        why: "ListSecurityControlDefinitions and the standards control associations are not implemented (an HTML 404 page)",
        coveredBy: "test/verify/detection.spec.ts",
    },
    {
        check: "detection.access-analyzer",
        seen: /^could not verify: accessanalyzer:ListAnalyzers answered HTTP 500 with a body that is not an AWS response/,
        why: "IAM Access Analyzer is not implemented (an HTML 500 page): no analyzer can be created or listed",
        coveredBy: "test/verify/detection.spec.ts",
    },
    {
        check: "detection.inspector",
        seen: /^Inspector returned no account status$/,
        why: "Inspector's Enable is not implemented (an HTML 500 page) and BatchGetAccountStatus answers with no account: the fixture cannot turn scanning on",
        coveredBy: "test/verify/detection.spec.ts",
    },
    {
        check: "ssm.instances-managed",
        seen: /^could not verify: ssm:DescribeInstanceInformation answered HTTP 500 with a body that is not an AWS response/,
        why: "DescribeInstanceInformation is not implemented (an HTML 500 page), and no SSM Agent registers moto's instances",
        coveredBy: "test/verify/private-management.spec.ts",
    },
    {
        check: "ssm.patch-compliance",
        seen: /^could not verify: ssm:DescribeInstancePatchStates answered HTTP 500 with a body that is not an AWS response/,
        why: "DescribeInstancePatchStates is not implemented (an HTML 500 page): instances are never scanned",
        coveredBy: "test/verify/private-management.spec.ts",
    },
    {
        check: "ssm.association-compliance",
        seen: /^could not verify: ssm:DescribeAssociation answered HTTP 500 with a body that is not an AWS response/,
        why: "CreateAssociation and DescribeAssociation are not implemented (an HTML 500 page): the fixture creates no association",
        coveredBy: "test/verify/private-management.spec.ts",
    },
    {
        check: "compute.launch-template",
        why: "the group reports every instance as launched from the template's current default version, so a drifted instance on an old version cannot be built; the broken variant makes a weak version the default instead",
        coveredBy: "test/verify/compute.spec.ts",
    },
    {
        check: "compute.no-public-ip",
        why: "an instance with a public IP or a key pair cannot be put into the group after launch; both are covered by the launch template and the mocks",
        coveredBy: "test/verify/compute.spec.ts",
    },
    {
        check: "cloudtrail.logging",
        why: "deliveries never fail (no LatestDeliveryError); StartLogging by trail ARN fails (by name works)",
        coveredBy: "test/verify/cloudtrail.spec.ts",
    },
    {
        check: "config.recorder",
        why: "the recorder's last status stays PENDING, never FAILURE (reported PENDING on the compliant environment: not settled, so neither a pass nor a failure)",
        coveredBy: "test/verify/config.spec.ts",
    },
    {
        check: "s3.encryption",
        why: "a bucket without explicit encryption reports none (AWS now defaults to SSE-S3), so the broken variant reads as no encryption at all",
        coveredBy: "test/verify/s3.spec.ts",
    },
    {
        check: "network.flow-logs",
        why: "delivery fails only when the log group is missing (Access error); a flow log is created with LogGroupName, not a log-group ARN",
        coveredBy: "test/verify/network.spec.ts",
    },
    {
        check: "elb.listeners",
        why: "the list of SSL policies is incomplete; a listener needs an ACM certificate moto knows (the fixture requests one)",
        coveredBy: "test/verify/elb.spec.ts",
    },
    {
        check: "-",
        why: "IAM trust, identity and bucket policies are never evaluated (the fixture creates the planned roles, policies and group, and the checks read them): moto tests the verifier's wire path, not whether the program's policies work",
        coveredBy: "test/policy/rules.spec.ts",
    },
];

export const GAPS_START = "<!-- moto-gaps:start (generated from test/e2e/gaps.ts; test/e2e/gaps.spec.ts keeps it equal) -->";
export const GAPS_END = "<!-- moto-gaps:end -->";

/** The docs' list of moto's gaps, between its markers. */
export function renderGapsTable(): string {
    const rows = MOTO_GAPS.map(
        (g) =>
            `| ${g.check === "-" ? "(all)" : `\`${g.check}\``} | ${g.seen ? "does not pass on moto" : "passes; a broken variant is limited"} | ${g.why} | \`${g.coveredBy}\` |`,
    );
    const notDeployed = Object.entries(NOT_DEPLOYED).map(
        ([key, test]) =>
            `| \`${key.includes(".") ? key : `${key}.*`}\` | not run | the fixture does not deploy its resources yet | \`${test}\` |`,
    );
    return [
        GAPS_START,
        "| check | on moto's compliant environment | what moto does not emulate | still covered by |",
        "|---|---|---|---|",
        ...rows,
        ...notDeployed,
        GAPS_END,
    ].join("\n");
}

/** Whether the fixture deploys what a check reads (NOT_DEPLOYED names an area or a check). */
export function deployedByFixture(checkId: string): boolean {
    return !(checkId in NOT_DEPLOYED) && !(checkId.split(".")[0] in NOT_DEPLOYED);
}
