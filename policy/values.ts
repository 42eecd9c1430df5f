/**
 * Reading resource properties the way the rules need: unknown values (a preview's "known after
 * apply") never cause a violation, since `pulumi up` checks again once they are known; JSON
 * policy documents are parsed; CIDRs, protocols and ports are compared the way AWS reads them.
 */

/** A property value that is not known yet (CrossGuard during `pulumi preview`). */
export const UNKNOWN: unique symbol = Symbol.for("tap.policy.unknown");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** A nested property (`at(props, "metadataOptions", "httpTokens")`); unknown anywhere on the path is unknown. */
export function at(value: unknown, ...path: ReadonlyArray<string | number>): unknown {
    let current = value;
    for (const key of path) {
        if (isUnknown(current)) return UNKNOWN;
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string | number, unknown>)[key];
    }
    return current;
}

/** The elements of a list property; an absent or unknown list has none to check. */
export function list(value: unknown): readonly unknown[] {
    return Array.isArray(value) ? value : [];
}

/** Set, or unknown (a reference to another resource is unknown during a preview, but set). */
export function isSet(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (value === undefined || value === null || value === "") return false;
    return !Array.isArray(value) || value.length > 0;
}

/** True only when the value is known and is not `expected`. */
export function differs(value: unknown, expected: unknown): boolean {
    return !isUnknown(value) && value !== expected;
}

/** True only when the value is known and is not a number of at least `min`. */
export function below(value: unknown, min: number): boolean {
    return !isUnknown(value) && !(typeof value === "number" && value >= min);
}

/** A string or a list of strings, as IAM `Action`/`Resource` and CIDR lists come. */
export function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    return list(value).filter((v): v is string => typeof v === "string");
}

/** A property value in a message: `unset`, or its JSON. */
export const show = (value: unknown): string => (value === undefined ? "unset" : isUnknown(value) ? "unknown" : JSON.stringify(value));

// ---------------------------------------------------------------------------------------------
// IAM-style policy documents (IAM, KMS key policies, S3 bucket policies)

export interface Statement {
    readonly Sid?: unknown;
    readonly Effect?: unknown;
    readonly Principal?: unknown;
    readonly Action?: unknown;
    readonly NotAction?: unknown;
    readonly Resource?: unknown;
    readonly Condition?: unknown;
}

/**
 * The statements of a policy document property: a JSON string (as `pulumi.jsonStringify`
 * sends it) or an object (`aws.iam.PolicyDocument`). `UNKNOWN` during a preview; `undefined`
 * when unset; an unparsable document has no statements.
 */
export function statements(document: unknown): Statement[] | Unknown | undefined {
    if (isUnknown(document)) return UNKNOWN;
    if (document === undefined || document === null || document === "") return undefined;
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            return [];
        }
    }
    const statement = at(parsed, "Statement");
    if (isUnknown(statement)) return UNKNOWN;
    const all = Array.isArray(statement) ? statement : statement && typeof statement === "object" ? [statement] : [];
    return all.filter((s): s is Statement => s !== null && typeof s === "object");
}

/** Every principal string of a statement (`"*"`, or the values of `{ AWS, Service, Federated }`). */
export function principals(statement: Statement): string[] {
    const principal = statement.Principal;
    if (typeof principal === "string") return [principal];
    if (principal && typeof principal === "object") return Object.values(principal).flatMap(strings);
    return [];
}

/** `Effect: "Allow"`, or no Effect at all (invalid for AWS; read as Allow so it is not overlooked). */
export function allows(statement: Statement): boolean {
    return statement.Effect === undefined || statement.Effect === "Allow";
}

// ---------------------------------------------------------------------------------------------
// Security group rules

/** `0.0.0.0/0`, `::/0` or any other /0: the whole address space. */
export function isWorld(cidr: unknown): boolean {
    return typeof cidr === "string" && /\/0$/.test(cidr.trim());
}

/** `-1` / `all`: every protocol and port. */
export function isAllProtocols(protocol: unknown): boolean {
    return protocol === -1 || protocol === "-1" || (typeof protocol === "string" && protocol.toLowerCase() === "all");
}

/** One security group rule, from any of the four ways @pulumi/aws v7 declares one. */
export interface SgRule {
    readonly direction: "ingress" | "egress";
    readonly protocol: unknown;
    readonly fromPort: unknown;
    readonly toPort: unknown;
    /** IPv4 and IPv6 CIDRs; unknown ones are left out. */
    readonly cidrs: readonly string[];
    /** How the rule reads in a message: `egress[0]`, or the rule resource itself. */
    readonly label: string;
}

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const VPC_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const VPC_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const SG_RULE_TYPES = [SECURITY_GROUP, SECURITY_GROUP_RULE, VPC_INGRESS_RULE, VPC_EGRESS_RULE] as const;

