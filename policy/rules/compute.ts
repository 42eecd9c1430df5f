/** EC2 instances and launch templates: IMDSv2, no public IPs, no SSH key pairs, encrypted EBS by default. */
import { ofType } from "../relations";
import { Props, resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import { at, isSet, isUnknown, list, show } from "../values";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const KEY_PAIR = "aws:ec2/keyPair:KeyPair";
const EBS_DEFAULT_ENCRYPTION = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const EBS_VOLUME = "aws:ebs/volume:Volume";

/** What is wrong with an instance's or a template's `metadataOptions`. */
function imdsProblems(metadataOptions: unknown): string[] {
    const tokens = at(metadataOptions, "httpTokens");
    if (tokens === "required" || isUnknown(tokens) || at(metadataOptions, "httpEndpoint") === "disabled") return [];
    return [`metadataOptions.httpTokens is ${show(tokens)}: IMDSv1 answers without a token (SSRF); set "required"`];
}

/** The network interfaces of a launch template that associate a public IPv4 address. */
function templatePublicIpProblems(networkInterfaces: unknown): string[] {
    return list(networkInterfaces)
        .map((nic, i) => [i, at(nic, "associatePublicIpAddress")] as const)
        .filter(([, value]) => value === "true" || value === true)
        .map(([i]) => `networkInterfaces[${i}].associatePublicIpAddress is "true"`);
}

function keyNameProblems(keyName: unknown): string[] {
    return isSet(keyName) ? [`keyName is ${show(keyName)}: no SSH key pairs, use SSM Session Manager`] : [];
}

/** A value the instance itself carries (its input, or what AWS reports once it runs); else the template decides. */
const own = (value: unknown) => value !== undefined && value !== null && value !== "" && !isUnknown(value);

/**
 * The settings an instance leaves to its launch template (RunInstances takes the template's
 * value for what the request does not set), each with what would be wrong with the template's value.
 */
function leftToTemplate(instance: Props): Array<(template: Props) => string[]> {
    return [
        ...(own(instance.metadataOptions)
            ? []
            : [(t: Props) => [...imdsProblems(t.metadataOptions), ...hopLimitProblems(t.metadataOptions)]]),
        ...(own(instance.associatePublicIpAddress) ? [] : [(t: Props) => templatePublicIpProblems(t.networkInterfaces)]),
        ...(own(instance.keyName) ? [] : [(t: Props) => keyNameProblems(t.keyName)]),
    ];
}

/**
 * The launch template of the stack an instance is launched from: by the property's dependency
 * (CrossGuard, known even during a preview), else by id or name; `unknown` when it cannot be told
 * yet (`pulumi up` checks again), `undefined` when it is not one of the stack's.
 */
function launchTemplateOf(instance: StackResource, templates: readonly StackResource[]): StackResource | "unknown" | undefined {
    const deps = instance.propertyDependencies?.launchTemplate ?? [];
    const byDependency = templates.find((t) => deps.includes(t.urn));
    if (byDependency) return byDependency;
    const id = at(instance.props, "launchTemplate", "id");
    const name = at(instance.props, "launchTemplate", "name");
    if (isUnknown(id) || isUnknown(name)) return deps.length > 0 ? undefined : "unknown";
    const byValue = templates.find((t) => (own(id) && (id === t.id || id === t.props.id)) || (own(name) && name === t.props.name));
    if (byValue) return byValue;
    return templates.some((t) => isUnknown(t.id) || isUnknown(t.props.name)) ? "unknown" : undefined;
}

const instanceTemplateHardened: StackPolicy = {
    name: "ec2-instance-launch-template-hardened",
    controls: "CIS 5.6 / EC2.8, EC2.9; seed 000 (SSH key pairs)",
    description:
        "An instance launched from a launch template takes from it what it does not set itself (IMDS options, public IP, key pair): the template is one of the stack's and requires IMDSv2, associates no public IP and names no key pair.",
    enforcementLevel: "mandatory",
    resourceTypes: [INSTANCE],
    validateStack: (resources) => {
        const templates = ofType(resources, LAUNCH_TEMPLATE);
        const violations: StackViolation[] = [];
        for (const instance of ofType(resources, INSTANCE)) {
            const inherited = leftToTemplate(instance.props);
            if (!isSet(instance.props.launchTemplate) || inherited.length === 0) continue;
            const template = launchTemplateOf(instance, templates);
            if (template === "unknown") continue;
            if (template === undefined) {
                const ref = at(instance.props, "launchTemplate", "id") ?? at(instance.props, "launchTemplate", "name");
                violations.push({
                    urn: instance.urn,
                    message: `is launched from the launch template ${show(ref)}, which is not one of this stack's: the IMDS, public IP and key pair settings it takes from it cannot be checked; launch it from a template of the stack`,
                });
                continue;
            }
            for (const problem of inherited.flatMap((check) => check(template.props))) {
                violations.push({ urn: instance.urn, message: `inherits from its launch template ${template.name}: ${problem}` });
            }
        }
        return violations;
    },
};

/** IMDS hop limit above 1 lets a container (or anything one hop away) reach the instance's credentials. */
function hopLimitProblems(metadataOptions: unknown): string[] {
    if (at(metadataOptions, "httpEndpoint") === "disabled") return [];
    const hops = at(metadataOptions, "httpPutResponseHopLimit");
    if (isUnknown(hops) || hops === 1) return [];
    return [
        `metadataOptions.httpPutResponseHopLimit is ${show(hops)}: must be 1 (unset, AL2023 AMIs default to 2), so no container or forwarded hop reaches the instance credentials`,
    ];
}

/** The EBS volumes an instance, launch template or volume declares that are not encrypted. */
function unencryptedVolumes(p: Props, type: string): string[] {
    const encrypted = (value: unknown) => value === true || value === "true" || isUnknown(value);
    if (type === EBS_VOLUME) return encrypted(p.encrypted) ? [] : [`encrypted is ${show(p.encrypted)}: must be true`];
    if (type === LAUNCH_TEMPLATE) {
        return list(p.blockDeviceMappings)
            .map((mapping, i) => [i, at(mapping, "ebs")] as const)
            .filter(([, ebs]) => ebs !== undefined && !isUnknown(ebs) && !encrypted(at(ebs, "encrypted")))
            .map(([i, ebs]) => `blockDeviceMappings[${i}].ebs.encrypted is ${show(at(ebs, "encrypted"))}: must be "true"`);
    }
    const root =
        isSet(p.rootBlockDevice) && !isUnknown(p.rootBlockDevice) && !encrypted(at(p.rootBlockDevice, "encrypted"))
            ? [`rootBlockDevice.encrypted is ${show(at(p.rootBlockDevice, "encrypted"))}: must be true`]
            : [];
    return [
        ...root,
        ...list(p.ebsBlockDevices)
            .map((device, i) => [i, at(device, "encrypted")] as const)
            .filter(([, value]) => !encrypted(value))
            .map(([i, value]) => `ebsBlockDevices[${i}].encrypted is ${show(value)}: must be true`),
    ];
}

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
        description:
            "Instances and launch templates require IMDSv2 session tokens (metadataOptions.httpTokens = required), unless the metadata endpoint is off; an instance that leaves metadataOptions to its launch template is judged by ec2-instance-launch-template-hardened.",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, LAUNCH_TEMPLATE],
        check: (p, type) => {
            // RunInstances takes the template's metadata options when the instance sets none: a stack rule follows the reference.
            if (type === INSTANCE && !isSet(p.metadataOptions) && isSet(p.launchTemplate)) return [];
            return imdsProblems(p.metadataOptions);
        },
    }),
    resourcePolicy({
        name: "ec2-imds-hop-limit",
        controls: "CIS 5.6 / EC2.8 (IMDS hardening)",
        description:
            "Instances and launch templates answer IMDS PUTs over one hop only (metadataOptions.httpPutResponseHopLimit = 1), unless the metadata endpoint is off; an instance that leaves metadataOptions to its launch template is judged on the template.",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, LAUNCH_TEMPLATE],
        check: (p, type) => {
            if (type === INSTANCE && !isSet(p.metadataOptions) && isSet(p.launchTemplate)) return [];
            return hopLimitProblems(p.metadataOptions);
        },
    }),
    resourcePolicy({
        name: "ec2-ebs-volumes-encrypted",
        controls: "EC2.3, CIS 2.2.1",
        description:
            'Every EBS volume an instance, a launch template (blockDeviceMappings) or an aws.ebs.Volume declares is encrypted: encryption by default does not apply where a template says "false".',
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, LAUNCH_TEMPLATE, EBS_VOLUME],
        check: unencryptedVolumes,
    }),
    resourcePolicy({
        name: "ec2-no-public-ip",
        controls: "EC2.9, EC2.25",
        description:
            "Instances and launch templates do not associate a public IPv4 address (the app tier sits in private subnets behind NAT).",
        enforcementLevel: "mandatory",
        resourceTypes: [INSTANCE, LAUNCH_TEMPLATE],
        check: (p, type) => {
            if (type === INSTANCE) return p.associatePublicIpAddress === true ? ["associatePublicIpAddress is true"] : [];
            return templatePublicIpProblems(p.networkInterfaces);
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
            return keyNameProblems(p.keyName);
        },
    }),
    instanceTemplateHardened,
];
