/**
 * The controls the program's tests assert: a control id in a test's or describe's title
 * (policy/control-ids.ts reads `CIS 5.6 / EC2.8` and the other forms). Shared by the pairing of
 * tests and pack rules (controls.spec.ts) and of tests and mutants (mutants.spec.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { controlIds } from "../../policy/control-ids";

const TEST_DIR = path.resolve(__dirname, "..");

/** The program tests: the stack and stack-file specs and the whole-program tests (not the pack's or verify's own). */
export const PROGRAM_TEST_FILES = [
    ...["stack", "stack-files"].flatMap((dir) =>
        readdirSync(path.join(TEST_DIR, dir))
            .filter((f) => f.endsWith(".spec.ts"))
            .map((f) => path.join(TEST_DIR, dir, f)),
    ),
    path.join(TEST_DIR, "program.test.ts"),
];

/** Control id → the titles of the tests that assert it. */
export function testedControls(): Map<string, string[]> {
    const byControl = new Map<string, string[]>();
    for (const file of PROGRAM_TEST_FILES) {
        for (const line of readFileSync(file, "utf8").split("\n")) {
            if (!/\b(it|describe|test)(\.each\(.*\))?\(/.test(line)) continue;
            for (const id of controlIds(line))
                byControl.set(id, [...(byControl.get(id) ?? []), `${path.relative(TEST_DIR, file)}: ${line.trim()}`]);
        }
    }
    return byControl;
}
