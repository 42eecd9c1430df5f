/**
 * The pack holds its own expectations (policy/profile.ts, policy/stateful-types.ts) instead of
 * importing the program's tables it judges. These tests pin the two together, so a change to one is a
 * change to both in the same review, and pin both to lists that come from neither.
 */
import { PATCH_SEVERITY_ORDER, PROD_PROFILE } from "../../policy/profile";
import { PACK_STATEFUL_TYPE_LIST } from "../../policy/stateful-types";
import { CONFIG_KEYS } from "../../lib/config";
import { defaultOf } from "../../lib/config/declare";
import { PATCH_SEVERITIES } from "../../lib/management/vocabulary";
import { STATEFUL_TYPES } from "../../lib/protection";
import { STATEFUL_TYPES as DIFF_STATEFUL_TYPES } from "../../tooling/plan/diff";

const PROD = { stackName: "prod", profile: "prod", region: "us-east-1", environmentSuffix: "prod" } as const;

describe("the pack's prod profile (policy/profile.ts)", () => {
    it.each(Object.entries(PROD_PROFILE))("%s is the prod default of lib/config", (key, value) => {
        const declaration = (CONFIG_KEYS as Record<string, { default?: Parameters<typeof defaultOf>[0] }>)[key];
        expect(declaration?.default).toBeDefined();
        expect(defaultOf(declaration!.default!, PROD)).toEqual(value);
    });

    it("orders patch severities as the program's vocabulary does (most severe first)", () => {
        expect([...PATCH_SEVERITY_ORDER]).toEqual([...PATCH_SEVERITIES]);
    });
});

/**
 * Types that hold data whatever the program says: their deletion loses it (AWS docs of each service:
 * a deleted bucket, key (after its window), DB instance, log group, trail, vault, table, file system,
 * volume or secret is gone). The offline plan's diff (tooling/plan/diff.ts) keeps its own such list too.
 */
const HOLD_DATA = [
    "aws:s3/bucket:Bucket",
    "aws:kms/key:Key",
    "aws:rds/instance:Instance",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudtrail/trail:Trail",
    "aws:backup/vault:Vault",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
    "aws:ebs/volume:Volume",
    "aws:secretsmanager/secret:Secret",
];

describe("the pack's stateful types (policy/stateful-types.ts)", () => {
    it("are the program's classification (lib/protection.ts), type for type", () => {
        expect([...PACK_STATEFUL_TYPE_LIST].sort()).toEqual([...STATEFUL_TYPES].sort());
    });

    it("include every type that holds data, and the plan diff's stateful types", () => {
        expect(PACK_STATEFUL_TYPE_LIST).toEqual(expect.arrayContaining([...HOLD_DATA, ...DIFF_STATEFUL_TYPES]));
    });
});
