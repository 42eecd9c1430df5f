/** The settings of the web components (WebTier, the domain's certificate and alias, StaticSite), beside their Args. */
import { always, byProfile, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { anyIpv4Cidr, bool, dnsName, intIn, matching, stringList } from "../config/schemas";
import { SHARED_SETTINGS } from "../config/shared";
import { ACM_CERTIFICATE_ARN } from "./certificates";
import { HOSTED_ZONE_ID } from "./vocabulary";

const certificateArn = (where: string) =>
    matching(
        ACM_CERTIFICATE_ARN,
        `must be an ACM certificate ARN${where} (arn:aws:acm:<region>:<12-digit account>:certificate/<lower-case UUID>)`,
    );

export const WEB_TIER_SETTINGS = settingsGroup("WebTier", {
    ...uses(SHARED_SETTINGS, "deletionProtection", "wafRateLimit", "logRetentionDays", "auditLogExpirationDays", "forceDestroyBuckets"),
    allowedIngressCidrs: key({
        schema: stringList(
            anyIpv4Cidr,
            'IPv4 CIDR blocks written as their network address (e.g. ["0.0.0.0/0"] or ["203.0.113.0/24"])',
        ).refine((cidrs) => cidrs.length > 0, {
            error: "must name at least one CIDR block (an empty list makes the load balancer unreachable)",
        }),
        default: always(["0.0.0.0/0"]),
        doc: "Who may reach the load balancer's listeners.",
    }),
    appPort: key({
        schema: intIn(1, 65535),
        default: always(80),
        doc: "The port the app instances serve on (target group and health check).",
    }),
    certificateArn: key({
        schema: certificateArn(" in the stack's region"),
        doc: "ACM certificate of the HTTPS listener (the stack's region); HTTP only when unset.",
    }),
    allowPlainHttp: key({
        schema: bool,
        default: byProfile(true, false),
        doc: "Accept a web tier without TLS (no certificateArn, no domainName): tags the load balancer so the policy pack lets it pass. False in prod, where a plan without TLS fails the pack: Pulumi.prod.yaml names a placeholder certificate instead (of the documentation account 000000000000), which `pulumi preview`/`up` refuse until it is replaced. See docs/data-protection.md.",
    }),
    redirectHttpToHttps: key({
        schema: bool,
        default: byProfile(true, false),
        doc: "With TLS (tap:certificateArn or tap:domainName), keep port 80 open to redirect to HTTPS (ELB.1); false: the load balancer listens on 443 only, from tap:allowedIngressCidrs (seed 002, prod's default).",
    }),
});
export type WebTierSettings = SettingsOf<typeof WEB_TIER_SETTINGS>;

export const DOMAIN_SETTINGS = settingsGroup("DomainCertificate", {
    domainName: key({
        schema: dnsName,
        doc: "The load balancer's domain: an ACM certificate validated by DNS in tap:hostedZoneId, the HTTPS listener, an alias record (instead of tap:certificateArn).",
    }),
    hostedZoneId: key({
        schema: matching(
            HOSTED_ZONE_ID,
            "must be a Route 53 hosted zone id: Z and 9 to 31 upper-case letters and digits (e.g. Z0123456789ABCDEFGHIJ), without the /hostedzone/ prefix",
        ),
        doc: "The public Route 53 zone of tap:domainName (validation and alias records).",
    }),
});
export type DomainSettings = SettingsOf<typeof DOMAIN_SETTINGS>;

/** DomainAlias: the same domain and zone (the alias record), declared once, with DomainCertificate. */
export const DOMAIN_ALIAS_SETTINGS = settingsGroup("DomainAlias", uses(DOMAIN_SETTINGS, "domainName", "hostedZoneId"));
export type DomainAliasSettings = SettingsOf<typeof DOMAIN_ALIAS_SETTINGS>;

export const STATIC_SITE_SETTINGS = settingsGroup("StaticSite", {
    ...uses(SHARED_SETTINGS, "wafRateLimit", "logRetentionDays", "auditLogExpirationDays", "forceDestroyBuckets"),
    cdnCertificateArn: key({
        schema: certificateArn(" in us-east-1"),
        doc: "ACM certificate (us-east-1) of the CloudFront distribution: TLS 1.2+ to viewers needs one.",
    }),
    cdnAliases: key({
        schema: stringList(dnsName, 'DNS names (e.g. ["static.example.com"])'),
        default: always([]),
        doc: "The distribution's domain names, covered by cdnCertificateArn.",
    }),
});
export type StaticSiteSettings = SettingsOf<typeof STATIC_SITE_SETTINGS>;
