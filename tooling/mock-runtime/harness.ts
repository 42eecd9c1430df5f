/**
 * Runs a Pulumi program on the mock runtime and returns what it would create: every resource
 * with its inputs, computed state, parent, provider and explicit dependencies, plus the stack
 * outputs. Used by the offline plan (`npm run plan`) and by the unit tests.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockRegistration, TapMocks } from "./mocks";

export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** URN of the parent component (the stack for top-level resources). */
    readonly parent?: string;
    /** Logical name of the AWS provider the resource is managed by, after inheritance. */
    readonly provider?: string;
    /** URNs of the resources named in `dependsOn`. */
    readonly dependsOn: readonly string[];
    /** `retainOnDelete`: `pulumi destroy` forgets the resource and leaves it in the account. */
    readonly retainOnDelete: boolean;
    /** `protect`, as the engine receives it (inherited from the parent when unset): Pulumi refuses to delete or replace the resource. */
    readonly protect: boolean;
    /** Engine URNs this resource was known by before (`aliases`), so a move keeps its state. */
    readonly aliases?: readonly string[];
    /** The `aliases` given as Pulumi `Alias` objects (a former parent, type or name), with the former parent as its URN (tooling/plan/urns.ts computes their engine URNs). */
    readonly aliasSpecs?: readonly AliasSpec[];
    /** `customTimeouts`: how long the provider waits for the operation (its own default when absent). */
    readonly customTimeouts?: { readonly create?: string; readonly update?: string; readonly delete?: string };
    /** The inputs as the provider would receive them (secrets unwrapped). */
    readonly inputs: Record<string, unknown>;
    /** Inputs plus the attributes the mock world computes (`arn`, ids). */
    readonly state: Record<string, unknown>;
    readonly id: string;
}

/**
 * An `Alias` object as the program wrote it (@pulumi/pulumi's `Alias`: a property absent means "as now").
 * `parent`: the former parent's URN, or null for the stack itself (`pulumi.rootStackResource`).
 */
export interface AliasSpec {
    readonly name?: string;
    readonly type?: string;
    readonly parent?: string | null;
}

export interface Plan {
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly PlannedResource[];
    readonly outputs: Record<string, unknown>;
}

export interface RunOptions {
    readonly project?: string;
    readonly stack: string;
    /** Raw Pulumi config, `namespace:key` to string, as in a `Pulumi.<stack>.yaml`. */
    readonly config?: Readonly<Record<string, string>>;
    /** The region mocks answer for when no provider names one (Pulumi's `aws:region`). */
    readonly defaultRegion?: string;
    /** The mock world to run in; a fresh `TapMocks` by default. Pass one to inspect its registrations, or to preview. */
    readonly mocks?: TapMocks;
    /**
     * Resource transforms registered for the whole stack before the program runs
     * (`pulumi.runtime.registerResourceTransform`, as a program would): how `npm run mutants` weakens
     * one property of the plan. Default: the mutant named by the TAP_MUTANT environment variable, if any
     * (tooling/mutants/transform.ts), so the unit tests run on a weakened plan without a copy of the source.
     */
    readonly transforms?: readonly pulumi.ResourceTransform[];
}

/** Resolves an Output the mock runtime knows (outside a preview, every value is known). */
export function resolve<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    return new Promise((ok) =>
        pulumi.output(value).apply((v) => {
            ok(v);
            return v;
        }),
    );
}

interface Constructed {
    readonly resource: pulumi.Resource;
    readonly type: string;
    readonly name: string;
    readonly opts: pulumi.ResourceOptions;
}

/**
 * Runs `program` as the body of a Pulumi stack on the mock runtime. `program` returns the
 * stack outputs, like a Pulumi program's module exports. Errors thrown by the program (a bad
 * config, say) reject the returned promise.
 */
