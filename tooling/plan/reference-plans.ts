/**
 * The URN inventory's reference plans (test/urns/*.txt), as data: which stack file, with which
 * overrides, is kept in which file. Apart from tooling/plan/urn-inventory.ts, which plans them, so
 * that what only needs the list (the specs' `referencePlan`, which reads the run's shared plans)
 * does not load the program and Pulumi.
 */
import * as path from "node:path";
import { PROJECT_DIR } from "./stack-files";

export const INVENTORY_DIR = path.join(PROJECT_DIR, "test", "urns");

/** The reference plans: each stack file as it is, and prod over two regions. */
export const REFERENCE_PLANS: readonly {
    readonly file: string;
    readonly stack: string;
    readonly overrides: Readonly<Record<string, string>>;
}[] = [
    { file: "dev.txt", stack: "dev", overrides: {} },
    { file: "prod.txt", stack: "prod", overrides: {} },
    { file: "prod-two-regions.txt", stack: "prod", overrides: { "tap:regions": '["us-east-1","us-west-2"]' } },
];
