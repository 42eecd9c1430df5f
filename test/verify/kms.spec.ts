/** KMS checks against GetKeyRotationStatus / DescribeKey responses AWS documents (test/verify/fixtures/kms). */
import {
    DescribeKeyCommand,
    DescribeKeyResponse,
    GetKeyPolicyCommand,
    GetKeyRotationStatusCommand,
    GetKeyRotationStatusResponse,
    KeyMetadata,
    KMSClient,
} from "@aws-sdk/client-kms";
import { keyDeletionGuarded, keyRotationEnabled, keyUsable } from "../../tooling/verify/kms";
import { sdkResponse } from "./fixtures";
import { ACCOUNT, findings, KMS_KEY_ARN, KMS_KEY_ID, mockedClients, outputs, REGION, verdicts } from "./support";

let documentedKey: KeyMetadata;
let documentedRotation: GetKeyRotationStatusResponse;
beforeAll(async () => {
    documentedKey = (await sdkResponse<DescribeKeyResponse>("kms/DescribeKey.cli-example")).KeyMetadata!;
    documentedRotation = await sdkResponse<GetKeyRotationStatusResponse>("kms/GetKeyRotationStatus.cli-example");
});
/** The AWS CLI example's key as the stack's: its id and ARN, a symmetric encryption key in state Enabled (the example is a disabled signing key). */
const metadata = (overrides: Partial<KeyMetadata> = {}): KeyMetadata => {
    const { SigningAlgorithms: _signing, ...key } = documentedKey;
    return {
        ...key,
        AWSAccountId: ACCOUNT,
        KeyId: KMS_KEY_ID,
        Arn: KMS_KEY_ARN,
        Enabled: true,
        KeyState: "Enabled",
        KeyUsage: "ENCRYPT_DECRYPT",
        KeySpec: "SYMMETRIC_DEFAULT",
        CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
        EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
        ...overrides,
    };
};

const newMocks = () => mockedClients({ kms: new KMSClient({ region: REGION }) });
let mocks: ReturnType<typeof newMocks>;
beforeEach(() => {
    mocks = newMocks();
});

describe("kms.rotation (CIS 3.6 / KMS.4)", () => {
    it("passes a key with rotation on, asking about the key ARN from the outputs", async () => {
        mocks.kms.on(GetKeyRotationStatusCommand).resolves({ ...documentedRotation, KeyId: KMS_KEY_ARN });
        expect(await findings(keyRotationEnabled, mocks)).toEqual([
            expect.objectContaining({ resource: KMS_KEY_ARN, status: "pass", reason: "rotation every 365 days, next 2024-02-14" }),
        ]);
        expect(mocks.kms.commandCalls(GetKeyRotationStatusCommand)[0].args[0].input).toEqual({ KeyId: KMS_KEY_ARN });
    });

    it("fails a key with rotation off; works from kmsKeyId alone", async () => {
        mocks.kms.on(GetKeyRotationStatusCommand).resolves({
            ...documentedRotation,
            KeyId: KMS_KEY_ARN,
            KeyRotationEnabled: false,
            RotationPeriodInDays: undefined,
            NextRotationDate: undefined,
        });
        expect(verdicts(await findings(keyRotationEnabled, mocks, outputs({}, ["kmsKeyArn"])))).toEqual([[KMS_KEY_ID, "fail"]]);
    });

    it("is skipped when the stack exports no key", async () => {
        expect((await findings(keyRotationEnabled, mocks, outputs({}, ["kmsKeyArn", "kmsKeyId"])))[0].reason).toBe(
            "skipped: output kmsKeyArn or kmsKeyId not in this stack",
        );
    });
});

describe("kms.key-enabled (KMS.3)", () => {
    it("passes an Enabled customer-managed key", async () => {
        mocks.kms.on(DescribeKeyCommand).resolves({ KeyMetadata: metadata() });
        expect(verdicts(await findings(keyUsable, mocks))).toEqual([[KMS_KEY_ARN, "pass"]]);
    });

    it("fails a key scheduled for deletion, giving the date", async () => {
        mocks.kms.on(DescribeKeyCommand).resolves({
            KeyMetadata: metadata({
                Enabled: false,
                KeyState: "PendingDeletion",
                DeletionDate: new Date("2025-02-09T00:00:00Z"),
                PendingDeletionWindowInDays: 30,
            }),
        });
        expect((await findings(keyUsable, mocks))[0]).toMatchObject({
            status: "fail",
            reason: "KeyState PendingDeletion (deletion on 2025-02-09)",
        });
    });

    it("fails an AWS managed key standing in for the stack key", async () => {
        mocks.kms.on(DescribeKeyCommand).resolves({ KeyMetadata: metadata({ KeyManager: "AWS" }) });
        expect((await findings(keyUsable, mocks))[0]).toMatchObject({ status: "fail", reason: "KeyManager AWS, not CUSTOMER" });
    });
});

describe("kms.deletion-guard (KMS.3)", () => {
    const ROOT = {
        Sid: "AccountRootAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "kms:*",
        Resource: "*",
    };
    const GUARD = {
        Sid: "DenyKeyDeletionAndDisablingButBreakGlass",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
        Resource: "*",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/kms-break-glass` } },
    };
    const keyPolicy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

    it("passes a key policy that denies deletion and disabling to every principal, reading the default policy of the stack key", async () => {
        mocks.kms.on(GetKeyPolicyCommand).resolves({ Policy: keyPolicy(ROOT, GUARD), PolicyName: "default" });
        expect(verdicts(await findings(keyDeletionGuarded, mocks, outputs({ protectStatefulResources: true })))).toEqual([
            [KMS_KEY_ARN, "pass"],
        ]);
        expect(mocks.kms.commandCalls(GetKeyPolicyCommand)[0].args[0].input).toEqual({ KeyId: KMS_KEY_ARN, PolicyName: "default" });
    });

    it("fails a protected stack's key whose guard was removed outside Pulumi, naming what is no longer denied", async () => {
        mocks.kms.on(GetKeyPolicyCommand).resolves({ Policy: keyPolicy(ROOT, { ...GUARD, Action: "kms:ScheduleKeyDeletion" }) });
        expect((await findings(keyDeletionGuarded, mocks, outputs({ protectStatefulResources: true })))[0]).toMatchObject({
            status: "fail",
            reason: expect.stringMatching(/^kms:DisableKey not denied, yet the stack chose it on/),
        });
    });

    it("passes an unguarded key where the stack chose no protection (dev), and fails it where the stack says nothing", async () => {
        mocks.kms.on(GetKeyPolicyCommand).resolves({ Policy: keyPolicy(ROOT) });
        expect((await findings(keyDeletionGuarded, mocks, outputs({ protectStatefulResources: false })))[0]).toMatchObject({
            status: "pass",
        });
        expect((await findings(keyDeletionGuarded, mocks, outputs({}, ["protectStatefulResources"])))[0]).toMatchObject({ status: "fail" });
    });
});
