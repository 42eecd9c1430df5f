/**
 * The Pulumi program: validate the stack configuration (before any resource is registered),
 * build one TapStack, export its outputs (those of the optional tiers only when they are on).
 */
import * as pulumi from "@pulumi/pulumi";
import { parseTapConfig } from "../lib/config";
import { TapStack } from "../lib/tap-stack";

const config = parseTapConfig(pulumi.runtime.allConfig(), pulumi.getStack());
const stack = new TapStack(`tap-${config.environmentSuffix}`, { config });

// One object, so the outputs of tiers that are off are absent rather than undefined (which Pulumi warns about).
export = stack.outputs;
