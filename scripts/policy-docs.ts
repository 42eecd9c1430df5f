/**
 * npm run policy:docs
 * Rewrites the list of policies in docs/policies.md (between the policy-pack markers) from the
 * pack itself, policy/. A unit test fails while the file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { TAP_POLICIES, withPolicyDocs } from "../policy/api";
import { PROJECT_DIR } from "../tooling/plan/stack-files";

const readmePath = path.join(PROJECT_DIR, "docs", "policies.md");
const before = readFileSync(readmePath, "utf8");
const after = withPolicyDocs(before);
if (after === before) {
    console.log(`docs/policies.md: the list of ${TAP_POLICIES.length} policies is up to date`);
} else {
    writeFileSync(readmePath, after);
    console.log(`docs/policies.md: rewrote the list of ${TAP_POLICIES.length} policies`);
}
