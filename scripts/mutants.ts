/**
 * npm run mutants -- [--tests] [--only id,id] [--min 95]
 * Weakens the planned stack one security property at a time (tooling/mutants/mutants.ts: resource
 * transforms, no source edited) and reports which weakenings the policy pack catches (always: fast,
 * in-process, what CI runs) and, with --tests, which the program's unit tests catch (slow: jest on
 * the mutant's area specs, per mutant). Exits 1 when a share is below --min percent, or when a
 * mutant changes no resource of the stack.
 */
import { parseArgs } from "node:util";
import { MUTANTS } from "../tooling/mutants/mutants";
import { runPackHalf, runTestsHalf } from "../tooling/mutants/run";

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: { tests: { type: "boolean", default: false }, only: { type: "string" }, min: { type: "string", default: "95" } },
        allowPositionals: false,
    });
    const only = values.only?.split(",").map((s) => s.trim());
    const mutants = only ? MUTANTS.filter((m) => only.includes(m.id)) : MUTANTS;
    if (mutants.length === 0) {
        console.error(`no mutant named ${values.only}`);
        return 2;
    }
    const min = Number(values.min);
    const started = process.cpuUsage();
    const pack = await runPackHalf(mutants, (plan, found) =>
        console.warn(
            `warning: the unweakened ${plan} plan already has ${found.length} mandatory violation(s), not counted as catches: ${found.slice(0, 3).join("; ")}${found.length > 3 ? "; ..." : ""}`,
        ),
    );
    const cpu = process.cpuUsage(started);
    console.log(`Pack half: ${mutants.length} mutants planned and judged in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`);
    const tests = values.tests
        ? runTestsHalf(mutants, (id, caught) => console.log(`  tests ${caught ? "catch " : "MISS   "} ${id}`))
        : undefined;

    const rows = mutants.map((m) => {
        const caughtBy = pack.get(m.id)!.caughtBy;
        return [
            m.id,
            m.area,
            m.property,
            caughtBy.length > 0
                ? caughtBy
                      .map((c) => c.split(":")[0])
                      .filter((p, i, all) => all.indexOf(p) === i)
                      .join(", ")
                : "ESCAPED",
            tests ? (tests.get(m.id) ? "caught" : "ESCAPED") : "-",
        ];
    });
    const header = ["mutant", "area", "property weakened", "pack", "tests"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows]) console.log(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join("  "));

    const share = (caught: number) => (100 * caught) / mutants.length;
    const packCaught = mutants.filter((m) => pack.get(m.id)!.caughtBy.length > 0).length;
    let ok = share(packCaught) >= min;
    console.log(`\nPack: ${packCaught}/${mutants.length} caught (${share(packCaught).toFixed(1)} %)`);
    if (tests) {
        const testsCaught = [...tests.values()].filter(Boolean).length;
        ok = ok && share(testsCaught) >= min;
        console.log(`Tests: ${testsCaught}/${mutants.length} caught (${share(testsCaught).toFixed(1)} %)`);
    }
    if (!ok) console.error(`below the ${min} % floor`);
    return ok ? 0 : 1;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        console.error(err instanceof Error ? err.message : err);
        process.exitCode = 1;
    },
);
