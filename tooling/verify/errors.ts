/**
 * What an AWS error means for a check, in one phrase: a missing permission names the IAM action
 * (`AccessDenied on ec2:DescribeFlowLogs`), an endpoint that answered something that is not an
 * AWS response (an API it does not implement) says so instead of leaking a JSON parse error.
 * Every such error is a "could not verify" failure, never a pass.
 */

/** The error codes AWS services answer for a missing IAM permission. */
const ACCESS_DENIED = new Set([
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation", // EC2
    "AuthorizationError",
    "UnauthorizedAccess",
    "AuthFailure",
]);

import type { VerifyClients } from "./clients";

/** IAM action names that differ from the S3 API operation the SDK calls. */
const S3_ACTIONS: Readonly<Record<string, string>> = {
    GetBucketEncryption: "GetEncryptionConfiguration",
    GetPublicAccessBlock: "GetBucketPublicAccessBlock",
    GetObjectLockConfiguration: "GetBucketObjectLockConfiguration",
    HeadBucket: "ListBucket",
};

/** The IAM service prefix of each SDK client (its `clientName` in the middleware context). */
const SERVICE_PREFIX: Readonly<Record<string, string>> = {
    EC2Client: "ec2",
    AutoScalingClient: "autoscaling",
    CloudTrailClient: "cloudtrail",
    GuardDutyClient: "guardduty",
    ConfigServiceClient: "config",
    S3Client: "s3",
    KMSClient: "kms",
    ElasticLoadBalancingV2Client: "elasticloadbalancing",
    WAFV2Client: "wafv2",
    RDSClient: "rds",
};

/** `ec2:DescribeFlowLogs` from the SDK client's and command's class names. */
export function iamAction(clientName: string, commandName: string): string {
    const service = SERVICE_PREFIX[clientName] ?? clientName.replace(/Client$/, "").toLowerCase();
    const operation = commandName.replace(/Command$/, "");
    return `${service}:${service === "s3" ? (S3_ACTIONS[operation] ?? operation) : operation}`;
}

/** The field `namingActions` sets on an error: the IAM action of the call that failed. */
export const ACTION_FIELD = "$tapAction";

interface SdkError {
    readonly name?: string;
    readonly message?: string;
    readonly [ACTION_FIELD]?: string;
    readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
    readonly $response?: { readonly statusCode?: number };
}

/** The phrase after `could not verify: ` for an error a check threw. */
export function explainError(err: unknown): string {
    if (!(err instanceof Error)) return String(err);
    const e = err as SdkError;
    const named = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(err.message)?.[1];
    const action = e[ACTION_FIELD] ?? named;
    if (ACCESS_DENIED.has(err.name) || e.$metadata?.httpStatusCode === 403) {
        return `AccessDenied on ${action ?? "an AWS call"} (${err.name}: ${err.message})`;
    }
    const status = e.$response?.statusCode ?? e.$metadata?.httpStatusCode;
    if (err.message.includes("Deserialization error") || (err.name === "SyntaxError" && e.$response)) {
        return `${action ?? "an AWS call"} answered HTTP ${status ?? "?"} with a body that is not an AWS response: the endpoint does not implement this API (or a proxy answered)`;
    }
    const attempts = e.$metadata?.attempts && e.$metadata.attempts > 1 ? ` after ${e.$metadata.attempts} attempts` : "";
    return `${err.name}${action ? ` on ${action}` : ""}${attempts}: ${err.message}`;
}

interface Sender {
    send(command: object, ...rest: unknown[]): Promise<unknown>;
}

/**
 * The clients, each `send` marking what it throws with the IAM action of the call
 * (`ec2:DescribeFlowLogs`), paginators included (they call `send`). Wraps mocked clients too.
 */
export function namingActions(clients: VerifyClients): VerifyClients {
    const wrap = <C extends object>(client: C): C =>
        new Proxy(client, {
            get(target, key) {
                const value = Reflect.get(target, key, target) as unknown;
                if (key !== "send" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
                return async (command: object, ...rest: unknown[]) => {
                    try {
                        return await (value as Sender["send"]).call(target, command, ...rest);
                    } catch (err) {
                        if (err instanceof Error && !(ACTION_FIELD in err)) {
                            Object.defineProperty(err, ACTION_FIELD, {
                                value: iamAction(target.constructor.name, command.constructor.name),
                                enumerable: false,
                            });
                        }
                        throw err;
                    }
                };
            },
        });
    return Object.fromEntries(Object.entries(clients).map(([name, client]) => [name, wrap(client as object)])) as unknown as VerifyClients;
}
