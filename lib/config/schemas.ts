/**
 * The building blocks of the key declaration: each validates the string Pulumi hands the
 * program (every config value is a string; lists and objects are JSON) and says, in its error,
 * what is allowed.
 */
import { z } from "zod";
import { Address4 } from "ip-address";
import { Region } from "@pulumi/aws/types/enums";
import { VPC_PREFIX_MAX, VPC_PREFIX_MIN } from "../network/subnet-layout";
import { maintenanceWindowScheduleProblems } from "../management/schedule";

/** Every AWS region code the provider knows (commercial, China, GovCloud, ISO, EUSC). */
export const AWS_REGIONS: readonly string[] = Object.values(Region);

/**
 * A whole number as Pulumi hands it over: plain decimal digits, never empty. `z.coerce.number`
 * read "" and " " as 0 and "0x1e" as 30, so an empty `tap:backupMonthlyRetentionDays` silently
 * dropped the monthly backups; 15 digits keep every value exact in a double.
 */
const wholeNumber = (error: string) =>
    z
        .string()
        .regex(/^[0-9]{1,15}$/, { error })
        .transform(Number);

export const intIn = (min: number, max: number) => {
    const error = `must be a whole number from ${min} to ${max}, written in decimal digits`;
    return wholeNumber(error).pipe(z.number().min(min, { error }).max(max, { error }));
};

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of: ${values.join(", ")}` });

/** One of a list of whole numbers, written in decimal digits. */
export const numberIn = <T extends readonly number[]>(values: T) => {
    const error = `must be one of: ${values.join(", ")}`;
    return wholeNumber(error).refine((n) => values.includes(n), { error });
};

/** Pulumi passes booleans as the strings `true` / `false` (z.coerce.boolean would read "false" as true). */
export const bool = z.enum(["true", "false"], { error: "must be true or false" }).transform((value) => value === "true");

/** Pulumi hands lists and objects to the program as JSON strings; `undefined` when it is not JSON. */
function parseJson(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** A JSON list of strings, as Pulumi passes a YAML list (`pulumi config set --path` or a list in the stack file). */
export const stringList = (item: z.ZodType<string>, what: string) =>
    z.string().transform((value, ctx): string[] => {
        const parsed = parseJson(value);
        const items = Array.isArray(parsed) ? parsed : undefined;
        if (!items || !items.every((v) => item.safeParse(v).success)) {
            ctx.addIssue({ code: "custom", message: `must be a list of ${what}` });
            return z.NEVER;
        }
        return items as string[];
    });

/** A string matching `pattern`, with `error` saying what that means. */
export const matching = (pattern: RegExp, error: string) => z.string().regex(pattern, { error });

/** A VPC CIDR: IPv4, written as its network address, with a prefix the subnet layout can cut. */
export const vpcCidr = z.string().superRefine((value, ctx) => {
    const [address, prefix] = value.split("/");
    if (prefix === undefined || !/^\d+$/.test(prefix) || !Address4.isValid(value)) {
        ctx.addIssue({ code: "custom", message: "must be an IPv4 CIDR block such as 10.0.0.0/16" });
        return;
    }
    const bits = Number(prefix);
    if (bits < VPC_PREFIX_MIN || bits > VPC_PREFIX_MAX) {
        ctx.addIssue({
            code: "custom",
            message: `must have a prefix from /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX} (the layout cuts it into 16 subnets of prefix + 4, and AWS's smallest subnet is /28)`,
        });
        return;
    }
    const network = new Address4(value).startAddress().correctForm();
    if (network !== address) {
        ctx.addIssue({ code: "custom", message: `has host bits set: the network address is ${network}/${bits}` });
    }
});

export const regionCode = oneOf(AWS_REGIONS as unknown as [string, ...string[]]);

/** A JSON object from region code to that region's VPC CIDR. */
export const regionCidrMap = z.string().transform((value, ctx): Record<string, string> => {
    const parsed = parseJson(value);
    const entries = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.entries(parsed) : undefined;
    if (!entries) {
        ctx.addIssue({ code: "custom", message: 'must be an object from region code to VPC CIDR, e.g. {"us-west-2": "10.1.0.0/16"}' });
        return z.NEVER;
    }
    for (const [region, cidr] of entries) {
        if (!regionCode.safeParse(region).success)
            ctx.addIssue({ code: "custom", message: `has ${JSON.stringify(region)}, which is not an AWS region code` });
        const checked = vpcCidr.safeParse(cidr);
        if (!checked.success)
            ctx.addIssue({ code: "custom", message: `has ${region}: ${JSON.stringify(cidr)}, which ${checked.error.issues[0].message}` });
    }
    return Object.fromEntries(entries) as Record<string, string>;
});

/** Any IPv4 CIDR block (prefix /0 to /32) written as its network address. */
export const anyIpv4Cidr = z.string().refine((value) => {
    const [address, prefix] = value.split("/");
    return (
        prefix !== undefined &&
        /^\d+$/.test(prefix) &&
        Address4.isValid(value) &&
        new Address4(value).startAddress().correctForm() === address
    );
});

/** A DNS name CloudFront accepts as an alternate domain name (a leading `*.` wildcard allowed). */
export const dnsName = z.string().regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: "must be a lowercase DNS name such as app.example.com: labels of letters, digits and '-' (not at either end) joined by dots, ending in a top-level domain",
});

/**
 * The environment suffix: part of every name, S3 bucket names included. Each rule it breaks is
 * named on its own ("must be lowercase"), not folded into one pattern.
 */
export const environmentSuffix = z.string().superRefine((value, ctx) => {
    if (value.length < 1 || value.length > 16)
        ctx.addIssue({ code: "custom", message: "must be 1 to 16 characters long (it is part of every name)" });
    if (/[A-Z]/.test(value))
        ctx.addIssue({ code: "custom", message: "must be lowercase (it is part of S3 bucket names, which are lowercase)" });
    const other = [...new Set(value.replace(/[a-zA-Z0-9-]/g, ""))];
    if (other.length > 0)
        ctx.addIssue({
            code: "custom",
            message: `may hold only letters, digits and '-' (not ${other.map((ch) => JSON.stringify(ch)).join(", ")})`,
        });
});

/** A Systems Manager maintenance window schedule, to the grammar Systems Manager applies (lib/management/schedule.ts). */
export const maintenanceWindowSchedule = z.string().superRefine((value, ctx) => {
    for (const message of maintenanceWindowScheduleProblems(value)) ctx.addIssue({ code: "custom", message });
});
