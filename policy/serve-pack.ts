/**
 * SERVES the tap-security policy pack (Pulumi CrossGuard) when loaded: `new PolicyPack` starts the
 * gRPC server the Pulumi engine talks to. Pulumi's policy runner loads it as the pack's entry
 * (policy/package.json `main`) on `pulumi preview --policy-pack policy` from the project root.
 *
 * Never import it, nor the policy/ folder itself (which resolves to it): eslint refuses both
 * (eslint.config.mjs). The rules live in policy/ as plain functions, shared with the offline plan
 * and the tests, which import policy/api.ts; this file only serves them.
 */
import { PolicyPack } from "@pulumi/policy";
import { crossGuardPolicies } from "./crossguard";
import { POLICY_PACK_NAME } from "./pack";

new PolicyPack(POLICY_PACK_NAME, {
    description:
        "Security controls of the tap stack: CIS AWS Foundations v3.0, AWS Foundational Security Best Practices, and the failures of the seed deployments.",
    enforcementLevel: "mandatory",
    policies: crossGuardPolicies(),
});
