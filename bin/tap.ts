/**
 * The Pulumi program: validate the stack configuration (before any resource is registered),
 * build one TapStack, export its outputs (those of the optional tiers only when they are on).
 */
import * as pulumi from "@pulumi/pulumi";
import { tapProgram } from "../lib/program";

// One object, so the outputs of tiers that are off are absent rather than undefined (which Pulumi warns about).
export = tapProgram(pulumi.runtime.allConfig(), pulumi.getStack());
