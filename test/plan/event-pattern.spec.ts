/**
 * The EventBridge matcher (tooling/events/event-pattern.ts) against the examples of the
 * EventBridge user guide: "Creating Amazon EventBridge event patterns" and "Content filtering in
 * Amazon EventBridge event patterns" (the EC2 state-change event and the guide's patterns).
 */
import fc from "fast-check";
import { matches } from "../../tooling/events/event-pattern";

/** The guide's example event (EC2 Instance State-change Notification), with the numeric fields its content-filter examples use. */
const EC2_EVENT = {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    source: "aws.ec2",
    account: "111122223333",
    time: "2017-12-22T18:43:48Z",
    region: "us-west-1",
    resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    detail: { "instance-id": "i-1234567890abcdef0", state: "terminated", "c-count": 5, "d-count": 3, "x-limit": 301.8 },
};

describe("EventBridge pattern matching, the guide's examples", () => {
    it("matches on source, detail-type and a detail value; a value of another case does not", () => {
        expect(
            matches(
                { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], detail: { state: ["terminated"] } },
                EC2_EVENT,
            ),
        ).toBe(true);
        expect(matches({ source: ["aws.ec2"], detail: { state: ["Terminated"] } }, EC2_EVENT)).toBe(false);
        expect(matches({ source: ["aws.ec2"], detail: { state: ["running", "terminated"] } }, EC2_EVENT)).toBe(true); // OR within a field
        expect(matches({ source: ["aws.s3"], detail: { state: ["terminated"] } }, EC2_EVENT)).toBe(false); // AND across fields
    });

    it("matches an array in the event when the pattern shares one element with it", () => {
        expect(
            matches(
                {
                    resources: [
                        "arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0",
                        "arn:aws:ec2:us-west-1:123456789012:instance/i-other",
                    ],
                },
                EC2_EVENT,
            ),
        ).toBe(true);
        expect(matches({ resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-other"] }, EC2_EVENT)).toBe(false);
    });

    it("prefix and suffix", () => {
        expect(matches({ time: [{ prefix: "2017-12-22" }] }, EC2_EVENT)).toBe(true);
        expect(matches({ time: [{ prefix: "2017-12-23" }] }, EC2_EVENT)).toBe(false);
        expect(matches({ detail: { "instance-id": [{ suffix: "def0" }] } }, EC2_EVENT)).toBe(true);
    });

    it("anything-but a value, a list, a prefix; never a missing field", () => {
        expect(matches({ detail: { state: [{ "anything-but": "initializing" }] } }, EC2_EVENT)).toBe(true);
        expect(matches({ detail: { state: [{ "anything-but": "terminated" }] } }, EC2_EVENT)).toBe(false);
        expect(matches({ detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }, EC2_EVENT)).toBe(true);
        expect(matches({ detail: { state: [{ "anything-but": ["stopped", "terminated"] }] } }, EC2_EVENT)).toBe(false);
        expect(matches({ detail: { state: [{ "anything-but": { prefix: "init" } }] } }, EC2_EVENT)).toBe(true);
        expect(matches({ detail: { state: [{ "anything-but": { prefix: "term" } }] } }, EC2_EVENT)).toBe(false);
        expect(matches({ detail: { missing: [{ "anything-but": "x" }] } }, EC2_EVENT)).toBe(false);
    });

    it("numeric ranges (the guide's c-count, d-count and x-limit)", () => {
        expect(
            matches(
                {
                    detail: {
                        "c-count": [{ numeric: [">", 0, "<=", 5] }],
                        "d-count": [{ numeric: ["<", 10] }],
                        "x-limit": [{ numeric: ["=", 3.018e2] }],
                    },
                },
                EC2_EVENT,
            ),
        ).toBe(true);
        expect(matches({ detail: { "c-count": [{ numeric: [">", 5] }] } }, EC2_EVENT)).toBe(false);
    });

    it("exists true and false, also below a missing object", () => {
        expect(matches({ detail: { state: [{ exists: true }] } }, EC2_EVENT)).toBe(true);
        expect(matches({ detail: { state: [{ exists: false }] } }, EC2_EVENT)).toBe(false);
        expect(matches({ detail: { missing: [{ exists: false }] } }, EC2_EVENT)).toBe(true);
        expect(matches({ detail: { missing: { deeper: [{ exists: false }] } } }, EC2_EVENT)).toBe(true);
        expect(matches({ detail: { missing: { deeper: [{ exists: true }] } } }, EC2_EVENT)).toBe(false);
    });

    it("$or: any of its patterns", () => {
        const or = (...alternatives: object[]) => ({ detail: { $or: alternatives } });
        expect(matches(or({ "c-count": [{ numeric: [">", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }), EC2_EVENT)).toBe(true);
        expect(matches(or({ "c-count": [{ numeric: [">", 5] }] }, { "d-count": [{ numeric: [">", 10] }] }), EC2_EVENT)).toBe(false);
    });

    it("refuses an operator it does not implement rather than guessing", () => {
        expect(() => matches({ detail: { state: [{ wildcard: "term*" }] } }, EC2_EVENT)).toThrow(/not implemented/);
    });

    it("ignores the event's fields the pattern does not name (property)", () => {
        fc.assert(
            fc.property(
                fc.dictionary(
                    fc.string().filter((k) => !(k in EC2_EVENT) && k !== "$or"),
                    fc.jsonValue(),
                ),
                (extra) => {
                    const pattern = { source: ["aws.ec2"], detail: { state: ["terminated"] } };
                    return matches(pattern, { ...extra, ...EC2_EVENT }) && !matches(pattern, { ...extra, ...EC2_EVENT, source: "aws.s3" });
                },
            ),
        );
    });
});
