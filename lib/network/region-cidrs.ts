import { Address4 } from "ip-address";

const range = (cidr: string): readonly [bigint, bigint] => {
    const a = new Address4(cidr);
    return [a.startAddress().bigInt(), a.endAddress().bigInt()];
};

/** Whether two IPv4 CIDR blocks share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
    const [a0, a1] = range(a);
    const [b0, b1] = range(b);
    return a0 <= b1 && b0 <= a1;
}

/**
 * The VPC CIDR of every region: the primary (first) region has `primaryCidr`; another region
 * has its `explicit` entry, or else the next block of the primary's size that overlaps no other
 * region's (10.0.0.0/16 → 10.1.0.0/16 → ...). Derived blocks depend only on the region's place in
 * the list and the explicit entries, so the same config gives the same CIDRs.
 */
export function regionCidrs(
    primaryCidr: string,
    regions: readonly string[],
    explicit: Readonly<Record<string, string>> = {},
): Record<string, string> {
    const [primary, ...others] = regions;
    const result: Record<string, string> = { [primary]: primaryCidr };
    const taken = [primaryCidr, ...others.filter((r) => explicit[r]).map((r) => explicit[r])];
    for (let i = 0; i < taken.length; i++) {
        for (let j = i + 1; j < taken.length; j++) {
            if (cidrsOverlap(taken[i], taken[j])) throw new Error(`VPC CIDRs ${taken[i]} and ${taken[j]} overlap`);
        }
    }
    let candidate = new Address4(primaryCidr);
    for (const region of others) {
        if (explicit[region]) {
            result[region] = explicit[region];
            continue;
        }
        do {
            candidate = candidate.nextNetwork();
            if (candidate.startAddress().bigInt() === 0n)
                throw new Error(`no room left after ${primaryCidr} for a VPC of region ${region}`);
        } while (taken.some((t) => cidrsOverlap(t, `${candidate.correctForm()}/${candidate.subnetMask}`)));
        const cidr = `${candidate.correctForm()}/${candidate.subnetMask}`;
        taken.push(cidr);
        result[region] = cidr;
    }
    return result;
}
