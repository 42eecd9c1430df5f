/**
 * What the SARIF 2.1.0 schema (OASIS, errata01) requires of the parts tap writes, checked on a
 * parsed log: the required properties and the enumerations, plus what code scanning needs beyond
 * the schema (a location per result, ruleIndex pointing at the rule of ruleId). Returns the
 * problems found; none means the log is well-formed for these parts.
 */
const LEVELS = ["none", "note", "warning", "error"];
const KINDS = ["notApplicable", "pass", "fail", "review", "open", "informational"];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function sarifProblems(log: unknown): string[] {
    const problems: string[] = [];
    if (!isObject(log)) return ["the log is not an object"];
    if (log.version !== "2.1.0") problems.push(`version ${JSON.stringify(log.version)}, not "2.1.0"`);
    if (typeof log.$schema !== "string" || !/^https?:\/\//.test(log.$schema)) problems.push("$schema is not a URI");
    if (!Array.isArray(log.runs)) return [...problems, "runs is not an array"];
    log.runs.forEach((run: unknown, r) => {
        const at = `runs[${r}]`;
        if (!isObject(run)) return void problems.push(`${at} is not an object`);
        const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
        if (!driver || typeof driver.name !== "string" || driver.name.length === 0) problems.push(`${at}.tool.driver.name is missing`);
        const rules = Array.isArray(driver?.rules) ? (driver!.rules as unknown[]) : [];
        const ids = rules.map((rule, i) => {
            if (!isObject(rule) || typeof rule.id !== "string") problems.push(`${at}.tool.driver.rules[${i}].id is missing`);
            const tags = isObject(rule) && isObject(rule.properties) ? rule.properties.tags : undefined;
            if (
                tags !== undefined &&
                (!Array.isArray(tags) || new Set(tags).size !== tags.length || tags.some((t) => typeof t !== "string"))
            ) {
                problems.push(`${at}.tool.driver.rules[${i}].properties.tags must be unique strings`);
            }
            const level = isObject(rule) && isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
            if (level !== undefined && !LEVELS.includes(String(level)))
                problems.push(`${at}.tool.driver.rules[${i}] level ${String(level)}`);
            return isObject(rule) ? rule.id : undefined;
        });
        if (new Set(ids).size !== ids.length) problems.push(`${at}: rule ids repeat`);
        if (!Array.isArray(run.results)) return void problems.push(`${at}.results is not an array`);
        run.results.forEach((result: unknown, i) => {
            const where = `${at}.results[${i}]`;
            if (!isObject(result)) return void problems.push(`${where} is not an object`);
            if (!isObject(result.message) || (typeof result.message.text !== "string" && typeof result.message.id !== "string"))
                problems.push(`${where}.message needs text or id`);
            if (result.level !== undefined && !LEVELS.includes(String(result.level)))
                problems.push(`${where}.level ${String(result.level)}`);
            if (result.kind !== undefined && !KINDS.includes(String(result.kind))) problems.push(`${where}.kind ${String(result.kind)}`);
            // The schema: a result whose kind is not "fail" has level "none".
            if (result.kind !== undefined && result.kind !== "fail" && result.level !== "none")
                problems.push(`${where}: kind ${String(result.kind)} with level ${String(result.level)}`);
            if (typeof result.ruleIndex === "number" && ids[result.ruleIndex] !== result.ruleId)
                problems.push(`${where}.ruleIndex does not point at rule ${String(result.ruleId)}`);
            const locations = Array.isArray(result.locations) ? result.locations : [];
            if (locations.length === 0) problems.push(`${where} has no location (code scanning needs one)`);
            for (const location of locations) {
                const uri =
                    isObject(location) && isObject(location.physicalLocation) && isObject(location.physicalLocation.artifactLocation)
                        ? location.physicalLocation.artifactLocation.uri
                        : undefined;
                if (typeof uri !== "string" || uri.length === 0 || uri.startsWith("/"))
                    problems.push(`${where}: a location without a relative artifact uri`);
            }
        });
    });
    return problems;
}
