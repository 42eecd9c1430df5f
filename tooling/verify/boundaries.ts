/**
 * The permissions boundaries of delegated role creation (issue 28), after deploy: the CI deploy role
 * carries its own boundary, and every role of the stack the outputs name carries the workload
 * boundary (lib/access/workload-boundary.ts), as planned. A role without it is one the deploy role
 * could widen; a deploy role without its own could remove the rest.
 */
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { roleName } from "./access";
import { Check, Outcome, verdict } from "./check";

/** The stack's roles the outputs name, besides the deploy role: each must carry the workload boundary. */
const BOUNDED_ROLE_OUTPUTS = ["instanceRoleArn", "supportRoleArn", "auditorRoleArn"];

export const permissionsBoundaries: Check = {
    id: "access.permissions-boundaries",
    control: "IAM.1 (no path to *:*); design: delegated role creation",
    proves: "The deploy role carries its own permissions boundary and every role of the stack the outputs name carries the workload boundary, as planned (GetRole).",
    requires: ["deployRoleArn", "deployBoundaryArn", "workloadBoundaryArn"],
    async run({ clients, outputs }) {
        const expected = (key: string) =>
            key === "deployRoleArn" ? outputs.string("deployBoundaryArn") : outputs.string("workloadBoundaryArn");
        const keys = ["deployRoleArn", ...BOUNDED_ROLE_OUTPUTS.filter((key) => outputs.has(key))];
        const outcomes = await Promise.all(
            keys.map(async (key) => {
                const arn = outputs.string(key);
                const { Role: role } = await clients.iam.send(new GetRoleCommand({ RoleName: roleName(arn) }));
                const actual = role?.PermissionsBoundary?.PermissionsBoundaryArn;
                // A deploy role with no boundary at all is access.deploy-role's failure; here, whether it is the planned one.
                if (key === "deployRoleArn" && role !== undefined && actual === undefined) return undefined;
                const problems = actual === expected(key) ? [] : [`permissions boundary ${actual ?? "none"}, not ${expected(key)}`];
                return verdict(arn, problems, `boundary ${actual}`);
            }),
        );
        return outcomes.filter((o): o is Outcome => o !== undefined);
    },
};
