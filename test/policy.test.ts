/**
 * The tap-security pack (`policy/*.spec.ts`: the rules on their fixtures, the policy table, the
 * control ids, the mutants' table, the access policies, the generated list) in one jest file
 * (test/specs.ts). `policy/crossguard.test.ts` starts Pulumi's policy runner, so it stays a file apart.
 */
import { runSpecs } from "./specs";

runSpecs(["policy"], 6);
