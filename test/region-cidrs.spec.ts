import { cidrsOverlap, regionCidrs } from "../lib/network/region-cidrs";

describe("regionCidrs", () => {
    it("gives the primary its CIDR and each further region the next free block of the same size", () => {
        expect(regionCidrs("10.0.0.0/16", ["us-east-1", "us-west-2", "eu-west-1"])).toEqual({
            "us-east-1": "10.0.0.0/16",
            "us-west-2": "10.1.0.0/16",
            "eu-west-1": "10.2.0.0/16",
        });
    });

    it("skips blocks taken by explicit entries, and the result is pairwise disjoint", () => {
        const cidrs = regionCidrs("10.0.0.0/20", ["a", "b", "c", "d"], { b: "10.0.16.0/20", d: "10.0.48.0/21" });
        expect(cidrs).toEqual({ a: "10.0.0.0/20", b: "10.0.16.0/20", c: "10.0.32.0/20", d: "10.0.48.0/21" });
        const all = Object.values(cidrs);
        for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(cidrsOverlap(all[i], all[j])).toBe(false);
    });

    it("is a pure function of its inputs (same config, same CIDRs)", () => {
        expect(regionCidrs("10.4.0.0/16", ["x", "y"])).toEqual(regionCidrs("10.4.0.0/16", ["x", "y"]));
    });

    it("refuses explicit blocks that overlap", () => {
        expect(() => regionCidrs("10.0.0.0/16", ["a", "b"], { b: "10.0.200.0/24" })).toThrow(
            /10\.0\.0\.0\/16 and 10\.0\.200\.0\/24 overlap/,
        );
    });

    it("knows when blocks overlap", () => {
        expect(cidrsOverlap("10.0.0.0/16", "10.0.255.0/24")).toBe(true);
        expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/24")).toBe(false);
    });
});