/** The rules a security group resource or rule resource declares. */
export function securityGroupRules(props: Readonly<Record<string, unknown>>, type: string): SgRule[] {
    switch (type) {
        case SECURITY_GROUP:
            return (["ingress", "egress"] as const).flatMap((direction) =>
                list(props[direction]).map((rule, i) => ({
                    direction,
                    protocol: at(rule, "protocol"),
                    fromPort: at(rule, "fromPort"),
                    toPort: at(rule, "toPort"),
                    cidrs: [...strings(at(rule, "cidrBlocks")), ...strings(at(rule, "ipv6CidrBlocks"))],
                    label: `${direction}[${i}]`,
                })),
            );
        case SECURITY_GROUP_RULE: {
            const direction = props.type === "egress" ? "egress" : props.type === "ingress" ? "ingress" : undefined;
            if (!direction) return [];
            return [
                {
                    direction,
                    protocol: props.protocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    cidrs: [...strings(props.cidrBlocks), ...strings(props.ipv6CidrBlocks)],
                    label: `${direction} rule`,
                },
            ];
        }
        case VPC_INGRESS_RULE:
        case VPC_EGRESS_RULE: {
            const direction = type === VPC_INGRESS_RULE ? "ingress" : "egress";
            return [
                {
                    direction,
                    protocol: props.ipProtocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    cidrs: [...strings(props.cidrIpv4), ...strings(props.cidrIpv6)],
                    label: `${direction} rule`,
                },
            ];
        }
        default:
            return [];
    }
}

/** A rule that reaches (egress) or admits (ingress) the whole address space, with the /0 CIDRs that make it so. */
export interface WorldRule {
    readonly rule: SgRule;
    /** The rule's world CIDRs (`0.0.0.0/0`, `::/0`), in the rule's order; never empty. */
    readonly world: readonly string[];
}

/** The rules of a security group or rule resource, in `direction`, that face the whole internet. */
export function worldRules(props: Readonly<Record<string, unknown>>, type: string, direction: SgRule["direction"]): WorldRule[] {
    return securityGroupRules(props, type)
        .filter((rule) => rule.direction === direction)
        .map((rule) => ({ rule, world: rule.cidrs.filter(isWorld) }))
        .filter(({ world }) => world.length > 0);
}

const TCP_UDP = new Set(["tcp", "udp", "6", "17"]);

/** Whether a rule opens `port` (TCP or UDP, or every protocol). Unknown ports open nothing we can name. */
export function opensPort(rule: SgRule, port: number): boolean {
    if (isAllProtocols(rule.protocol)) return true;
    if (!TCP_UDP.has(String(rule.protocol).toLowerCase())) return false;
    return typeof rule.fromPort === "number" && typeof rule.toPort === "number" && rule.fromPort <= port && port <= rule.toPort;
}

/** Every protocol, or every TCP/UDP port: a rule that does not say what it is for. */
export function isUnscoped(rule: SgRule): boolean {
    if (isAllProtocols(rule.protocol)) return true;
    return TCP_UDP.has(String(rule.protocol).toLowerCase()) && rule.fromPort === 0 && rule.toPort === 65535;
}

// ---------------------------------------------------------------------------------------------
// Resource policies: who a statement lets in

/** `"*"`, `{ AWS: "*" }` (or `*` among its values): anyone, in any account, signed or not. */
export function hasWildcardPrincipal(statement: Statement): boolean {
    const principal = statement.Principal;
    if (principal === "*") return true;
    if (principal && typeof principal === "object") return strings((principal as Record<string, unknown>).AWS).includes("*");
    return false;
}

/**
 * Condition keys that pin a wildcard principal to the caller's account or organisation, to the
 * resource or service on whose behalf it calls, or to a VPC (endpoint): compared lower-case, as IAM does.
 */
const NARROWING_KEYS = new Set([
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:sourcevpce",
    "aws:sourcevpc",
    "kms:calleraccount",
]);

/** Positive operators only: a negated one (`StringNotEquals`) or `...IfExists` lets callers without the key through. */
const NARROWING_OPERATOR = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/;

/** Whether the statement's conditions narrow it to an account, organisation, source ARN or VPC (endpoint). */
export function isNarrowed(statement: Statement): boolean {
    const condition = statement.Condition;
    if (!condition || typeof condition !== "object") return false;
    return Object.entries(condition as Record<string, unknown>).some(
        ([operator, keys]) =>
            NARROWING_OPERATOR.test(operator) &&
            keys !== null &&
            typeof keys === "object" &&
            Object.entries(keys as Record<string, unknown>).some(([key, value]) => {
                if (!NARROWING_KEYS.has(key.toLowerCase())) return false;
                if (isUnknown(value)) return true;
                const values = strings(value);
                return values.length > 0 && values.every((v) => v.replace(/[*?]/g, "") !== "");
            }),
    );
}
