/**
 * The CDN in a region other than us-east-1: OAC-only bucket, HTTPS with TLS 1.2+, v2 access logs
 * and its WAF, planned alone (stand-ins for the key and the access-log bucket); then in the stack:
 * the key policy that lets CloudFront decrypt, the access-log bucket, the outputs.
 */
import * as aws from "@pulumi/aws";
import { MOCK_ACCOUNT_ID } from "../../tooling/mock-runtime/mocks";
import { SecureBucket } from "../../lib/security/secure-bucket";
import { CDN_MINIMUM_PROTOCOL_VERSION, StaticSite } from "../../lib/web/static-site";
import { bucketProtections, statementsOf } from "../security-checks";
import { byRef, CDN_CONFIG, DATA_AND_CDN, one, Plan, planComponent, planTap, TEST_CERTIFICATE_ARN } from "../support";
import { defaultSettings } from "../../lib/config/declare";
import { STATIC_SITE_SETTINGS } from "../../lib/web/settings";

const CDN = "aws:cloudfront/distribution:Distribution";
const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";

describe("StaticSite alone, in eu-west-1 (CDN_CONFIG's certificate and aliases)", () => {
    let plan: Plan;
    let standIns: { kmsKeyArn: string };
    beforeAll(async () => {
        plan = await planComponent(
            (s) => {
                standIns = s;
                return new StaticSite(`${s.namePrefix}-static-site`, {
                    ...s.common,
                    settings: s.settings(STATIC_SITE_SETTINGS, {
                        cdnCertificateArn: CDN_CONFIG["tap:cdnCertificateArn"],
                        cdnAliases: JSON.parse(CDN_CONFIG["tap:cdnAliases"]) as string[],
                    }),
                    region: s.region,
                    kmsKeyArn: s.kmsKeyArn,
                    accessLogsBucket: s.accessLogsBucket(),
                });
            },
            { region: "eu-west-1" },
        );
    });
    const cdn = () => one(plan, CDN);
    const content = () => one(plan, BUCKET, "static-site");
    const logs = () => one(plan, BUCKET, "cdn-logs");

    it("encrypts content with the key it is given", () => {
        expect(bucketProtections(plan, content())).toMatchObject({ sseAlgorithm: "aws:kms", kmsMasterKeyId: standIns.kmsKeyArn });
    });

    it("logs both buckets' server access to the access-log bucket", () => {
        for (const b of [content(), logs()])
            expect([b.name, bucketProtections(plan, b).logsTo]).toEqual([b.name, one(plan, BUCKET, "access-logs").id]);
    });

    it("serves the content bucket through origin access control, signing every request with SigV4", () => {
        const oac = one(plan, "aws:cloudfront/originAccessControl:OriginAccessControl");
        expect(oac.inputs).toMatchObject({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
        expect(cdn().inputs.origins).toEqual([
            {
                originId: "static-site-bucket",
                domainName: content().state.bucketRegionalDomainName,
                originAccessControlId: oac.id,
            },
        ]);
        expect(content().state.region).toBe("eu-west-1");
    });

    it("lets only this distribution read the bucket (AWS:SourceArn), and nobody write to it", () => {
        const allows = bucketProtections(plan, content()).statements.filter((s) => s.Effect === "Allow");
        expect(allows).toEqual([
            {
                Sid: "CloudFrontReadsThroughOriginAccessControl",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "s3:GetObject",
                Resource: `${String(content().state.arn)}/*`,
                Condition: { StringEquals: { "AWS:SourceArn": cdn().state.arn } },
            },
        ]);
    });

    it("breaks the bucket-policy/distribution cycle: the distribution waits on neither the policy nor anything else", () => {
        expect(cdn().dependsOn).toEqual([]);
        const policy = one(plan, "aws:s3/bucketPolicy:BucketPolicy", "static-site-policy");
        expect(JSON.stringify(cdn().inputs)).not.toContain(policy.id);
    });

    it("redirects HTTP to HTTPS and holds viewers to TLS 1.2+ with the configured certificate (SNI) for the aliases", () => {
        expect(cdn().inputs.defaultCacheBehavior).toMatchObject({
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD"],
        });
        expect(cdn().inputs.viewerCertificate).toEqual({
            acmCertificateArn: TEST_CERTIFICATE_ARN,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        });
        expect(CDN_MINIMUM_PROTOCOL_VERSION).toBe("TLSv1.2_2021");
        expect(cdn().inputs).toMatchObject({ aliases: ["static.example.com"], defaultRootObject: "index.html", enabled: true });
    });

    it("logs through standard logging v2 (source, destination and delivery in us-east-1), not legacy ACL-based logging", () => {
        expect(cdn().inputs.loggingConfig).toBeUndefined();
        const source = one(plan, "aws:cloudwatch/logDeliverySource:LogDeliverySource");
        const destination = one(plan, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination");
        const delivery = one(plan, "aws:cloudwatch/logDelivery:LogDelivery");
        expect(source.inputs).toMatchObject({ region: "us-east-1", logType: "ACCESS_LOGS", resourceArn: cdn().state.arn });
        expect(destination.inputs).toMatchObject({
            region: "us-east-1",
            deliveryDestinationConfiguration: { destinationResourceArn: logs().state.arn },
        });
        expect(delivery.inputs).toMatchObject({
            region: "us-east-1",
            deliverySourceName: source.state.name,
            deliveryDestinationArn: destination.state.arn,
        });
        expect(String(source.state.arn)).toMatch(/^arn:aws:logs:us-east-1:/);
        for (const r of [source, destination, delivery]) expect(r.provider).toBe("aws-eu-west-1");
    });

    it("delivers to an ACL-less log bucket whose policy admits this delivery source only, under AWSLogs/<account>/", () => {
        const p = bucketProtections(plan, logs());
        expect([p.objectOwnership, p.sseAlgorithm]).toEqual(["BucketOwnerEnforced", "AES256"]);
        expect(p.statements.filter((s) => s.Effect === "Allow")).toEqual([
            {
                Sid: "CloudFrontLogDelivery",
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${String(logs().state.arn)}/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
                Condition: {
                    StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": MOCK_ACCOUNT_ID },
                    ArnLike: { "aws:SourceArn": one(plan, "aws:cloudwatch/logDeliverySource:LogDeliverySource").state.arn },
                },
            },
        ]);
        expect(one(plan, "aws:cloudwatch/logDelivery:LogDelivery").dependsOn).toEqual([
            one(plan, "aws:s3/bucketPolicy:BucketPolicy", "cdn-logs-policy").urn,
        ]);
        expect(p.lifecycleRules?.[0]).toMatchObject({ expiration: { days: 2557 } });
    });

    it("logs every request of its web ACL to a us-east-1 group named aws-waf-logs-* (WAF.11), credentials redacted", () => {
        const acl = one(plan, "aws:wafv2/webAcl:WebAcl", "cdn-web-acl");
        const logging = one(plan, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "cdn-web-acl-logging");
        const group = byRef(plan, (logging.inputs.logDestinationConfigs as string[])[0]);
        expect([logging.inputs.resourceArn, logging.inputs.region, group.inputs.region]).toEqual([acl.state.arn, "us-east-1", "us-east-1"]);
        expect(String(group.inputs.name)).toMatch(/^aws-waf-logs-/);
        expect(logging.inputs.redactedFields).toEqual([{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }]);
        // The eu-west-1 key cannot encrypt a us-east-1 group: the exception is written on the group, with its reason.
        expect(group.inputs.kmsKeyId).toBeUndefined();
        expect(String((group.inputs.tags as Record<string, string>)["tap:waive:cloudwatch-log-group-kms"])).toMatch(/us-east-1/);
    });
});

describe("StaticSite in an eu-west-1 stack", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(DATA_AND_CDN, "dev");
    });
    const cdn = () => one(plan, CDN);
    const content = () => one(plan, BUCKET, "static-site");
    const logs = () => one(plan, BUCKET, "cdn-logs");

    it("encrypts content with the stack key, which lets this account's distributions decrypt it, nothing more", () => {
        expect(bucketProtections(plan, content())).toMatchObject({ sseAlgorithm: "aws:kms", kmsMasterKeyId: one(plan, KEY).state.arn });
        const statements = statementsOf(one(plan, KEY).inputs.policy);
        expect(statements.filter((s) => JSON.stringify(s.Principal).includes("cloudfront"))).toEqual([
            {
                Sid: "CloudFrontDecryptOriginObjects",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:distribution/*` } },
            },
        ]);
    });

    it("logs both buckets' server access to the access-log bucket and lists them among the stack's buckets", () => {
        for (const b of [content(), logs()]) {
            expect([b.name, bucketProtections(plan, b).logsTo]).toEqual([b.name, one(plan, BUCKET, "access-logs").id]);
            expect(plan.outputs.bucketNames).toContain(b.id);
        }
    });

    it("exports the distribution's domain name, and no web-tier output (the web tier is off)", () => {
        expect(plan.outputs.cdnDomainName).toBe(cdn().state.domainName);
        expect(Object.keys(plan.outputs).filter((k) => /^(alb|webAcl)/.test(k))).toEqual([]);
        expect(byRef(plan, cdn().state.arn).type).toBe(CDN);
    });

    it("exports the CDN's web ACL", () => {
        expect(plan.outputs.cdnWebAclArn).toBe(one(plan, "aws:wafv2/webAcl:WebAcl", "cdn-web-acl").state.arn);
    });
});

describe("StaticSite arguments", () => {
    it("refuses an empty alias list before creating anything", () => {
        expect(
            () =>
                new StaticSite("cdn", {
                    namePrefix: "tap-dev-use1",
                    kmsKeyArn: "arn",
                    accessLogsBucket: {} as SecureBucket,
                    region: "us-east-1",
                    provider: {} as aws.Provider,
                    settings: {
                        ...defaultSettings(STATIC_SITE_SETTINGS, "dev"),
                        cdnCertificateArn: TEST_CERTIFICATE_ARN,
                        cdnAliases: [],
                        auditLogExpirationDays: 365,
                        logRetentionDays: 365,
                    },
                }),
        ).toThrow(/aliases is empty/);
    });
});
