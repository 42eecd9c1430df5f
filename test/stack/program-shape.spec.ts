/**
 * Properties of the program as a whole: every resource is declared where a preview sees it, never
 * inside an `apply` or a promise callback. That it is deterministic: stack-files/determinism.spec.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../../tooling/mock-runtime/harness";
import { TapMocks } from "../../tooling/mock-runtime/mocks";
import { planTap, TWO_REGIONS } from "../support";

const CONFIG = TWO_REGIONS;
const declared = (plan: Plan) => plan.resources.map((r) => `${r.type}::${r.name}`).sort();

describe("the program as a whole (every tier)", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planTap(CONFIG, "dev");
    });

    it("declares every resource where a preview sees it: none waits inside an apply on an id or a computed attribute", async () => {
        const preview = await planTap(CONFIG, "dev", new TapMocks("us-east-1", true));
        expect(preview.resources.length).toBeGreaterThan(250);
        expect(declared(preview)).toEqual(declared(plan));
    });
});

describe("the mock-runtime harness", () => {
    it("gives back, after a plan, the diagnostics it switches off while planning (stack traces, source positions)", async () => {
        const limit = Error.stackTraceLimit;
        const stackTrace = (pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace;
        expect(limit).toBeGreaterThan(0);
        // A fresh plan in this process (a mock world of its own): a shared plan may come from the run's cache or plan server.
        await planTap({}, "dev", new TapMocks("us-east-1"));
        expect(Error.stackTraceLimit).toBe(limit);
        expect((pulumi.Resource as unknown as { stackTrace: unknown }).stackTrace).toBe(stackTrace);
        expect(new Error("after").stack).toMatch(/\n {4}at /);
    });
});
