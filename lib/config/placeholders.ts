/**
 * Placeholders: values a shipped example stack file (Pulumi.prod.yaml) carries so that it plans
 * and passes the policy pack as a real prod stack would, but that must be replaced before a
 * deployment. The offline plan and the tests accept them; `pulumi up` and `pulumi preview`
 * (bin/tap.ts) refuse the stack while any is left, naming each key.
 *
 * What counts as a placeholder: names under the domains reserved for documentation and testing
 * (RFC 2606 §2-3: example.com/.net/.org, .example, .invalid, .test, .localhost), addresses in the
 * documentation ranges (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), and ACM
 * certificate ARNs of the account ids AWS's documentation uses (000000000000, 123456789012).
 */
import type { TapConfig } from "./index";

const RESERVED_DOMAIN = /(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$/i;
const DOCUMENTATION_RANGES = ["192.0.2.", "198.51.100.", "203.0.113."];
const DOCUMENTATION_ACCOUNT = /:(000000000000|123456789012):/;

/** Whether a DNS name is under a domain reserved for documentation. */
export const isPlaceholderDomain = (name: string): boolean => RESERVED_DOMAIN.test(name.toLowerCase());
/** Whether a CIDR block lies in a documentation range (only /24 or longer ones can). */
export const isPlaceholderCidr = (cidr: string): boolean => {
    const [address, prefix] = cidr.split("/");
    return Number(prefix) >= 24 && DOCUMENTATION_RANGES.some((range) => address.startsWith(range));
};

/** The placeholders left in a configuration, each naming its key, its value and what to put there. */
export function placeholderProblems(
    c: Pick<
        TapConfig,
        "alarmEmail" | "domainName" | "certificateArn" | "allowedIngressCidrs" | "cdnCertificateArn" | "cdnAliases" | "enableWebTier"
    >,
): string[] {
    const problems: string[] = [];
    if (c.alarmEmail !== undefined && isPlaceholderDomain(c.alarmEmail.split("@")[1] ?? "")) {
        problems.push(
            `tap:alarmEmail = ${JSON.stringify(c.alarmEmail)} is a placeholder (a reserved example domain): set the address of the person or list who must read the alerts`,
        );
    }
    if (c.domainName !== undefined && isPlaceholderDomain(c.domainName)) {
        problems.push(
            `tap:domainName = ${JSON.stringify(c.domainName)} is a placeholder (a reserved example domain): set the load balancer's name in your public zone, and tap:hostedZoneId to that zone`,
        );
    }
    for (const [key, arn] of [
        ["certificateArn", c.certificateArn],
        ["cdnCertificateArn", c.cdnCertificateArn],
    ] as const) {
        if (arn !== undefined && DOCUMENTATION_ACCOUNT.test(arn))
            problems.push(
                `tap:${key} = ${JSON.stringify(arn)} is a placeholder (a documentation account id): set your ACM certificate's ARN`,
            );
    }
    const cidrs = c.enableWebTier ? c.allowedIngressCidrs.filter(isPlaceholderCidr) : [];
    if (cidrs.length > 0) {
        problems.push(
            `tap:allowedIngressCidrs has ${cidrs.join(", ")}, documentation ranges (RFC 5737) standing in for yours: set the ranges allowed to reach the load balancer`,
        );
    }
    const aliases = c.cdnAliases.filter(isPlaceholderDomain);
    if (aliases.length > 0)
        problems.push(`tap:cdnAliases has ${aliases.join(", ")}, reserved example domains: set the distribution's real names`);
    return problems;
}
