/**
 * The tap-security rules, written once and used three ways: by the CrossGuard pack
 * (`policy/serve-pack.ts`, on `pulumi preview --policy-pack policy`), by the offline plan
 * (`npm run plan`) and by the tests. Nothing here starts a policy server.
 */
export * from "./types";
export { UNKNOWN, isUnknown } from "./values";
export { POLICY_PACK_NAME, TAP_POLICIES } from "./pack";
export * from "./evaluate";
export { DOCS_END, DOCS_START, renderPolicyDocs, withPolicyDocs } from "./docs";
