/**
 * The tap-security policy pack (Pulumi CrossGuard): `pulumi preview --policy-pack policy`
 * from the project root enforces it on a real preview and `pulumi up`.
 *
 * The rules live in policy/ as plain functions, shared with the offline plan and the tests;
 * this file only serves them. Never import it from a test or the plan: `new PolicyPack` starts
 * the gRPC server the Pulumi engine talks to.
 */
import { PolicyPack } from "@pulumi/policy";
import { crossGuardPolicies } from "./crossguard";
import { POLICY_PACK_NAME } from "./pack";

new PolicyPack(POLICY_PACK_NAME, {
    description: "Security controls of the tap stack: CIS AWS Foundations v3.0, AWS Foundational Security Best Practices, and the failures of the seed deployments.",
    enforcementLevel: "mandatory",
    policies: crossGuardPolicies(),
});
