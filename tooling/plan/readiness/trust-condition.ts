/** Service-role trust conditions the service does not send (the table: policy/rules/readiness.ts, SERVICE_TRUST_KEYS). */
import { unsentTrustKeys } from "../../../policy/rules/readiness";
import { managedResources } from "./plan-view";
import { ReadinessRule } from "./types";

export const trustConditions: ReadinessRule = ({ stack }) =>
    managedResources(stack.plan)
        .filter((r) => r.type === "aws:iam/role:Role")
        .flatMap((role) =>
            unsentTrustKeys(role.inputs.assumeRolePolicy).map(({ service, key, source }) => ({
                rule: "trust-condition",
                resource: role.urn,
                message: `${role.name} trusts ${service} only under ${key}, which ${service} does not send when it assumes a role: the service's AssumeRole is denied. Drop the condition (confused-deputy conditions belong in resource policies, where the service sends them)`,
                source,
            })),
        );
