import { Address4 } from "ip-address";

/** Bits added to the VPC prefix for each subnet: the VPC is cut into 16 equal blocks. */
export const SUBNET_NEWBITS = 4;
/** Block index of the first private subnet; public subnets take blocks 0..5, private 8..13. */
export const PRIVATE_BLOCK_OFFSET = 8;
/** The VPC prefix lengths the layout accepts: 16 blocks of prefix + 4, and AWS's smallest subnet is /28. */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 24;
/** The most AZs the layout holds (and the most `tap:azCount` allows). */
export const MAX_AZS = 6;

export interface SubnetLayout {
    readonly publicCidrs: string[];
    readonly privateCidrs: string[];
}

/**
 * Carves the VPC CIDR into one public and one private subnet per AZ. The layout is fixed per
 * index (public i is block i, private i is block 8 + i), so raising `azCount` adds subnets
 * without renumbering, and replacing, the existing ones.
 */
export function subnetLayout(vpcCidr: string, azCount: number): SubnetLayout {
    if (!Address4.isValid(vpcCidr)) throw new Error(`not an IPv4 CIDR: ${vpcCidr}`);
    if (!Number.isInteger(azCount) || azCount < 1 || azCount > MAX_AZS) {
        throw new Error(`azCount must be 1..${MAX_AZS}, got ${azCount}`);
    }
    const vpc = new Address4(vpcCidr);
    const subnetPrefix = vpc.subnetMask + SUBNET_NEWBITS;
    if (subnetPrefix > 28) throw new Error(`${vpcCidr} is too small: its subnets would be /${subnetPrefix}, AWS's smallest is /28`);
    const blocks: Address4[] = [new Address4(`${vpc.startAddress().correctForm()}/${subnetPrefix}`)];
    while (blocks.length < 2 ** SUBNET_NEWBITS) blocks.push(blocks[blocks.length - 1].nextNetwork());
    const cidr = (block: Address4) => `${block.correctForm()}/${subnetPrefix}`;
    return {
        publicCidrs: blocks.slice(0, azCount).map(cidr),
        privateCidrs: blocks.slice(PRIVATE_BLOCK_OFFSET, PRIVATE_BLOCK_OFFSET + azCount).map(cidr),
    };
}

/** The first `count` AZs of a region, or an error naming `tap:azCount` when it has fewer. */
export function selectAvailabilityZones(available: readonly string[], count: number): string[] {
    if (available.length < count) {
        throw new Error(`tap:azCount is ${count} but the region has only ${available.length} available AZs (${available.join(", ")})`);
    }
    return available.slice(0, count);
}
