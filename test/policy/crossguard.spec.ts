/**
 * The CrossGuard adapter (policy/crossguard.ts): the rules see preview unknowns as UNKNOWN instead
 * of aborting, stack resources keep their relations by URN, and each policy carries its table
 * entry. The pack under Pulumi's own policy runner, over gRPC: test/e2e/policy-pack.e2e.ts.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { plain, toCrossGuard, toStackResource } from "../../policy/crossguard";
import { TAP_POLICIES, UNKNOWN } from "../../policy/api";

/** How the engine sends a string it cannot know during a preview. */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const policy = (name: string) => TAP_POLICIES.find((p) => p.name === name)!;
const urn = (type: string, name: string) => `urn:pulumi:dev::tap::${type}::${name}`;
const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

describe("the CrossGuard adapter", () => {
    it("copies proxied props into plain data, values unknown during a preview as UNKNOWN", () => {
        const props = unknownCheckingProxy({
            name: "/tap/app",
            kmsKeyId: UNKNOWN_STRING,
            rules: [{ cidrBlocks: ["0.0.0.0/0", UNKNOWN_STRING] }],
        });
        expect(plain(props)).toEqual({ name: "/tap/app", kmsKeyId: UNKNOWN, rules: [{ cidrBlocks: ["0.0.0.0/0", UNKNOWN] }] });
    });

    it("reports a resource violation, and none for a reference still unknown in a preview", () => {
        const cg = toCrossGuard(policy("cloudwatch-log-group-kms")) as ResourceValidationPolicy;
        const validate = (props: Record<string, unknown>) => {
            const reported: string[] = [];
            const args = {
                type: "aws:cloudwatch/logGroup:LogGroup",
                name: "app-logs",
                urn: urn("aws:cloudwatch/logGroup:LogGroup", "app-logs"),
                props: unknownCheckingProxy(props),
            };
            (cg.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (m) => reported.push(m));
            return reported;
        };
        expect(validate({ retentionInDays: 90 })).toEqual([expect.stringMatching(/kmsKeyId is unset/)]);
        expect(validate({ retentionInDays: 90, kmsKeyId: UNKNOWN_STRING })).toEqual([]);
        expect(cg.enforcementLevel).toBe("mandatory");
        expect(cg.description).toMatch(/\[seed 004 #8\]$/);
    });

    it("maps stack resources' dependencies, parent and property dependencies to URNs, and reports by URN", () => {
        const resource = (type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyResource> = {}) =>
            ({
                type,
                name,
                urn: urn(type, name),
                props: unknownCheckingProxy(props),
                dependencies: [],
                propertyDependencies: {},
                ...extra,
            }) as unknown as PolicyResource;
        const bucket = resource(BUCKET, "logs", { bucket: UNKNOWN_STRING, arn: UNKNOWN_STRING });
        const other = resource(BUCKET, "data", { bucket: UNKNOWN_STRING });
        const pab = resource(
            PAB,
            "logs-pab",
            { bucket: UNKNOWN_STRING, blockPublicAcls: true },
            {
                parent: bucket,
                dependencies: [bucket],
                propertyDependencies: { bucket: [bucket] },
            },
        );
        expect(toStackResource(pab)).toMatchObject({
            parent: bucket.urn,
            dependsOn: [bucket.urn],
            propertyDependencies: { bucket: [bucket.urn] },
            props: { bucket: UNKNOWN },
        });

        const cg = toCrossGuard(policy("s3-bucket-public-access-block-attached")) as StackValidationPolicy;
        const reported: Array<[string, string | undefined]> = [];
        (cg.validateStack as (a: unknown, r: (m: string, u?: string) => void) => void)({ resources: [bucket, other, pab] }, (m, u) =>
            reported.push([m, u]),
        );
        expect(reported).toEqual([[expect.stringMatching(/no aws.s3.BucketPublicAccessBlock targets it/), other.urn]]);
    });
});