export async function runOnMocks(program: () => unknown, options: RunOptions): Promise<Plan> {
    const project = options.project ?? "tap";
    const config = options.config ?? {};
    const mocks = options.mocks ?? new TapMocks(options.defaultRegion ?? config["aws:region"] ?? "us-east-1");
    pulumi.runtime.setAllConfig({ ...config });
    await pulumi.runtime.setMocks(mocks, project, options.stack, mocks.preview);

    const constructed: Constructed[] = [];
    let programError: unknown;
    // A failed registration (an apply that throws, a mock that refuses) surfaces as an unhandled
    // rejection, as under the Pulumi language host: collect it and fail the run with it.
    const registrationErrors: unknown[] = [];
    const onRejection = (reason: unknown) => registrationErrors.push(reason);
    process.on("unhandledRejection", onRejection);
    const restoreStackFormat = planStackFormat();
    try {
        return await run();
    } catch (err) {
        throw rootCause(err);
    } finally {
        // Let every pending registration settle, so none of its rejections outlives the run.
        await pulumi.runtime.disconnect().catch(() => undefined);
        await new Promise((settled) => setImmediate(settled));
        process.off("unhandledRejection", onRejection);
        restoreStackFormat();
    }

    async function run(): Promise<Plan> {
        const transforms = options.transforms ?? environmentTransforms(mocks);
        const rawOutputs = await pulumi.runtime.runInPulumiStack(async () => {
            for (const transform of transforms) pulumi.runtime.registerResourceTransform(transform);
            pulumi.runtime.registerStackTransformation((args) => {
                constructed.push({ resource: args.resource, type: args.type, name: args.name, opts: args.opts });
                return undefined;
            });
            try {
                return await program();
            } catch (err) {
                programError = err;
                return {};
            }
        });
        if (programError !== undefined) throw programError;
        // In a preview, outputs built on ids and computed attributes are unknown: none to report.
        const outputs = mocks.preview ? {} : ((await resolve(rawOutputs ?? {})) as Record<string, unknown>);
        await pulumi.runtime.disconnect();
        await new Promise((settled) => setImmediate(settled));
        if (registrationErrors.length > 0) throw registrationErrors[0];

        const byKey = new Map<string, MockRegistration>();
        for (const r of mocks.registrations) {
            const key = `${r.type}::${r.name}`;
            if (byKey.has(key))
                throw new Error(`two resources of type ${r.type} are named ${r.name}: logical names must be unique per type`);
            byKey.set(key, r);
        }
        const resources: PlannedResource[] = [];
        // `protect` left unset inherits the parent's, after the transformations ran (Resource constructor).
        const protectedResources = new Set<pulumi.Resource>();
        for (const c of constructed) {
            // A resource transform's `protect` (TapMocks records it) wins, as in the engine.
            const protect = byKey.get(`${c.type}::${c.name}`)?.transformedOptions?.protect ?? c.opts.protect;
            if (protect ?? (c.opts.parent !== undefined && protectedResources.has(c.opts.parent))) protectedResources.add(c.resource);
        }
        for (const c of constructed) {
            const registration = byKey.get(`${c.type}::${c.name}`);
            if (!registration) continue; // e.g. a resource read with `get`, or one that failed to register
            const deps = await dependencies(c.opts.dependsOn);
            resources.push({
                urn: await resolve(c.resource.urn),
                type: c.type,
                name: c.name,
                custom: registration.custom,
                parent: c.opts.parent ? await resolve(c.opts.parent.urn) : undefined,
                provider: registration.provider?.split("::").slice(-2)[0],
                dependsOn: await Promise.all(deps.map((d) => resolve(d.urn))),
                retainOnDelete: c.opts.retainOnDelete === true,
                protect: protectedResources.has(c.resource),
                // Only full URN strings: the inventory check compares them with engine URNs as written.
                aliases: (c.opts.aliases ?? []).filter((a): a is string => typeof a === "string"),
                aliasSpecs: await aliasSpecs(c.opts.aliases),
                ...(c.opts.customTimeouts && { customTimeouts: { ...c.opts.customTimeouts } }),
                inputs: registration.inputs,
                state: registration.state,
                id: registration.id,
            });
        }
        return { project, stack: options.stack, resources, outputs };
    }
}

