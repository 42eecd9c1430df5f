/**
 * A stand-in for a module that loads the real one on first use, read the way TypeScript's import
 * helpers read a module (`__esModule`, so that they keep the stand-in rather than copy its
 * properties; `default`, a CommonJS module itself). `npm run plan` (tooling/plan/ts-loader.cjs) and
 * the unit tests (test/jest.setup.ts) defer with it what loading Pulumi brings and they never use.
 */
export function standIn(load: () => Record<string | symbol, unknown>): object {
    let real: Record<string | symbol, unknown> | undefined;
    const module = () => (real ??= load());
    return new Proxy({}, {
        get: (_, key) => (key === "__esModule" ? true : key === "default" && !module().__esModule ? module() : module()[key]),
        has: (_, key) => key === "__esModule" || key in module(),
        ownKeys: () => Reflect.ownKeys(module()),
        getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(module(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
    });
}
