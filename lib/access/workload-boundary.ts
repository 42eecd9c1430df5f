/**
 * The workload permissions boundary (issue 28): with a CI deploy role, every role the program creates
 * carries it, and the deploy role may create or change a role only with it (lib/access/policies.ts,
 * `DenyRolesWithoutWorkloadBoundary`). This is the pattern AWS documents for delegating role creation:
 * IAM User Guide, "Permissions boundaries for IAM entities" - "Delegating responsibility to others
 * using permissions boundaries" (create roles only with the boundary, never remove it, never change
 * the boundary policy). The boundary itself grants no IAM write, so a role the pipeline creates cannot
 * create, change or pass another.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { workloadBoundary } from "./policies";

/** The boundary policy's name: `<prefix>-workload-boundary`. */
export const workloadBoundaryName = (namePrefix: string): string => `${namePrefix}-workload-boundary`;

const ROLE = "aws:iam/role:Role";

/**
 * Its document is a NotAction allow (every service but IAM, STS, Organizations and Account) on
 * Resource "*" held to the stack's regions: a boundary is a ceiling, it grants nothing by itself.
 */
const WORKLOAD_BOUNDARY_WAIVERS: Readonly<Record<string, string>> = {
    "tap:waive:iam-no-wildcard-actions":
        "A permissions boundary grants nothing - every service but IAM writes, held to the stack regions - docs/access.md",
    "tap:waive:iam-no-wildcard-resource": "A permissions boundary grants nothing - IAM reads for AWS Config recording - docs/access.md",
};

export interface WorkloadBoundaryArgs {
    /** The primary region's prefix (`tap-prod-use1`): the policy is `<prefix>-workload-boundary`. */
    readonly namePrefix: string;
    /** Every region's name prefix (the audit trail's bucket starts with one). */
    readonly regionPrefixes: readonly string[];
    /** Every region of the stack, the primary first. */
    readonly regions: readonly string[];
    /** The primary region's provider (IAM is global). */
    readonly provider: aws.Provider;
}

/** The boundary policy (one per stack, IAM is global). */
export function createWorkloadBoundary(args: WorkloadBoundaryArgs, opts: pulumi.CustomResourceOptions): aws.iam.Policy {
    const partition = aws.getPartitionOutput({}, { parent: opts.parent, provider: args.provider }).partition;
    return new aws.iam.Policy(
        workloadBoundaryName(args.namePrefix),
        {
            name: workloadBoundaryName(args.namePrefix),
            description: `The most any role of ${args.namePrefix} can do: no IAM writes, the stack's regions only; CI creates roles only with it`,
            policy: partition.apply((part) =>
                JSON.stringify(workloadBoundary({ partition: part, regions: args.regions, namePrefixes: args.regionPrefixes })),
            ),
            tags: WORKLOAD_BOUNDARY_WAIVERS,
        },
        { ...opts, provider: args.provider },
    );
}

/**
 * A stack transformation: every IAM role registered below the stack that names no boundary of its
 * own gets `boundaryArn()` as its `permissionsBoundary` (the deploy role keeps its own). Inputs change,
 * URNs do not: on a deployed stack the provider sets it in place (iam:PutRolePermissionsBoundary).
 */
export function withWorkloadBoundary(boundaryArn: () => pulumi.Input<string> | undefined): pulumi.ResourceTransformation {
    return (args) => {
        const arn = boundaryArn();
        if (args.type !== ROLE || arn === undefined || (args.props as aws.iam.RoleArgs).permissionsBoundary !== undefined) return undefined;
        return { props: { ...args.props, permissionsBoundary: arn }, opts: args.opts };
    };
}