/** The transform of the mutant TAP_MUTANT names (none when unset); the mutant list is loaded only then. */
function environmentTransforms(mocks: TapMocks): pulumi.ResourceTransform[] {
    const id = process.env.TAP_MUTANT;
    if (!id) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { mutantTransform } = require("../mutants/mutants") as typeof import("../mutants/mutants");
    return [mutantTransform(id, mocks)];
}

/** The `Alias` objects among `aliases`, their Inputs resolved and a former parent given as its URN. */
async function aliasSpecs(aliases: pulumi.ResourceOptions["aliases"]): Promise<AliasSpec[]> {
    const specs: AliasSpec[] = [];
    for (const input of aliases ?? []) {
        const alias = await resolve(input);
        if (typeof alias === "string") continue;
        const parent = alias.parent;
        specs.push({
            ...(alias.name !== undefined && { name: await resolve(alias.name) }),
            ...(alias.type !== undefined && { type: await resolve(alias.type) }),
            // Present but undefined means "no parent" (the Alias docs); absent means the current parent.
            ...("parent" in alias && {
                parent: parent === undefined ? null : await resolve(pulumi.Resource.isInstance(parent) ? parent.urn : parent),
            }),
        });
    }
    return specs;
}

/**
 * The resources named in `dependsOn`. Not through `pulumi.output`: an Output checks its value for
 * unknowns by walking it, and a Resource's graph is the whole program (quadratic plans).
 */
async function dependencies(dependsOn: pulumi.ResourceOptions["dependsOn"]): Promise<pulumi.Resource[]> {
    if (dependsOn === undefined) return [];
    if (pulumi.Resource.isInstance(dependsOn)) return [dependsOn];
    const items = Array.isArray(dependsOn) ? dependsOn : await resolve(dependsOn as pulumi.Input<pulumi.Resource[]>);
    const resolved = await Promise.all(
        (items as pulumi.Input<pulumi.Resource>[]).map((d) => (pulumi.Resource.isInstance(d) ? d : resolve(d))),
    );
    return resolved as pulumi.Resource[];
}

const PULUMI_SDK = `${path.sep}@pulumi${path.sep}pulumi${path.sep}`;

/**
 * While a plan runs, how stack traces are formatted (V8's documented hook, `Error.prepareStackTrace`,
 * https://v8.dev/docs/stack-trace-api); returns what puts the previous format back.
 * - A bare `new Error()` that Pulumi's SDK creates for its own bookkeeping (one per promise, kept
 *   for its promise-leak report; one per resource, its source position, which the mock monitor
 *   drops): its header only. Formatted frame by frame, through jest's source maps or not, these
 *   were most of a plan's time in a test (a fixture plan ran past its 30 s timeout on a busy machine).
 * - Any other error (one the program throws, one Pulumi raises with a message): every frame, in
 *   V8's format, at the positions of the JavaScript that runs (ts-jest's or esbuild's output, within
 *   a few lines of the .ts source). jest's own formatter maps each frame through the source maps:
 *   it sits on the main realm's Error, which node consults only where the program's realm has no
 *   hook, so it cannot be chained to from here.
 * Where node maps stack traces itself (`--enable-source-maps`, asked for), nothing changes.
 */
function planStackFormat(): () => void {
    if (process.sourceMapsEnabled) return () => undefined;
    const previous = Error.prepareStackTrace;
    const format = (error: Error, frames: NodeJS.CallSite[]): string => {
        const header = `${error.name}: ${error.message}`;
        if (error.message === "" && frames[0]?.getFileName()?.includes(PULUMI_SDK)) return header;
        return previous ? previous(error, frames) : [header, ...frames.map((frame) => `    at ${frame}`)].join("\n");
    };
    Error.prepareStackTrace = format;
    return () => {
        if (Error.prepareStackTrace === format) Error.prepareStackTrace = previous;
    };
}

/** Pulumi wraps a failed input in "error serializing property ..." layers: keep the program's own message. */
function rootCause(error: unknown): Error {
    if (!(error instanceof Error)) return new Error(String(error));
    const message = error.message.replace(/^(error serializing property "[^"]*": )+/, "");
    return message === error.message ? error : Object.assign(new Error(message), { cause: error });
}
