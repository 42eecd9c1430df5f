/**
 * The Pulumi program: validate the stack configuration (before any resource is registered),
 * build one TapStack, export its outputs (those of the optional tiers only when they are on).
 * Under `pulumi preview`/`pulumi up` an example's placeholders are refused; the offline plan
 * (tooling/plan/plan-stack.ts, which sets TAP_OFFLINE_PLAN=1) accepts them.
 */
import * as pulumi from "@pulumi/pulumi";
import { tapProgram } from "../lib/program";

// One object, so the outputs of tiers that are off are absent rather than undefined (which Pulumi warns about).
export = tapProgram(pulumi.runtime.allConfig(), pulumi.getStack(), {
    placeholders: process.env.TAP_OFFLINE_PLAN === "1" ? "accept" : "refuse",
});
