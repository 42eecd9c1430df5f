/**
 * The deployed stack's outputs, as `pulumi stack output --json` prints them, saved to a file
 * (`TAP_OUTPUTS_FILE`, default `cfn-outputs/flat-outputs.json`), and the region to verify in.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { AWS_REGIONS } from "../../lib/config/schemas";

export const DEFAULT_OUTPUTS_FILE = "cfn-outputs/flat-outputs.json";

/** The outputs file is missing or unusable; the message says how to produce a good one. */
export class OutputsFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutputsFileError";
    }
}

/** An output holds a value of the wrong shape; the runner reports it as the check's failure. */
export class OutputValueError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutputValueError";
    }
}

/** The shell lines that save a stack's outputs where the checks look for them. */
export function howToProduceOutputs(file: string, stack?: string): string {
    const dir = path.dirname(file);
    const select = stack ? `--stack ${stack} ` : "";
    return [
        "Deploy the stack, then save its outputs:",
        ...(stack ? [] : ["  pulumi stack select <stack>"]),
        `  ${dir === "." ? "" : `mkdir -p ${dir} && `}pulumi stack output --json ${select}> ${file}`,
        `(or set TAP_OUTPUTS_FILE to a file holding that JSON; the default is ${DEFAULT_OUTPUTS_FILE})`,
    ].join("\n");
}

/** `TAP_OUTPUTS_FILE`, else the default, as given (relative paths are from the working directory). */
export function outputsFilePath(env: NodeJS.ProcessEnv): string {
    return env.TAP_OUTPUTS_FILE?.trim() || DEFAULT_OUTPUTS_FILE;
}

const outputsObject = z.record(z.string(), z.unknown());

/** Reads and parses the outputs file; throws `OutputsFileError` (with the how-to) when it is missing or not outputs. */
export function readOutputsFile(file: string, stack?: string): StackOutputs {
    if (!existsSync(file)) {
        throw new OutputsFileError(`No stack outputs file at ${file}.\n${howToProduceOutputs(file, stack)}`);
    }
    let json: unknown;
    try {
        json = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
        throw new OutputsFileError(`${file} is not JSON (${(err as Error).message}).\n${howToProduceOutputs(file, stack)}`);
    }
    return parseOutputs(json, file, stack);
}

/** Validates the JSON of `pulumi stack output --json` into `StackOutputs`. */
export function parseOutputs(json: unknown, source: string, stack?: string): StackOutputs {
    const parsed = outputsObject.safeParse(json);
    if (!parsed.success || Array.isArray(json)) {
        throw new OutputsFileError(`${source} must hold a JSON object of stack outputs, as \`pulumi stack output --json\` prints.\n${howToProduceOutputs(source, stack)}`);
    }
    if (Object.keys(parsed.data).length === 0) {
        throw new OutputsFileError(`${source} holds no outputs: was the stack deployed (pulumi up) before its outputs were saved?\n${howToProduceOutputs(source, stack)}`);
    }
    return new StackOutputs(parsed.data);
}

const SECRET = "[secret]";
const nonEmptyString = z.string().min(1);
const stringList = z.union([
    z.array(z.string()),
    // Flat outputs files (CloudFormation style) hold lists as JSON text or comma-separated.
    z.string().transform((text, ctx) => {
        const trimmed = text.trim();
        if (!trimmed.startsWith("[")) return trimmed.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
        let json: unknown;
        try {
            json = JSON.parse(trimmed);
        } catch {
            json = undefined;
        }
        const list = z.array(z.string()).safeParse(json);
        if (!list.success) {
            ctx.addIssue({ code: "custom", message: "not a JSON list of strings" });
            return z.NEVER;
        }
        return list.data;
    }),
]);
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** A bucket to check and the output it was named in. */
export interface BucketOutput {
    readonly name: string;
    readonly outputKey: string;
}

/** Typed, validated access to the outputs; a wrong shape throws `OutputValueError` naming the key. */
export class StackOutputs {
    constructor(readonly raw: Readonly<Record<string, unknown>>) {}

    has(key: string): boolean {
        return this.raw[key] !== undefined && this.raw[key] !== null;
    }

    string(key: string): string {
        return this.parse(key, nonEmptyString, "a non-empty string");
    }

    strings(key: string): string[] {
        return this.parse(key, stringList, "a list of strings");
    }

    boolean(key: string): boolean {
        return this.parse(key, flag, "true or false");
    }

    /** A whole number, as JSON or as text (CloudFormation-style flat outputs). */
    integer(key: string): number {
        return this.parse(key, z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]), "a whole number");
    }

    /** Every output key ending in `BucketName`, plus the `bucketNames` list, without repeats. */
    buckets(): BucketOutput[] {
        const found: BucketOutput[] = [];
        const add = (name: string, outputKey: string) => {
            if (!found.some((b) => b.name === name)) found.push({ name, outputKey });
        };
        for (const key of Object.keys(this.raw).sort()) {
            if (key.endsWith("BucketName") && this.has(key)) add(this.string(key), key);
        }
        if (this.has("bucketNames")) for (const name of this.strings("bucketNames")) add(name, "bucketNames");
        return found;
    }

    private parse<T>(key: string, schema: z.ZodType<T, unknown>, expected: string): T {
        const value = this.raw[key];
        if (value === undefined || value === null) throw new OutputValueError(`output ${key} not in this stack`);
        if (value === SECRET) {
            throw new OutputValueError(`output ${key} is a secret ("${SECRET}"): the checks need plain values; it should not be a secret`);
        }
        const parsed = schema.safeParse(value);
        if (!parsed.success) throw new OutputValueError(`output ${key} must be ${expected}, got ${JSON.stringify(value)}`);
        return parsed.data;
    }
}

export interface ResolvedRegion {
    readonly region: string;
    /** Where it came from: `AWS_REGION` or `outputs.region`. */
    readonly source: "AWS_REGION" | "outputs.region";
    /** Set when AWS_REGION and the stack's region output disagree. */
    readonly warning?: string;
}

/** `AWS_REGION` when set, else the stack's `region` output; an unknown region code is an error. */
export function resolveRegion(outputs: StackOutputs, env: NodeJS.ProcessEnv): ResolvedRegion {
    const fromEnv = env.AWS_REGION?.trim();
    const fromOutputs = outputs.has("region") ? outputs.string("region") : undefined;
    const region = fromEnv || fromOutputs;
    if (!region) {
        throw new OutputsFileError("No region: set AWS_REGION, or save outputs that include `region` (every tap stack exports it).");
    }
    const source = fromEnv ? "AWS_REGION" : "outputs.region";
    if (!AWS_REGIONS.includes(region)) {
        throw new OutputsFileError(`${source} = ${JSON.stringify(region)} is not an AWS region code (e.g. us-east-1).`);
    }
    const warning = fromEnv && fromOutputs && fromEnv !== fromOutputs
        ? `AWS_REGION=${fromEnv} differs from the stack's region output ${fromOutputs}: checking ${fromEnv}; unset AWS_REGION to check where the stack was deployed.`
        : undefined;
    return { region, source, ...(warning ? { warning } : {}) };
}
