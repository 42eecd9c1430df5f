/**
 * SARIF 2.1.0, the format code scanning reads (GitHub `upload-sarif`, GitLab, Azure DevOps): one
 * run of one tool, its rules (`reportingDescriptor`s) and its results. Pure functions building
 * plain objects; `JSON.stringify` them.
 */

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export type SarifLevel = "error" | "warning" | "note" | "none";
export type SarifKind = "fail" | "pass" | "notApplicable" | "review" | "open" | "informational";

export interface SarifRule {
    readonly id: string;
    readonly shortDescription: { readonly text: string };
    readonly fullDescription?: { readonly text: string };
    readonly defaultConfiguration?: { readonly level: SarifLevel };
    /** `tags` carry the control ids (`CIS 3.7`, `EC2.6`): code scanning shows and filters by them. */
    readonly properties?: { readonly tags?: readonly string[]; readonly [key: string]: unknown };
}

export interface SarifResult {
    readonly ruleId: string;
    readonly ruleIndex: number;
    readonly kind: SarifKind;
    readonly level: SarifLevel;
    readonly message: { readonly text: string };
    readonly locations: readonly {
        readonly physicalLocation: { readonly artifactLocation: { readonly uri: string } };
        readonly logicalLocations?: readonly { readonly fullyQualifiedName: string; readonly kind: string }[];
    }[];
    /** Stable across runs, so code scanning tracks one finding over time. */
    readonly partialFingerprints: Readonly<Record<string, string>>;
    readonly properties?: Readonly<Record<string, unknown>>;
}

export interface SarifLog {
    readonly $schema: string;
    readonly version: "2.1.0";
    readonly runs: readonly {
        readonly tool: {
            readonly driver: { readonly name: string; readonly informationUri?: string; readonly rules: readonly SarifRule[] };
        };
        readonly results: readonly SarifResult[];
        readonly automationDetails?: { readonly id: string };
    }[];
}

/** `CIS 3.7 / EC2.6` → `["CIS 3.7", "EC2.6"]`; a `design: ...` rule stays whole. */
export function controlTags(control: string): string[] {
    return control
        .split(/\s*\/\s*|\s*,\s*/)
        .map((c) => c.trim())
        .filter((c) => c.length > 0);
}

export interface SarifInput {
    readonly tool: string;
    readonly informationUri?: string;
    /** Distinguishes runs of the same tool (e.g. `tap-verify/dev/`), as code scanning categories do. */
    readonly automationId?: string;
    readonly rules: readonly SarifRule[];
    readonly results: readonly Omit<SarifResult, "ruleIndex">[];
}

/** The log, each result pointing at its rule's index; a result whose rule is unknown throws. */
export function renderSarif(input: SarifInput): SarifLog {
    const index = new Map(input.rules.map((rule, i) => [rule.id, i]));
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: input.tool,
                        ...(input.informationUri ? { informationUri: input.informationUri } : {}),
                        rules: input.rules,
                    },
                },
                ...(input.automationId ? { automationDetails: { id: input.automationId } } : {}),
                results: input.results.map((result) => {
                    const ruleIndex = index.get(result.ruleId);
                    if (ruleIndex === undefined) throw new Error(`SARIF result for unknown rule ${result.ruleId}`);
                    return { ...result, ruleIndex };
                }),
            },
        ],
    };
}
