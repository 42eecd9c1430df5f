/** explainError: what a thrown AWS error reads as after `could not verify: `. */
import { ACTION_FIELD, explainError, iamAction } from "../../tooling/verify/errors";

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) => {
    const err = Object.assign(new Error(message), { name }, extra);
    if (extra.action) Object.defineProperty(err, ACTION_FIELD, { value: extra.action });
    return err;
};

describe("iamAction", () => {
    it("names the IAM action, which for two S3 calls is not the API operation", () => {
        expect(iamAction("EC2Client", "DescribeFlowLogsCommand")).toBe("ec2:DescribeFlowLogs");
        expect(iamAction("ElasticLoadBalancingV2Client", "DescribeSSLPoliciesCommand")).toBe("elasticloadbalancing:DescribeSSLPolicies");
        expect(iamAction("S3Client", "GetBucketEncryptionCommand")).toBe("s3:GetEncryptionConfiguration");
        expect(iamAction("S3Client", "GetPublicAccessBlockCommand")).toBe("s3:GetBucketPublicAccessBlock");
        expect(iamAction("S3Client", "GetBucketPolicyCommand")).toBe("s3:GetBucketPolicy");
    });
});

describe("explainError", () => {
    it("reads every AccessDenied spelling, or a 403, as AccessDenied on the action", () => {
        for (const name of ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError"]) {
            expect(explainError(sdkError(name, "no", { action: "kms:DescribeKey" }))).toBe(`AccessDenied on kms:DescribeKey (${name}: no)`);
        }
        expect(explainError(sdkError("Forbidden", "no", { action: "s3:GetBucketPolicy", $metadata: { httpStatusCode: 403 } }))).toMatch(
            /^AccessDenied on s3:GetBucketPolicy/,
        );
    });

    it("takes the action from AWS's message when the call was not marked", () => {
        expect(
            explainError(sdkError("AccessDeniedException", "User: x is not authorized to perform: guardduty:GetDetector on resource: y")),
        ).toMatch(/^AccessDenied on guardduty:GetDetector \(/);
    });

    it("says an endpoint answered something that is not AWS, instead of a parse error", () => {
        const parseError = sdkError(
            "SyntaxError",
            "Unexpected token '<'\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.",
            {
                action: "config:DescribeDeliveryChannelStatus",
                $response: { statusCode: 500 },
            },
        );
        expect(explainError(parseError)).toBe(
            "config:DescribeDeliveryChannelStatus answered HTTP 500 with a body that is not an AWS response: the endpoint does not implement this API (or a proxy answered)",
        );
    });

    it("keeps any other error's code and message, with the action and the attempts", () => {
        expect(
            explainError(sdkError("ThrottlingException", "Rate exceeded", { action: "ec2:DescribeSubnets", $metadata: { attempts: 5 } })),
        ).toBe("ThrottlingException on ec2:DescribeSubnets after 5 attempts: Rate exceeded");
        expect(explainError(sdkError("OutputValueError", "output vpcId not in this stack"))).toBe(
            "OutputValueError: output vpcId not in this stack",
        );
        expect(explainError("plain text")).toBe("plain text");
    });
});
