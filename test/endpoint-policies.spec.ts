/**
 * Properties of the VPC endpoint policies (lib/network/endpoint-policies.ts) and the patch
 * baseline's severity ladder, for any account and region: no statement lets another account's
 * principal through, but read-only access to the region's AWS-owned repository and SSM buckets.
 */
import fc from "fast-check";
import { approvedSeverities, PATCH_SEVERITIES } from "../lib/management/vocabulary";
import {
    al2023RepoBucket,
    INTERFACE_ENDPOINT_SERVICES,
    InterfaceEndpointService,
    interfaceEndpointPolicy,
    s3GatewayEndpointPolicy,
    ssmManagedBuckets,
} from "../lib/network/endpoint-policies";

const account = fc.stringMatching(/^\d{12}$/);
const region = fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "sa-east-1");
const partition = fc.constantFrom("aws", "aws-cn", "aws-us-gov");
const context = fc.record({ accountId: account, region, partition });
const services = Object.keys(INTERFACE_ENDPOINT_SERVICES) as InterfaceEndpointService[];

describe("VPC endpoint policies", () => {
    it("every interface endpoint statement admits this account's principals only", () => {
        fc.assert(
            fc.property(context, fc.constantFrom(...services), (c, service) => {
                const { Statement } = interfaceEndpointPolicy(service, c);
                expect(Statement.length).toBeGreaterThan(0);
                for (const s of Statement) expect(s.Condition?.StringEquals?.["aws:PrincipalAccount"]).toBe(c.accountId);
            }),
        );
    });

    it("logs and kms also keep to this account's resources; ssm and monitoring cannot (AWS-owned documents, no resource)", () => {
        fc.assert(
            fc.property(context, (c) => {
                const resourceAccount = (s: InterfaceEndpointService) =>
                    interfaceEndpointPolicy(s, c).Statement[0].Condition?.StringEquals?.["aws:ResourceAccount"];
                expect([resourceAccount("logs"), resourceAccount("kms")]).toEqual([c.accountId, c.accountId]);
                expect([resourceAccount("ssm"), resourceAccount("monitoring")]).toEqual([undefined, undefined]);
            }),
        );
    });

    it("the S3 gateway admits any principal only to GetObject on the region's AWS-owned buckets, in the policy's partition", () => {
        fc.assert(
            fc.property(context, (c) => {
                const { Statement } = s3GatewayEndpointPolicy(c);
                const open = Statement.filter((s) => s.Condition?.StringEquals?.["aws:PrincipalAccount"] !== c.accountId);
                expect(open).toHaveLength(1);
                expect(open[0].Action).toBe("s3:GetObject");
                const buckets = [al2023RepoBucket(c.region), ...ssmManagedBuckets(c.region)];
                expect(open[0].Resource).toEqual(buckets.map((b) => `arn:${c.partition}:s3:::${b}/*`));
                for (const b of buckets) expect(b).toContain(c.region);
                const own = Statement.find((s) => s !== open[0])!;
                expect(own.Condition?.StringEquals).toEqual({ "aws:PrincipalAccount": c.accountId, "aws:ResourceAccount": c.accountId });
            }),
        );
    });
});

describe("patch severities", () => {
    it("approve the chosen severity and every more severe one, never a less severe one", () => {
        fc.assert(
            fc.property(fc.constantFrom(...PATCH_SEVERITIES), (minimum) => {
                const approved = approvedSeverities(minimum);
                expect(approved[0]).toBe("Critical");
                expect(approved[approved.length - 1]).toBe(minimum);
                expect(approved).toEqual(PATCH_SEVERITIES.filter((s) => PATCH_SEVERITIES.indexOf(s) <= PATCH_SEVERITIES.indexOf(minimum)));
            }),
        );
    });
});
