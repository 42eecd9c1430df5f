/**
 * Before every unit test file (jest.config.js `setupFiles`): what `require("@pulumi/pulumi")` loads
 * and no test uses, on first use instead — the closure serializer's imports (TypeScript's compiler,
 * npm's @npmcli/arborist and normalize-package-data, for `pulumi.runtime.serializeFunction`) and
 * the Automation API. They were about half of loading Pulumi in each test file. `npm run plan`
 * defers the same modules (tooling/plan/ts-loader.cjs; test/plan-loader.test.ts checks they work
 * on first use).
 */
import { standIn } from "../tooling/plan/stand-in";

for (const name of ["@pulumi/pulumi/typescript-shim", "@npmcli/arborist", "normalize-package-data", "@pulumi/pulumi/automation"]) {
    jest.mock(name, () => standIn(() => jest.requireActual(name)));
}
