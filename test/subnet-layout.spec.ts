import { Address4 } from "ip-address";
import { selectAvailabilityZones, subnetLayout } from "../lib/network/subnet-layout";

const range = (cidr: string) => {
    const a = new Address4(cidr);
    return [a.startAddress().bigInt(), a.endAddress().bigInt()] as const;
};
const overlaps = (a: string, b: string) => {
    const [a0, a1] = range(a);
    const [b0, b1] = range(b);
    return a0 <= b1 && b0 <= a1;
};

describe("subnetLayout", () => {
    it.each([
        ["10.0.0.0/16", 2],
        ["10.0.0.0/16", 6],
        ["172.16.0.0/20", 3],
        ["192.168.4.0/24", 6],
    ])("%s with %i AZs: subnets inside the VPC, pairwise disjoint, one of each tier per AZ", (vpc, azs) => {
        const { publicCidrs, privateCidrs } = subnetLayout(vpc, azs);
        expect(publicCidrs).toHaveLength(azs);
        expect(privateCidrs).toHaveLength(azs);
        const all = [...publicCidrs, ...privateCidrs];
        for (const s of all) expect(new Address4(s).isInSubnet(new Address4(vpc))).toBe(true);
        for (let i = 0; i < all.length; i++) {
            for (let j = i + 1; j < all.length; j++) expect([all[i], all[j], overlaps(all[i], all[j])]).toEqual([all[i], all[j], false]);
        }
    });

    it("gives a /16 VPC /20 subnets, public from the bottom and private from the middle", () => {
        expect(subnetLayout("10.0.0.0/16", 2)).toEqual({
            publicCidrs: ["10.0.0.0/20", "10.0.16.0/20"],
            privateCidrs: ["10.0.128.0/20", "10.0.144.0/20"],
        });
    });

    it("keeps existing subnets where they are when AZs are added (no replacement)", () => {
        const two = subnetLayout("10.0.0.0/16", 2);
        const three = subnetLayout("10.0.0.0/16", 3);
        expect(three.publicCidrs.slice(0, 2)).toEqual(two.publicCidrs);
        expect(three.privateCidrs.slice(0, 2)).toEqual(two.privateCidrs);
    });

    it("refuses a VPC too small for /28 subnets and an AZ count out of range", () => {
        expect(() => subnetLayout("10.0.0.0/25", 2)).toThrow(/too small/);
        expect(() => subnetLayout("10.0.0.0/16", 7)).toThrow(/azCount/);
        expect(() => subnetLayout("10.0.0.300/16", 2)).toThrow(/not an IPv4 CIDR/);
    });
});

describe("selectAvailabilityZones", () => {
    it("takes the region's first AZs, in order", () => {
        expect(selectAvailabilityZones(["eu-west-1a", "eu-west-1b", "eu-west-1c"], 2)).toEqual(["eu-west-1a", "eu-west-1b"]);
    });

    it("names tap:azCount when the region has fewer AZs than asked", () => {
        expect(() => selectAvailabilityZones(["us-west-1a", "us-west-1c"], 3)).toThrow(
            /tap:azCount is 3 but the region has only 2 available AZs \(us-west-1a, us-west-1c\)/,
        );
    });
});
