/**
 * Properties of the program as a whole, in one place: every resource is declared where a preview sees
 * it, never inside an `apply` or a promise callback; every bucket, log group and policy document of the
 * stack holds to the same rules, whichever component made it; no IAM user, key pair, password, wide-open
 * security-group rule or unconditioned `Resource: "*"` anywhere; every AWS resource goes through the
 * stack's regional provider, with its default tags, under a component. A component's own spec plans that
 * component alone, and asserts on whole-stack plans only what the stack gives it. That the program is
 * deterministic: stack-files/determinism.spec.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../../tooling/mock-runtime/harness";
import { MOCK_ACCOUNT_ID, TapMocks } from "../../tooling/mock-runtime/mocks";
import { allows, isAllProtocols, isWorld, opensPort, strings } from "../../policy/values";
import { bucketProtections, inputKeys, policyDocuments, securityGroupRules, statementsOf } from "../security-checks";
import {
    ALL_TIERS,
    DATA_AND_CDN,
    inputEntries,
    nonEmpty,
    ofType,
    one,
    planComponent,
    planTap,
    TWO_REGIONS,
    VARIANT_CONFIG,
} from "../support";

const CONFIG = TWO_REGIONS;
const declared = (plan: Plan) => plan.resources.map((r) => `${r.type}::${r.name}`).sort();
const KEY = "aws:kms/key:Key";
const BUCKET = "aws:s3/bucket:Bucket";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** Every key named `name` anywhere in the inputs of every resource (nested objects and arrays too). */
const inputsNamed = (plan: Plan, name: string) =>
    inputEntries(plan)
        .filter((e) => e.key === name)
        .map(({ resource, value }) => ({ resource, value }));

describe("the program as a whole (every tier)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(CONFIG, "dev");
    });

    it("declares every resource where a preview sees it: none waits inside an apply on an id or a computed attribute", async () => {
        const preview = await planTap(CONFIG, "dev", new TapMocks("us-east-1", true));
        expect(preview.resources.length).toBeGreaterThan(250);
        expect(declared(preview)).toEqual(declared(plan));
    });

    it("creates no IAM user and no access key anywhere in the program", () => {
        expect(plan.resources.filter((r) => /^aws:iam\/(user|accessKey|userLoginProfile)/.test(r.type))).toEqual([]);
    });
});

describe("every bucket, log group and policy of the stack, every optional tier on (one region)", () => {
    let plan: Plan;
    // The tiers are on so that every bucket, log group and policy below includes theirs.
    beforeAll(async () => {
        plan = await planTap(ALL_TIERS, "dev");
    });

    it("encrypts every log group with the stack key and gives it a retention", () => {
        const key = one(plan, KEY);
        const groups = ofType(plan, LOG_GROUP);
        expect(groups.map((g) => g.name)).toEqual(
            expect.arrayContaining([
                "tap-dev-use1-flow-logs",
                "tap-dev-use1-app-logs",
                "tap-dev-use1-waf-logs",
                "tap-dev-use1-db-postgresql-logs",
                "tap-dev-use1-db-upgrade-logs",
            ]),
        );
        for (const g of groups) {
            expect([g.name, g.inputs.kmsKeyId, g.inputs.retentionInDays]).toEqual([g.name, key.state.arn, 90]);
        }
    });

    it("protects every bucket the stack registers: SSE, versioning, 4 public-access blocks, owner-enforced, TLS-only", () => {
        const buckets = ofType(plan, BUCKET);
        expect(buckets.map((b) => b.name)).toEqual(
            expect.arrayContaining(["tap-dev-use1-alb-logs", "tap-dev-use1-static-site", "tap-dev-use1-cdn-logs"]),
        );
        for (const b of buckets) {
            const p = bucketProtections(plan, b);
            expect([b.name, p.sseAlgorithm]).toEqual([b.name, expect.stringMatching(/^(aws:kms|AES256)$/)]);
            if (p.sseAlgorithm === "aws:kms") expect([b.name, p.kmsMasterKeyId]).toEqual([b.name, one(plan, KEY).state.arn]);
            expect([b.name, p.versioning, p.objectOwnership, p.deniesInsecureTransport]).toEqual([
                b.name,
                "Enabled",
                "BucketOwnerEnforced",
                true,
            ]);
            expect([b.name, p.publicAccessBlock]).toEqual([
                b.name,
                { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            ]);
        }
    });

    it("logs every bucket's server access into the one access-log bucket, which logs nowhere (S3.9)", () => {
        const accessLogs = one(plan, BUCKET, "access-logs");
        for (const b of nonEmpty(ofType(plan, BUCKET))) {
            const logsTo = bucketProtections(plan, b).logsTo;
            expect([b.name, logsTo]).toEqual([b.name, b === accessLogs ? undefined : accessLogs.id]);
        }
        expect(bucketProtections(plan, accessLogs).sseAlgorithm).toBe("AES256");
        const delivery = bucketProtections(plan, accessLogs).statements.find((s) => s.Sid === "AllowS3ServerAccessLogDelivery");
        expect(delivery?.Condition).toEqual({
            ArnLike: { "aws:SourceArn": "arn:aws:s3:::tap-dev-use1-*" },
            StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
        });
    });

    it("registers no ACL resource and no deprecated ...V2 resource type", () => {
        expect(plan.resources.filter((r) => /bucketAcl|V2:/.test(r.type)).map((r) => r.type)).toEqual([]);
    });

    it("has no policy statement anywhere that allows Action '*' on Resource '*'", () => {
        const documents = policyDocuments(plan);
        expect(documents.map((d) => d.owner)).toEqual(
            expect.arrayContaining([
                "tap-dev-use1-key.policy",
                "tap-dev-use1-access-logs-policy.policy",
                "tap-dev-use1-app-logs-metrics.policy",
                "tap-dev-use1-alb-logs-policy.policy",
                "tap-dev-use1-static-site-policy.policy",
                "tap-dev-use1-cdn-logs-policy.policy",
            ]),
        );
        for (const { owner, statements } of documents) {
            for (const s of statements.filter(allows)) {
                const everything = strings(s.Action).includes("*") && strings(s.Resource).includes("*");
                expect([owner, s.Sid, everything]).toEqual([owner, s.Sid, false]);
            }
        }
    });
});

describe("identities and network rules anywhere in the dev stack", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap({}, "dev");
    });

    it("creates no key pair anywhere and sets keyName nowhere (seed 000)", () => {
        expect(plan.resources.filter((r) => r.type === "aws:ec2/keyPair:KeyPair")).toEqual([]);
        expect(inputsNamed(plan, "keyName")).toEqual([]);
    });

    it("scopes every identity-policy statement on Resource '*' with a condition", () => {
        const identityPolicies = [...ofType(plan, "aws:iam/rolePolicy:RolePolicy"), ...ofType(plan, "aws:iam/policy:Policy")];
        expect(identityPolicies.length).toBeGreaterThanOrEqual(2);
        for (const policy of identityPolicies) {
            for (const s of statementsOf(policy.inputs.policy).filter((s) => strings(s.Resource).includes("*")))
                expect([policy.name, s.Sid, s.Condition]).toEqual([policy.name, s.Sid, expect.any(Object)]);
        }
    });

    it("has no egress rule anywhere with protocol -1 to the internet (seed 000, failure 7)", () => {
        const all = securityGroupRules(plan);
        expect(all.length).toBeGreaterThanOrEqual(5);
        const wideOpen = all.filter((r) => r.direction === "egress" && isAllProtocols(r.protocol) && r.cidrs.some(isWorld));
        expect(wideOpen).toEqual([]);
    });

    it("has no ingress rule anywhere from the internet on an admin port (SSH, RDP, WinRM)", () => {
        for (const port of [22, 3389, 5985, 5986]) {
            const open = securityGroupRules(plan).filter((r) => r.direction === "ingress" && opensPort(r, port) && r.cidrs.some(isWorld));
            expect([port, open]).toEqual([port, []]);
        }
    });
});

