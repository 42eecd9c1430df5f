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
        throw new OutputsFileError(
            `${source} must hold a JSON object of stack outputs, as \`pulumi stack output --json\` prints.\n${howToProduceOutputs(source, stack)}`,
        );
    }
    if (Object.keys(parsed.data).length === 0) {
        throw new OutputsFileError(
            `${source} holds no outputs: was the stack deployed (pulumi up) before its outputs were saved?\n${howToProduceOutputs(source, stack)}`,
        );
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
        if (!trimmed.startsWith("["))
            return trimmed
                .split(",")
                .map((s) => s.trim())
                .filter((s) => s.length > 0);
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

    /**
     * Every region's own outputs, by region code (output `regions`, a JSON object or, in flat
     * outputs files, its JSON text); empty when the stack exports no `regions`.
     */
    regionalOutputs(): Readonly<Record<string, Readonly<Record<string, unknown>>>> {
        let value = this.raw.regions;
        if (value === undefined || value === null) return {};
        if (typeof value === "string") {
            try {
                value = JSON.parse(value);
            } catch {
                throw new OutputValueError(`output regions must be an object of region code to outputs, got ${JSON.stringify(value)}`);
            }
        }
        const parsed = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(value);
        if (!parsed.success || Array.isArray(value))
            throw new OutputValueError("output regions must be an object of region code to outputs");
        return parsed.data;
    }

    /** The regions the stack deploys to: the primary (output `region`) first, then the others of `regions`. */
    regionCodes(primary: string): string[] {
        return [
            primary,
            ...Object.keys(this.regionalOutputs())
                .filter((code) => code !== primary)
                .sort(),
        ];
    }

    /**
     * The outputs as one region sees them: the primary's are the flat outputs themselves; another
     * region's are its own `regions.<code>` values, with the stack-wide `environmentSuffix` and
     * its own `region`, so every regional check judges it on its own terms (its key, its access-log
     * bucket, its recorder), never the primary's.
     */
    forRegion(code: string, primary: string): StackOutputs {
        if (code === primary) return this;
        const own = this.regionalOutputs()[code];
        if (!own) throw new OutputValueError(`output regions has no ${code}`);
        return new StackOutputs({
            ...own,
            region: code,
            ...(this.has("environmentSuffix") ? { environmentSuffix: this.raw.environmentSuffix } : {}),
        });
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
    /** Where it came from: the stack's `region` output, or (only with `--region-from-env`) the environment. */
    readonly source: "outputs.region" | "AWS_REGION" | "AWS_DEFAULT_REGION";
    /** Set when the environment names another region than the stack's (ignored, or used as asked). */
    readonly warning?: string;
}

export interface RegionOptions {
    /**
     * `--region-from-env`: let AWS_REGION (else AWS_DEFAULT_REGION) override the stack's region.
     * Off by default: GitHub's configure-aws-credentials action exports AWS_REGION for whatever
     * region the workflow logs in to, and every regional check would then look in the wrong region
     * (issue 26). The stack's `region` output is where it was deployed. @default false
     */
    readonly fromEnv?: boolean;
}

/** The region the environment names, and the variable it came from (AWS_REGION wins, as in the SDK). */
function envRegion(env: NodeJS.ProcessEnv): { region: string; variable: "AWS_REGION" | "AWS_DEFAULT_REGION" } | undefined {
    const region = env.AWS_REGION?.trim();
    if (region) return { region, variable: "AWS_REGION" };
    const fallback = env.AWS_DEFAULT_REGION?.trim();
    return fallback ? { region: fallback, variable: "AWS_DEFAULT_REGION" } : undefined;
}

/**
 * The stack's `region` output: where it was deployed. AWS_REGION / AWS_DEFAULT_REGION override it
 * only when asked (`fromEnv`, the `--region-from-env` flag); otherwise an environment region that
 * differs is reported and ignored. An unknown region code is an error.
 */
export function resolveRegion(outputs: StackOutputs, env: NodeJS.ProcessEnv, options: RegionOptions = {}): ResolvedRegion {
    const fromEnv = envRegion(env);
    const fromOutputs = outputs.has("region") ? outputs.string("region") : undefined;
    const useEnv = options.fromEnv === true && fromEnv !== undefined;
    const region = useEnv ? fromEnv.region : fromOutputs;
    if (!region) {
        throw new OutputsFileError(
            fromEnv
                ? `No region: the outputs have no \`region\` (every tap stack exports it); ${fromEnv.variable}=${fromEnv.region} is used only with --region-from-env.`
                : "No region: save outputs that include `region` (every tap stack exports it), or pass --region-from-env with AWS_REGION set.",
        );
    }
    const source = useEnv ? fromEnv.variable : "outputs.region";
    if (!AWS_REGIONS.includes(region)) {
        throw new OutputsFileError(`${source} = ${JSON.stringify(region)} is not an AWS region code (e.g. us-east-1).`);
    }
    let warning: string | undefined;
    if (fromEnv && fromOutputs && fromEnv.region !== fromOutputs) {
        warning = useEnv
            ? `${fromEnv.variable}=${fromEnv.region} differs from the stack's region output ${fromOutputs}: checking ${fromEnv.region}, as --region-from-env asks.`
            : `${fromEnv.variable}=${fromEnv.region} ignored: checking the stack's region ${fromOutputs} (its region output); pass --region-from-env to check ${fromEnv.region} instead.`;
    }
    return { region, source, ...(warning ? { warning } : {}) };
}
