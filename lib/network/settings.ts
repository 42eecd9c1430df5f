/** The settings of VpcNetwork, beside its Args. */
import { always, byProfile, key, settingsGroup, SettingsOf, uses } from "../config/declare";
import { intIn, oneOf } from "../config/schemas";
import { SHARED_SETTINGS } from "../config/shared";
import { MAX_AZS } from "./subnet-layout";
import { NAT_GATEWAY_STRATEGIES, NatGatewayStrategy } from "./vocabulary";

export const VPC_NETWORK_SETTINGS = settingsGroup("VpcNetwork", {
    ...uses(SHARED_SETTINGS, "logRetentionDays"),
    azCount: key({
        schema: intIn(2, MAX_AZS),
        default: always(2),
        doc: "AZs per region, each with a public and a private subnet.",
    }),
    natGatewayStrategy: key({
        schema: oneOf(NAT_GATEWAY_STRATEGIES),
        default: byProfile<NatGatewayStrategy>("single", "onePerAz"),
        doc: "`single` NAT gateway, `onePerAz`, or `none` (no internet route from the private subnets).",
    }),
});
export type VpcNetworkSettings = SettingsOf<typeof VPC_NETWORK_SETTINGS>;