describe("no password anywhere (the database without the web tier, and the CDN: DATA_AND_CDN)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(DATA_AND_CDN, "dev");
    });

    it("has no password anywhere in the stack, nor a generated secret (seed 004 #1, seed 001 #14)", () => {
        expect(inputKeys(plan).filter(({ key: k }) => /password/i.test(k) && k !== "manageMasterUserPassword")).toEqual([]);
        expect(plan.resources.filter((r) => /^(random:|aws:secretsmanager)/.test(r.type))).toEqual([]);
    });
});

describe("providers, tags and parents (VARIANT_CONFIG: eu-west-1, owner secops)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(VARIANT_CONFIG, "dev");
    });

    it("manages every AWS resource through the stack's explicit regional provider", () => {
        const providers = ofType(plan, "pulumi:providers:aws");
        expect(providers.map((p) => [p.name, p.inputs.region])).toEqual([["aws-eu-west-1", "eu-west-1"]]);
        for (const r of nonEmpty(plan.resources.filter((r) => r.type.startsWith("aws:"))))
            expect([r.name, r.provider]).toEqual([r.name, "aws-eu-west-1"]);
    });

    it("tags everything through defaultTags with Environment, Project, ManagedBy and Owner", () => {
        const provider = one(plan, "pulumi:providers:aws");
        expect(JSON.parse(String(provider.inputs.defaultTags))).toEqual({
            tags: { Environment: "dev", Project: "tap", ManagedBy: "pulumi", Owner: "secops" },
        });
    });

    it("parents every AWS resource to a component, never to the stack itself", () => {
        const components = new Set(plan.resources.filter((r) => !r.custom).map((r) => r.urn));
        for (const r of nonEmpty(plan.resources.filter((r) => r.custom)))
            expect([r.name, components.has(r.parent ?? "")]).toEqual([r.name, true]);
    });
});

describe("the mock-runtime harness", () => {
    it("gives back, after a plan, the diagnostics it switches off while planning (stack traces, source positions)", async () => {
        const limit = Error.stackTraceLimit;
        const stackTrace = (pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace;
        expect(limit).toBeGreaterThan(0);
        // A plan made in this process (a shared whole-stack plan may come from the run's cache or plan server).
        const plan = await planComponent((s) => s.role("harness-probe"));
        expect(plan.resources.length).toBeGreaterThan(0);
        expect(Error.stackTraceLimit).toBe(limit);
        expect((pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace).toBe(stackTrace);
        expect(new Error("after").stack).toMatch(/\n {4}at /);
    });
});
