/**
 * The pairing of tests and pack: every control a program test asserts (its id in the test's
 * title) is guarded by a pack rule citing the same id, or is listed below with the reason the
 * pack cannot guard it. A test that asserts a new control without a rule fails here.
 */
import fc from "fast-check";
import { TAP_POLICIES } from "../../policy/api";
import { controlIds } from "../../policy/control-ids";
import { testedControls } from "./tested-controls";

/** Control id → the pack rules citing it. */
function guardedControls(): Map<string, string[]> {
    const byControl = new Map<string, string[]>();
    for (const p of TAP_POLICIES) for (const id of controlIds(p.controls)) byControl.set(id, [...(byControl.get(id) ?? []), p.name]);
    return byControl;
}

/**
 * Controls the tests assert that no pack rule guards, each with why: a stack-level property the
 * resources alone do not show, or a setting that is off by design in some stacks.
 */
const NOT_IN_PACK: Readonly<Record<string, string>> = {
    ...Object.fromEntries(
        Array.from({ length: 14 }, (_, i) => [
            `CIS 4.${i + 1}`,
            "the CIS 4.x metric filters and alarms are a set of 14 filter patterns on the trail's log group; the tests check the patterns, a rule would copy them",
        ]),
    ),
    "CIS 1.17":
        "a support role is the presence of one role in the account (tap:enableAccess, off in dev): no resource shows its absence; access.support-role verifies it after deploy",
};

describe("control ids", () => {
    it("reads the forms the pack and the tests use", () => {
        expect(controlIds("CIS 5.6 / EC2.8, EC2.170")).toEqual(["CIS 5.6", "EC2.8", "EC2.170"]);
        expect(controlIds("CIS 1.8/1.9 and IAM.7/15/16")).toEqual(["CIS 1.8", "CIS 1.9", "IAM.7", "IAM.15", "IAM.16"]);
        expect(controlIds("CIS 5.2, 5.3 / EC2.13, EC2.14")).toEqual(["CIS 5.2", "CIS 5.3", "EC2.13", "EC2.14"]);
        expect(controlIds("covers CIS 4.1 to 4.3")).toEqual(["CIS 4.1", "CIS 4.2", "CIS 4.3"]);
        expect(controlIds("TLSv1.2_2021, seed 004 #1, README.md")).toEqual([]);
    });

    it("reads any single FSBP id back, whatever text surrounds it", () => {
        fc.assert(
            fc.property(
                fc.constantFrom("EC2", "RDS", "S3", "CloudTrail", "WAF"),
                fc.integer({ min: 1, max: 300 }),
                fc.string().filter((s) => !/[\w./,]/.test(s)),
                (family, n, around) => expect(controlIds(`${around}${family}.${n}${around}`)).toEqual([`${family}.${n}`]),
            ),
        );
    });
});

describe("every control the program's tests assert has a pack rule (or a stated reason it cannot)", () => {
    const tested = testedControls();
    const guarded = guardedControls();

    it("finds the tests' controls", () => {
        expect(tested.size).toBeGreaterThan(20);
        expect([...tested.keys()]).toEqual(expect.arrayContaining(["CIS 5.6", "EC2.8", "CIS 5.4", "RDS.3", "WAF.12"]));
    });

    it.each([...testedControls().keys()].sort())("%s", (id) => {
        const rules = guarded.get(id) ?? [];
        if (id in NOT_IN_PACK) {
            expect([id, rules]).toEqual([id, []]); // a rule now exists: drop the exemption
            return;
        }
        expect([id, rules.length > 0, tested.get(id)]).toEqual([id, true, tested.get(id)]);
    });

    it("exempts only controls that a test asserts", () => {
        expect(Object.keys(NOT_IN_PACK).filter((id) => !tested.has(id))).toEqual([]);
    });
});
