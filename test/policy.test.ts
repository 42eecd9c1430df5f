/**
 * The tap-security pack (`policy/*.spec.ts`: the rules on their fixtures, the policy table, the
 * control ids, the mutants' table, the access policies, the CrossGuard adapter, the generated list)
 * in one jest file (test/specs.ts). The pack under Pulumi's policy runner is a wire test:
 * test/e2e/policy-pack.e2e.ts (`npm run test:e2e`).
 */
import { runSpecs } from "./specs";

runSpecs(["policy"], 6);
