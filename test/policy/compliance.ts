/** Shared by the tests that judge planned stacks against tap-security. */
import { ComplianceReport } from "../../policy/api";

/** Every mandatory violation, as `policy: resource: message`. */
export function mandatoryViolations(report: ComplianceReport): string[] {
    return report.results
        .filter((r) => r.enforcementLevel === "mandatory")
        .flatMap((r) => r.violations.map((v) => `${r.policy}: ${v.resource}: ${v.message}`));
}

/** The policies that examine what the network builds today; other branches add the rest. */
export const NETWORK_POLICIES = [
    "ec2-default-security-group-closed",
    "vpc-default-security-group-adopted",
    "vpc-flow-logs-all-traffic",
    "ec2-subnet-no-auto-public-ip",
    "private-route-tables-reach-nat",
    "iam-no-admin-statements",
    "cloudwatch-log-group-retention",
    "cloudwatch-log-group-kms",
];

/** Status per policy, for the policies named. */
export const statusOf = (report: ComplianceReport, names: readonly string[]) =>
    Object.fromEntries(names.map((name) => [name, report.results.find((r) => r.policy === name)?.status]));
