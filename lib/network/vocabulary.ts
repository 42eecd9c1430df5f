/**
 * What the network components accept, kept apart from them so that the config
 * (lib/config) and the post-deploy checks read them without loading Pulumi.
 */

/** `single`: one NAT gateway for all private subnets; `onePerAz`: one per AZ; `none`: no internet route. */
export const NAT_GATEWAY_STRATEGIES = ["single", "onePerAz", "none"] as const;
export type NatGatewayStrategy = (typeof NAT_GATEWAY_STRATEGIES)[number];
