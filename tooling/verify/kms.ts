/** KMS checks (KMS client): the stack's customer-managed key is enabled and rotates. */
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from "@aws-sdk/client-kms";
import { unguardedKeyActions } from "../../policy/rules/protection";
import { anyOf, Check, CheckContext, offAsChosen, pass, verdict } from "./check";

const stackKey = ({ outputs }: CheckContext) => (outputs.has("kmsKeyArn") ? outputs.string("kmsKeyArn") : outputs.string("kmsKeyId"));
const KEY = anyOf("kmsKeyArn", "kmsKeyId");

export const keyRotationEnabled: Check = {
    id: "kms.rotation",
    control: "CIS 3.6 / KMS.4",
    proves: "Automatic rotation of the stack's KMS key is enabled.",
    requires: [KEY],
    async run(context) {
        const keyId = stackKey(context);
        const status = await context.clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
        return [
            verdict(
                keyId,
                status.KeyRotationEnabled === true ? [] : ["KeyRotationEnabled false"],
                `rotation every ${status.RotationPeriodInDays ?? 365} days${status.NextRotationDate ? `, next ${status.NextRotationDate.toISOString().slice(0, 10)}` : ""}`,
            ),
        ];
    },
};

export const keyUsable: Check = {
    id: "kms.key-enabled",
    control: "KMS.3",
    proves: "The stack's key is a customer-managed key in state Enabled (not disabled, not pending deletion).",
    requires: [KEY],
    async run(context) {
        const keyId = stackKey(context);
        const { KeyMetadata: key } = await context.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
        const problems: string[] = [];
        if (key?.KeyState !== "Enabled") {
            problems.push(
                `KeyState ${key?.KeyState}${key?.DeletionDate ? ` (deletion on ${key.DeletionDate.toISOString().slice(0, 10)})` : ""}`,
            );
        }
        if (key?.KeyManager !== "CUSTOMER") problems.push(`KeyManager ${key?.KeyManager}, not CUSTOMER`);
        return [verdict(key?.Arn ?? keyId, problems, "customer-managed, Enabled")];
    },
};

export const keyDeletionGuarded: Check = {
    id: "kms.deletion-guard",
    control: "KMS.3",
    proves: "The key policy denies kms:ScheduleKeyDeletion and kms:DisableKey to every principal (but a break-glass role), or the stack exports that it chose no protection (output protectStatefulResources false).",
    requires: [KEY],
    async run(context) {
        const keyId = stackKey(context);
        const { Policy: policy } = await context.clients.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }));
        const missing = unguardedKeyActions(policy ?? "") ?? [];
        return [
            missing.length === 0
                ? pass(keyId, "the key policy denies kms:ScheduleKeyDeletion and kms:DisableKey to every principal")
                : offAsChosen(keyId, context.outputs, {
                      configKey: "tap:protectStatefulResources",
                      outputKey: "protectStatefulResources",
                      off: `${missing.join(" and ")} not denied`,
                      control: "KMS.3",
                  }),
        ];
    },
};

export const KMS_CHECKS: readonly Check[] = [keyUsable, keyRotationEnabled, keyDeletionGuarded];
