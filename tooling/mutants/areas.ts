/**
 * The control areas of tap, each with the program specs that test it. Every mutant names its area;
 * `test/policy/mutants.spec.ts` fails when an area with tests has no mutant, and when a spec of
 * test/stack or test/stack-files belongs to no area and is not listed as testing no control.
 * The tests half of `npm run mutants` runs a mutant's area specs (and the whole-program ones).
 */

export interface ControlArea {
    readonly title: string;
    /** Spec files (relative to the project root) that assert the area's properties. */
    readonly specs: readonly string[];
}

const STACK = (name: string) => `test/stack/${name}.spec.ts`;
const FILES = (name: string) => `test/stack-files/${name}.spec.ts`;

export const CONTROL_AREAS = {
    network: {
        title: "Network: VPC, subnets, default security group and NACL, flow logs, security groups",
        specs: [STACK("vpc-network"), STACK("multi-region")],
    },
    compute: {
        title: "Compute: launch template, instance metadata, instance role, app security group",
        specs: [STACK("compute"), STACK("compute-instance")],
    },
    "encryption-keys": { title: "KMS key: rotation, key policy", specs: [STACK("security-baseline")] },
    "account-baseline": { title: "Account baseline: password policy, EBS encryption by default", specs: [STACK("security-baseline")] },
    "audit-trail": {
        title: "CloudTrail: coverage, validation, encryption, CloudWatch Logs delivery",
        specs: [STACK("monitoring"), FILES("prod")],
    },
    "config-recording": { title: "AWS Config: recorder, delivery, its role and bucket", specs: [STACK("monitoring")] },
    alarms: { title: "Alerts: the topic, its policy, the CIS metric filters", specs: [STACK("monitoring")] },
    logging: { title: "Log groups: retention and encryption", specs: [STACK("monitoring"), STACK("compute"), FILES("prod")] },
    buckets: {
        title: "S3 buckets: public access, TLS, versioning, encryption",
        specs: [STACK("secure-bucket"), STACK("security-baseline")],
    },
    database: {
        title: "Database: network reach, encryption, backups, logs, upgrades, credentials",
        specs: [STACK("database"), FILES("prod")],
    },
    "web-tier": { title: "Web tier: load balancer attributes, WAF, reach of the app", specs: [STACK("web-tier")] },
    tls: {
        title: "TLS: HTTPS listeners and their policies, the CDN's viewer protocol",
        specs: [STACK("web-tier"), STACK("compute-instance"), STACK("static-site")],
    },
    cdn: { title: "CDN: origin access, WAF", specs: [STACK("static-site"), STACK("backup")] },
    detection: {
        title: "Detection: GuardDuty and its protection plans, Security Hub, Inspector, Access Analyzer",
        specs: [STACK("detection"), STACK("monitoring")],
    },
    "private-management": { title: "Private management: VPC endpoints, session logging, patching", specs: [STACK("private-management")] },
    backup: { title: "AWS Backup: plan rules, selection, vault encryption and lock, cross-region copy", specs: [STACK("backup")] },
    "object-lock": { title: "S3 Object Lock on the trail bucket", specs: [STACK("backup")] },
    access: { title: "Access roles: operators' MFA, support and auditor roles, CI trust", specs: [STACK("access")] },
    "deploy-role": {
        title: "The CI deploy role: one repository's OIDC trust, roles created only with the workload boundary, PassRole to named services",
        specs: [FILES("deploy-role"), STACK("access")],
    },
    "kms-deletion-guard": { title: "The KMS key deletion guard", specs: [STACK("protection"), FILES("protection")] },
    protection: { title: "Protection of stateful resources (Pulumi protect)", specs: [STACK("protection"), FILES("protection")] },
    budget: { title: "Cost budget and its alerts", specs: [FILES("budget")] },
    "app-data": {
        title: "The app data bucket: SSE-KMS with the region's key, object-level trail events, backed up",
        specs: [STACK("seed-rows")],
    },
    resilience: {
        title: "Resilience: database monitoring and IAM authentication, Auto Scaling failure notifications",
        specs: [STACK("backup"), STACK("database"), STACK("compute")],
    },
} as const satisfies Readonly<Record<string, ControlArea>>;

export type AreaName = keyof typeof CONTROL_AREAS;

/** Spec files of test/stack and test/stack-files that test no control area, and why. */
export const NOT_CONTROL_SPECS: Readonly<Record<string, string>> = {
    [STACK("config")]: "the configuration's parsing and errors (no resource property)",
    [STACK("cost")]: "the monthly cost estimate",
    [STACK("compliance")]: "runs the pack over the tested plans: the pack half measures it, so the tests half leaves it out",
    [STACK("program-shape")]: "whole-program invariants: run for every mutant (WHOLE_PROGRAM_SPECS)",
    [FILES("determinism")]: "determinism of the plan",
    [FILES("review")]: "cost, diff and diagram of the stack files",
    [FILES("urns")]: "the URN inventory",
    [FILES("architecture")]: "the generated component tree of docs/architecture.md",
    [FILES("security-hub-expected")]:
        "the expected Security Hub result: runs the pack over the stack files (like stack/compliance); the pack half measures it",
    [STACK("alert-news")]:
        "replays documented events through the alert rules' patterns (data of lib/detection and lib/monitoring, checked by alert-rules-news-only), not a resource property a mutant weakens",
    [FILES("seed-requirements")]:
        "the seeds' requirement table: each row's proof is a pack rule or a check that the areas' mutants exercise",
    [FILES("readiness")]: "deploy readiness of the stack files (first deploys), not a security property of the plan",
};

/** Specs run for every mutant in the tests half, whatever its area. */
export const WHOLE_PROGRAM_SPECS: readonly string[] = [STACK("program-shape")];
