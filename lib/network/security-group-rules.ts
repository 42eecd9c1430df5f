import * as pulumi from "@pulumi/pulumi";

/**
 * The traffic of a security-group rule chained by reference (internet → ALB → app → database):
 * TCP on one port, to (egress) or from (ingress) the members of another security group.
 */
export function tcpWithGroup(port: number, referencedSecurityGroupId: pulumi.Input<string>) {
    return { ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId };
}
