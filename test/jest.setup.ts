/**
 * Before every unit test file (jest.config.js `setupFiles`): what `require("@pulumi/pulumi")` loads
 * and no test uses, on first use instead — the closure serializer's imports (TypeScript's compiler,
 * npm's @npmcli/arborist and normalize-package-data, for `pulumi.runtime.serializeFunction`) and
 * the Automation API. They were about half of loading Pulumi in each test file. `npm run plan`
 * defers the same modules (tooling/plan/ts-loader.cjs; test/plan-loader.test.ts checks they work
 * on first use).
 */
const firstUse = (name: string) => () => {
    const real = () => jest.requireActual<Record<string | symbol, unknown>>(name);
    // As TypeScript's import helpers read a module: `__esModule`, and `default` for a CommonJS one.
    return new Proxy({}, {
        get: (_, key) => (key === "__esModule" ? true : key === "default" && !real().__esModule ? real() : real()[key]),
        has: (_, key) => key === "__esModule" || key in real(),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
    });
};

for (const name of ["@pulumi/pulumi/typescript-shim", "@npmcli/arborist", "normalize-package-data", "@pulumi/pulumi/automation"]) {
    jest.mock(name, firstUse(name));
}
