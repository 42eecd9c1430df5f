/**
 * The keys every stack has (STACK_SETTINGS: composed into every stack role), and the keys several
 * components take (SHARED_SETTINGS: each component's group references them with `uses`, so each
 * is declared once). Part of the declaration vocabulary components may import.
 */
import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../monitoring/log-retention";
import { WAF_RATE_LIMIT_MAX, WAF_RATE_LIMIT_MIN } from "../web/web-acl-rules";
import { extraTagProblems } from "../tags";
import { always, byProfile, derived, key, PROFILES, settingsGroup, SettingsOf } from "./declare";
import { bool, environmentSuffix, intIn, matching, numberIn, oneOf, regionCode, stringList } from "./schemas";

/** `tap:awsAccount`: a 12-digit account id, or a lowercase name standing for the account. */
export const AWS_ACCOUNT = /^(\d{12}|[a-z][a-z0-9-]{0,62})$/;

/**
 * The stack roles: the set of components a stack composes. `workload` is TapStack; the
 * organization's management, log-archive and security accounts come as roles of their own.
 */
export const STACK_ROLES = ["workload"] as const;
export type StackRole = (typeof STACK_ROLES)[number];

/** A JSON object of tags (tap:extraTags): every problem reported at once, each naming its key. */
const extraTags = z.string().transform((value, ctx): Record<string, string> => {
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        ctx.addIssue({
            code: "custom",
            message: 'must be an object from tag key to value, e.g. {"Compliance": "PCI-DSS", "Application": "FinancialApp"}',
        });
        return z.NEVER;
    }
    const problems = extraTagProblems(parsed as Record<string, unknown>);
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return problems.length > 0 ? z.NEVER : (parsed as Record<string, string>);
});

/** The keys of every stack, whatever its role: where, who, under which name. */
export const STACK_SETTINGS = settingsGroup("every stack", {
    region: key({
        namespace: "aws",
        schema: regionCode,
        default: always("us-east-1"),
        doc: "The primary AWS region: the trail, the global IAM resources and the optional tiers live here.",
    }),
    profile: key({
        schema: oneOf(PROFILES),
        default: derived("`prod` for a stack named `prod` or `prod-*`, else `dev`", (c) =>
            /^prod(-|$)/.test(c.stackName) ? "prod" : "dev",
        ),
        doc: "Picks the defaults that differ between a disposable dev and a guarded prod.",
    }),
    environmentSuffix: key({
        schema: environmentSuffix,
        default: derived("the stack name", (c) => c.stackName),
        accepts: "1 to 16 lowercase letters, digits and '-'",
        doc: "Part of every resource name (`tap-<suffix>-<region code>-...`).",
    }),
    owner: key({
        schema: matching(/^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u, "must be 1 to 256 characters valid in an AWS tag value"),
        default: always("platform"),
        doc: "The `Owner` tag of every resource.",
    }),
    extraTags: key({
        schema: extraTags,
        default: always({}),
        accepts:
            "a JSON object from tag key to value: AWS's tag rules (keys 1 to 128, values up to 256 characters of letters, digits, spaces and _ . : / = + - @; no aws: prefix), none of tap's own keys",
        doc: "Tags added to every resource through each region's provider default tags, and to the launched instances (seeds 002 and 004: Compliance, Application; seed 000: Purpose, Backup).",
    }),
    awsAccount: key({
        schema: matching(
            AWS_ACCOUNT,
            "must be a 12-digit AWS account id, or a name standing for the account: 1 to 63 lowercase letters, digits and '-', starting with a letter (e.g. workloads-prod)",
        ),
        doc: "The AWS account the stack deploys to: its 12-digit id (the providers then refuse credentials of any other account, allowedAccountIds) or a name standing for it. Stack files naming the same account share its singletons (GuardDuty detector, Config recorder, Security Hub, account analyzer, Session Manager preferences): `npm run plan` flags one that two of them create in the same region. Unset: assumed to share an account with every other stack file that leaves it unset. See docs/first-deploy.md.",
    }),
    regions: key({
        schema: stringList(regionCode, 'AWS region codes, the primary (aws:region) first, e.g. ["us-east-1", "us-west-2"]'),
        default: derived("the primary region alone", (c) => [c.region]),
        doc: "Every region the stack is deployed to, the primary first; each gets its own key, VPC, compute and monitoring.",
    }),
    stackRole: key({
        schema: oneOf(STACK_ROLES),
        default: always<StackRole>("workload"),
        doc: "The stack's role: which components it composes (`workload`: TapStack, the network, compute, monitoring, detection and the optional tiers). A key of a component the role does not compose is refused. The organization's accounts (management, log-archive, security) will be roles of their own.",
    }),
});
export type StackSettings = SettingsOf<typeof STACK_SETTINGS>;

/** The keys several components take, declared once; each component's group references those it takes (`uses`). */
export const SHARED_SETTINGS = settingsGroup("shared", {
    enableAccountHardening: key({
        schema: bool,
        default: always(true),
        doc: "Manage the account/region-wide settings: EBS encryption by default (per region), the IAM password policy (once).",
    }),
    forceDestroyBuckets: key({
        schema: bool,
        default: byProfile(true, false),
        doc: "Let `pulumi destroy` delete buckets that still hold objects.",
    }),
    logRetentionDays: key({
        schema: numberIn(LOG_RETENTION_DAYS),
        default: always(90),
        doc: "Retention of every CloudWatch log group (flow logs, app, trail, WAF, database).",
    }),
    auditLogExpirationDays: key({
        schema: intIn(91, 3653),
        default: always(2557),
        doc: "Days after which trail files, Config history and access logs are deleted from their buckets (Standard-IA at 30, Glacier at 90).",
    }),
    protectStatefulResources: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "Pulumi `protect` on every stateful resource (lib/protection.ts); the KMS keys' deletion and disabling denied but to the break-glass role. Off for a deliberate teardown (docs/teardown.md).",
    }),
    retainAuditLogs: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "The audit-log buckets (CloudTrail, Config, server access logs) and the KMS key that encrypts them stay in the account when the stack deletes them, a deliberate teardown included.",
    }),
    deletionProtection: key({
        schema: bool,
        default: byProfile(false, true),
        doc: "Deletion protection of the load balancer (ELB.6) and the database (RDS.8).",
    }),
    wafRateLimit: key({
        schema: intIn(WAF_RATE_LIMIT_MIN, WAF_RATE_LIMIT_MAX),
        default: always(2000),
        doc: "Requests per client IP per 5 minutes above which the web ACLs (load balancer, CDN) block.",
    }),
});
export type SharedSettings = SettingsOf<typeof SHARED_SETTINGS>;
