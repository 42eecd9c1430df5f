/**
 * The program planned on the configurations of test/support.ts (`stack/*.spec.ts`: one component or
 * one program-wide property a file), in one jest file (test/specs.ts): `planTap` plans each
 * configuration once for all of them. A spec asserts on the shared plans, never changes them. The
 * committed stack files' plans have their own file, test/stack-files.test.ts, so the two run side by side.
 */
import { runSpecs } from "./specs";

runSpecs(["stack"], 15);
