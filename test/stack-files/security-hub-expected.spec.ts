/**
 * The expected Security Hub result (issue 25) of the committed stack files: prod expects no failed
 * CIS v3.0.0 or FSBP control without a waiver, every control of its scope is accounted for, every
 * waiver has its reason; and the control data is the AWS control reference's, whole for CIS v3.0.0.
 */
import { evaluatePolicies, subjectsOf } from "../../policy/api";
import { asStackResource } from "../../policy/evaluate";
import { CONTROLS, expectedResult, LEFT_TO_ACCOUNT, staleWaivers, tally } from "../../policy/securityhub/expected";
import { PREDICTORS } from "../../policy/securityhub/predictors";
import { EVALUATES } from "../../policy/securityhub/scope";
import { EXPECTED_RESULT_POLICY_NAME } from "../../policy/rules/security-hub-expected";
import { TAP_POLICIES } from "../../policy/pack";
import { nonEmpty, ofType, Plan, planStackFile, planTap, referencePlan, stackFileConfig } from "../support";

const expectedOf = (plan: Plan) => expectedResult(subjectsOf(plan).map(asStackResource), evaluatePolicies(plan).results);

describe("the control data (policy/securityhub/controls.json)", () => {
    it("holds the 37 controls of CIS v3.0.0 in Security Hub and FSBP's of the services tap plans, each once", () => {
        expect(CONTROLS.filter((c) => c.standards.includes("cis"))).toHaveLength(37);
        expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
        for (const c of nonEmpty(CONTROLS))
            expect([
                c.id,
                /^[A-Za-z][A-Za-z0-9]*\.\d+$/.test(c.id),
                ["LOW", "MEDIUM", "HIGH", "CRITICAL"].includes(c.severity),
                c.standards.length > 0,
            ]).toEqual([c.id, true, true, true]);
    });

    it("names only controls of the data in the scope, predictor and left-to-account tables, and predicts none twice", () => {
        const ids = new Set(CONTROLS.map((c) => c.id));
        for (const id of [...Object.keys(EVALUATES), ...Object.keys(LEFT_TO_ACCOUNT), ...PREDICTORS.map((p) => p.control)])
            expect([id, ids.has(id)]).toEqual([id, true]);
        const cited = new Set(
            TAP_POLICIES.filter((p) => p.name !== EXPECTED_RESULT_POLICY_NAME).flatMap((p) =>
                [...p.controls.matchAll(/\b([A-Za-z][A-Za-z0-9]*\.\d+)\b/g)].map((m) => m[1]),
            ),
        );
        expect(PREDICTORS.filter((p) => cited.has(p.control)).map((p) => p.control)).toEqual([]);
        expect(PREDICTORS.filter((p) => LEFT_TO_ACCOUNT[p.control]).map((p) => p.control)).toEqual([]);
    });
});

describe("the expected Security Hub result of Pulumi.prod.yaml", () => {
    let prod: Plan;
    let twoRegions: Plan;
    beforeAll(async () => {
        prod = await planStackFile("prod");
        twoRegions = await referencePlan("prod-two-regions.txt");
    });

    it("expects no failed control without a waiver and leaves none unaccounted, in one region or two", () => {
        for (const plan of [prod, twoRegions]) {
            const expected = expectedOf(plan);
            expect(
                expected.filter((e) => e.status === "fail" || e.status === "unaccounted").map((e) => `${e.id} ${e.standard}: ${e.why}`),
            ).toEqual([]);
            const t = tally(expected);
            expect(t.cis.pass).toBeGreaterThan(15);
            expect(t.fsbp.pass).toBeGreaterThan(60);
        }
    });

    it("waives each control with its reason, in every region, and passes the pack rule", () => {
        const waivers = nonEmpty(ofType(twoRegions, "aws:securityhub/standardsControlAssociation:StandardsControlAssociation"));
        for (const w of waivers)
            expect([w.name, w.inputs.associationStatus, String(w.inputs.updatedReason).length >= 30]).toEqual([w.name, "DISABLED", true]);
        expect(new Set(waivers.map((w) => w.provider)).size).toBe(2);
        const waived = expectedOf(prod).filter((e) => e.status === "waived");
        expect(waived.length).toBe(18);
        expect(evaluatePolicies(prod).results.find((r) => r.policy === EXPECTED_RESULT_POLICY_NAME)).toMatchObject({ status: "pass" });
    });

    it("waives nothing it would pass: each waived control is expected to fail once its waiver is gone", () => {
        const stale = staleWaivers(subjectsOf(prod).map(asStackResource), evaluatePolicies(prod).results);
        expect(stale.map((e) => `${e.id} (${e.standard}) would be ${e.status}: ${e.why}`)).toEqual([]);
    });

    it("tells a stale waiver: a waiver of a control prod passes (ELB.6, deletion protection on) is reported", async () => {
        const waivers = JSON.parse(stackFileConfig("prod")["tap:securityHubControlWaivers"]) as Record<string, unknown>;
        const plan = await planStackFile("prod", {
            "tap:securityHubControlWaivers": JSON.stringify({
                ...waivers,
                "ELB.6": { reason: "a waiver written before deletion protection was turned on, now stale", standards: ["fsbp"] },
            }),
        });
        expect(
            staleWaivers(subjectsOf(plan).map(asStackResource), evaluatePolicies(plan).results).map((e) => `${e.id} ${e.status}`),
        ).toEqual(["ELB.6 pass"]);
    });

    it("fails the pack when a control prod fails loses its waiver (RDS.23: the default port)", async () => {
        const waivers = JSON.parse(stackFileConfig("prod")["tap:securityHubControlWaivers"]) as Record<string, unknown>;
        delete waivers["RDS.23"];
        const plan = await planStackFile("prod", { "tap:securityHubControlWaivers": JSON.stringify(waivers) });
        const result = evaluatePolicies(plan).results.find((r) => r.policy === EXPECTED_RESULT_POLICY_NAME)!;
        expect(result.status).toBe("fail");
        expect(result.violations.map((v) => v.message)).toEqual([
            expect.stringMatching(/^Security Hub RDS\.23 \(fsbp, LOW\) is expected to fail: .*port 5432 is the engine default/),
        ]);
    });

    it("predicts from the plan, not from the standard: prod without deletion protection fails ELB.6 and RDS.8", async () => {
        const plan = await planStackFile("prod", { "tap:deletionProtection": "false" });
        const expected = expectedOf(plan);
        // Deletion protection off: RDS.8 and ELB.6, which the pack's own rules cite, are expected to fail.
        expect(
            expected
                .filter((e) => e.status === "fail")
                .map((e) => e.id)
                .sort(),
        ).toEqual(expect.arrayContaining(["ELB.6", "RDS.8"]));
    });
});

