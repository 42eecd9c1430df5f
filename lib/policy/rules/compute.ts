/** EC2 instances and launch templates: IMDSv2, no public IPs, no SSH key pairs, encrypted EBS by default. */
import { resourcePolicy, TapPolicy } from "../types";
import { at, isSet, isUnknown, list, show } from "../values";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const KEY_PAIR = "aws:ec2/keyPair:KeyPair";
const EBS_DEFAULT_ENCRYPTION = "aws:ebs/encryptionByDefault:EncryptionByDefault";

export const COMPUTE_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "ec2-ebs-encryption-by-default",
        controls: "CIS 2.2.1 / EC2.7",
        description: "EBS encryption by default is not turned off for the account and region.",
        enforcementLevel: "mandatory",
        resourceTypes: [EBS_DEFAULT_ENCRYPTION],
        check: (p) => (p.enabled === false ? ["enabled is false: new EBS volumes would be unencrypted"] : []),
    }),
    resourcePolicy({
        name: "ec2-imdsv2-required",
        controls: "CIS 5.6 / EC2.8, EC2.170",
        description: "Instances and launch templates require IMDSv2 session tokens (metadataOptions.httpTokens = required), unless the metadata endpoint is off.",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, LAUNCH_TEMPLATE],
        check: (p) => {
            const tokens = at(p.metadataOptions, "httpTokens");
            if (tokens === "required" || isUnknown(tokens) || at(p.metadataOptions, "httpEndpoint") === "disabled") return [];
            return [`metadataOptions.httpTokens is ${show(tokens)}: IMDSv1 answers without a token (SSRF); set "required"`];
        },
    }),
    resourcePolicy({
        name: "ec2-no-public-ip",
        controls: "EC2.9, EC2.25",
        description: "Instances and launch templates do not associate a public IPv4 address (the app tier sits in private subnets behind NAT).",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, LAUNCH_TEMPLATE],
        check: (p, type) => {
            if (type === INSTANCE) return p.associatePublicIpAddress === true ? ["associatePublicIpAddress is true"] : [];
            return list(p.networkInterfaces)
                .map((nic, i) => [i, at(nic, "associatePublicIpAddress")] as const)
                .filter(([, value]) => value === "true" || value === true)
                .map(([i]) => `networkInterfaces[${i}].associatePublicIpAddress is "true"`);
        },
    }),
    resourcePolicy({
        name: "ec2-no-key-pairs",
        controls: "seed 000 (SSH key pairs)",
        description: "No EC2 key pair resources and no keyName on instances or launch templates: shell access is SSM Session Manager.",
        enforcementLevel: "mandatory",
        resourceTypes: [KEY_PAIR, INSTANCE, LAUNCH_TEMPLATE],
        check: (p, type) => {
            if (type === KEY_PAIR) return ["EC2 key pairs are not used: shell access is SSM Session Manager through the instance profile"];
            return isSet(p.keyName) ? [`keyName is ${show(p.keyName)}: no SSH key pairs, use SSM Session Manager`] : [];
        },
    }),
];
