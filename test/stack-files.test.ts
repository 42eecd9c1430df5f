/**
 * The committed stack files (Pulumi.dev.yaml, Pulumi.prod.yaml, prod over two regions) planned as
 * they are (`stack-files/*.spec.ts`): the URN inventory, what prod protects, the budget, and the
 * reviewer's sections of the plan (cost, diagram, what a change replaces), in one jest file
 * (test/specs.ts) sharing those plans.
 */
import { runSpecs } from "./specs";

runSpecs(["stack-files"], 4);
