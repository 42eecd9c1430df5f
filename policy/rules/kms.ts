/** KMS: rotating keys whose policy keeps the account in control. */
import { resourcePolicy, TapPolicy } from "../types";
import { allows, differs, isUnknown, principals, show, Statement, statements, strings } from "../values";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

/** The account root (`arn:aws:iam::<account>:root`, or the bare account id). */
const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/;

/** The statement that lets the account's IAM policies manage the key (the default key policy's first statement). */
function keepsAccountRoot(s: Statement): boolean {
    return (
        allows(s) &&
        principals(s).length > 0 &&
        principals(s).every((p) => ACCOUNT_ROOT.test(p)) &&
        strings(s.Action).some((a) => a === "kms:*" || a === "*") &&
        strings(s.Resource).includes("*")
    );
}

export const KMS_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "kms-key-rotation",
        controls: "CIS 3.6 / KMS.4",
        description: "Symmetric customer-managed KMS keys rotate yearly (enableKeyRotation).",
        enforcementLevel: "mandatory",
        resourceTypes: [KEY],
        check: (p) => {
            const spec = p.customerMasterKeySpec;
            if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") return []; // AWS rotates only symmetric keys
            return differs(p.enableKeyRotation, true) ? [`enableKeyRotation is ${show(p.enableKeyRotation)}: must be true`] : [];
        },
    }),
    resourcePolicy({
        name: "kms-key-policy-least-privilege",
        controls: "KMS.1, KMS.2 (least privilege); CIS 1.16",
        description: "A key policy grants kms:* (or *) only in the account-root statement; every other statement lists its kms actions.",
        enforcementLevel: "mandatory",
        resourceTypes: [KEY, KEY_POLICY],
        check: (p) => {
            const all = statements(p.policy);
            if (all === undefined || isUnknown(all)) return [];
            return all.flatMap((s, i) =>
                allows(s) && !keepsAccountRoot(s) && strings(s.Action).some((a) => a === "*" || a.toLowerCase() === "kms:*")
                    ? [
                          `policy Statement[${i}]${typeof s.Sid === "string" ? ` (${s.Sid})` : ""} allows ${show(s.Action)} to ${show(s.Principal)}: only the account-root statement may grant kms:*; list the actions this principal needs`,
                      ]
                    : [],
            );
        },
    }),
    resourcePolicy({
        name: "kms-key-policy-account-root",
        controls: "seed 001 #12",
        description:
            "A key policy, when set, keeps the statement allowing the account root kms:* on the key, or nobody can manage the key any more.",
        enforcementLevel: "mandatory",
        resourceTypes: [KEY],
        check: (p) => {
            const all = statements(p.policy);
            if (all === undefined || isUnknown(all) || all.some(keepsAccountRoot)) return []; // unset: AWS's default policy has it
            return [
                "the key policy has no Allow statement for the account root (arn:aws:iam::<account>:root) with kms:* on *: the key would become unmanageable",
            ];
        },
    }),
];
