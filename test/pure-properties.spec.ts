/**
 * Property-based tests (fast-check) of the program's pure arithmetic: the subnet layout, the
 * regions' CIDRs and the names. Any valid input, not only the examples the other tests pick.
 */
import fc from "fast-check";
import { Address4 } from "ip-address";
import { AWS_REGIONS } from "../lib/config";
import { bucketName, ELB_NAME_MAX, elbNames, namePrefix, regionShortCode } from "../lib/naming";
import { cidrsOverlap, regionCidrs } from "../lib/network/region-cidrs";
import { MAX_AZS, subnetLayout, VPC_PREFIX_MAX, VPC_PREFIX_MIN } from "../lib/network/subnet-layout";

/** Every pair of the CIDRs that overlap (one expect per property run, not one per pair). */
const overlapping = (cidrs: readonly string[]) =>
    cidrs.flatMap((a, i) =>
        cidrs
            .slice(i + 1)
            .filter((b) => cidrsOverlap(a, b))
            .map((b) => [a, b]),
    );

/** A VPC CIDR the config accepts: a private-range network address with a prefix from /16 to /24. */
const vpcCidr = fc
    .record({
        base: fc.constantFrom("10.0.0.0", "172.16.0.0", "192.168.0.0"),
        bits: fc.integer({ min: VPC_PREFIX_MIN, max: VPC_PREFIX_MAX }),
        block: fc.integer({ min: 0, max: 255 }),
    })
    .map(({ base, bits, block }) => {
        const start = new Address4(`${base}/16`).startAddress().bigInt() + (base === "10.0.0.0" ? BigInt(block) << 16n : 0n);
        const network = Address4.fromBigInt(start).correctForm();
        return `${network}/${base === "10.0.0.0" ? bits : Math.max(bits, 16)}`;
    });

describe("subnetLayout, for any VPC and AZ count the config accepts", () => {
    it("gives one public and one private subnet per AZ, inside the VPC, pairwise disjoint", () => {
        fc.assert(
            fc.property(vpcCidr, fc.integer({ min: 1, max: MAX_AZS }), (vpc, azs) => {
                const { publicCidrs, privateCidrs } = subnetLayout(vpc, azs);
                expect([publicCidrs.length, privateCidrs.length]).toEqual([azs, azs]);
                const all = [...publicCidrs, ...privateCidrs];
                expect(all.filter((s) => !new Address4(s).isInSubnet(new Address4(vpc)))).toEqual([]);
                expect(overlapping(all)).toEqual([]);
            }),
        );
    });

    it("adding AZs never moves an existing subnet (no replacement)", () => {
        fc.assert(
            fc.property(vpcCidr, fc.integer({ min: 1, max: MAX_AZS - 1 }), fc.integer({ min: 1, max: MAX_AZS }), (vpc, fewer, more) => {
                fc.pre(more > fewer);
                const a = subnetLayout(vpc, fewer);
                const b = subnetLayout(vpc, more);
                expect(b.publicCidrs.slice(0, fewer)).toEqual(a.publicCidrs);
                expect(b.privateCidrs.slice(0, fewer)).toEqual(a.privateCidrs);
            }),
        );
    });
});

describe("regionCidrs, for any list of regions", () => {
    const regions = fc.uniqueArray(fc.constantFrom(...AWS_REGIONS.slice(0, 20)), { minLength: 1, maxLength: 5 });

    it("gives every region a block of the primary's size, the primary its own, all pairwise disjoint, the same on every call", () => {
        fc.assert(
            fc.property(vpcCidr, regions, (primary, list) => {
                const cidrs = regionCidrs(primary, list);
                expect(Object.keys(cidrs)).toEqual(list);
                expect(cidrs[list[0]]).toBe(primary);
                const blocks = Object.values(cidrs);
                expect(blocks.filter((b) => b.split("/")[1] !== primary.split("/")[1])).toEqual([]);
                expect(overlapping(blocks)).toEqual([]);
                expect(regionCidrs(primary, list)).toEqual(cidrs);
            }),
        );
    });

    it("a region's derived block depends only on the regions before it (appending a region moves nothing)", () => {
        fc.assert(
            fc.property(vpcCidr, regions, (primary, list) => {
                fc.pre(list.length > 1);
                const shorter = regionCidrs(primary, list.slice(0, -1));
                const longer = regionCidrs(primary, list);
                expect(Object.fromEntries(Object.keys(shorter).map((region) => [region, longer[region]]))).toEqual(shorter);
            }),
        );
    });
});

describe("names, for any suffix and region the config accepts", () => {
    const suffix = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), minLength: 1, maxLength: 16 });
    const region = fc.constantFrom(...AWS_REGIONS);

    it("the prefix is a pure function, carries the suffix and a short region code, and region codes never collide", () => {
        fc.assert(
            fc.property(suffix, region, (s, r) => {
                expect(namePrefix(s, r)).toBe(`tap-${s}-${regionShortCode(r)}`);
                expect(regionShortCode(r).length).toBeLessThanOrEqual(8);
            }),
        );
        const codes = AWS_REGIONS.map(regionShortCode);
        expect(new Set(codes).size).toBe(codes.length);
    });

    it("bucket names are valid S3 names whenever they are returned, and lowercase", () => {
        fc.assert(
            fc.property(suffix, region, fc.constantFrom("access-logs", "cloudtrail", "config"), (s, r, purpose) => {
                let name: string | undefined;
                try {
                    name = bucketName(namePrefix(s, r), purpose, "123456789012");
                } catch {
                    return;
                }
                expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
            }),
        );
    });

    it("the ELB names fit ELB's 32 characters for suffixes up to 8 characters", () => {
        fc.assert(
            fc.property(
                suffix.filter((s) => s.length <= 8),
                region,
                fc.integer({ min: 1, max: 65535 }),
                (s, r, port) => {
                    for (const n of Object.values(elbNames(namePrefix(s, r), port))) expect(n.length).toBeLessThanOrEqual(ELB_NAME_MAX);
                },
            ),
        );
    });
});