describe("ELB.1 where the pack accepts plain HTTP (tap:allowPlainHttp)", () => {
    it("is expected to fail, as Security Hub does, though the pack passes the load balancer", async () => {
        const plan = await planTap({ "tap:enableWebTier": "true", "tap:allowPlainHttp": "true" });
        const results = evaluatePolicies(plan).results;
        expect(results.filter((r) => r.controls.includes("ELB.1")).map((r) => [r.policy, r.status])).toEqual(
            expect.arrayContaining([["elb-https-listener", "pass"]]),
        );
        const elb1 = nonEmpty(expectedOf(plan).filter((e) => e.id === "ELB.1"));
        expect(elb1.map((e) => e.status)).toEqual(elb1.map(() => "fail"));
        expect(elb1[0].why).toMatch(/Security Hub does not: .*forwards plain HTTP/);
    });

    it("passes with TLS and port 80 redirecting (dev with a certificate)", async () => {
        const plan = await planTap({
            "tap:enableWebTier": "true",
            "tap:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
            "tap:allowPlainHttp": "false",
        });
        expect(nonEmpty(expectedOf(plan).filter((e) => e.id === "ELB.1")).map((e) => e.status)).toEqual(["pass"]);
    });
});

describe("the CDN's controls (CloudFront.*) in a prod plan", () => {
    const CDN = {
        "tap:enableCdn": "true",
        "tap:cdnCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
        "tap:cdnAliases": '["static.example.com"]',
    };

    it("are all accounted for: the static site passes all but origin failover (one bucket) and legacy logging (v2 delivery), which fail until waived", async () => {
        const cdn = nonEmpty(expectedOf(await planStackFile("prod", CDN)).filter((e) => e.id.startsWith("CloudFront.")));
        expect(cdn.filter((e) => e.status === "unaccounted")).toEqual([]);
        expect(
            cdn
                .filter((e) => e.status === "fail")
                .map((e) => e.id)
                .sort(),
        ).toEqual(["CloudFront.4", "CloudFront.5"]);
        expect(cdn.filter((e) => e.status === "pass").map((e) => e.id)).toEqual(
            expect.arrayContaining(["CloudFront.1", "CloudFront.9", "CloudFront.10", "CloudFront.12", "CloudFront.15", "CloudFront.17"]),
        );
    });

    it("a custom origin over plain HTTP with TLSv1, an old viewer policy and no root object fail CloudFront.1, .9, .10 and .15", () => {
        const predictor = (id: string) => PREDICTORS.find((p) => p.control === id)!;
        const distribution = {
            urn: "urn:pulumi:prod::tap::aws:cloudfront/distribution:Distribution::bad",
            id: "d",
            type: "aws:cloudfront/distribution:Distribution",
            name: "bad",
            props: {
                origins: [
                    {
                        originId: "web",
                        domainName: "web.example.com",
                        customOriginConfig: { originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1", "TLSv1.2"] },
                    },
                ],
                viewerCertificate: { minimumProtocolVersion: "TLSv1" },
                defaultRootObject: "",
            },
        } as unknown as Parameters<(typeof PREDICTORS)[number]["validate"]>[0][number];
        for (const id of ["CloudFront.1", "CloudFront.9", "CloudFront.10", "CloudFront.15"])
            expect([id, predictor(id).validate([distribution]).length]).toEqual([id, 1]);
    });
});
