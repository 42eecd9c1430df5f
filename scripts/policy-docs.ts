/**
 * npm run policy:docs
 * Rewrites the list of policies in README.md (between the policy-pack markers) from the pack
 * itself, policy/. A unit test fails while the README is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { TAP_POLICIES, withPolicyDocs } from "../policy/api";

const readmePath = path.resolve(__dirname, "..", "README.md");
const before = readFileSync(readmePath, "utf8");
const after = withPolicyDocs(before);
if (after === before) {
    console.log(`README.md: the list of ${TAP_POLICIES.length} policies is up to date`);
} else {
    writeFileSync(readmePath, after);
    console.log(`README.md: rewrote the list of ${TAP_POLICIES.length} policies`);
}
