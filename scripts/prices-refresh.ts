/**
 * `npm run prices:refresh [-- --date YYYY-MM-DD] [--cache DIR] [--host URL] [--snapshot FILE] [--partial]`: regenerates
 * tooling/plan/price-snapshot.json from the AWS Price List Bulk API (public, no credentials) for every
 * figure of tooling/plan/prices.ts that names a Price List selector, in every priced region, trimmed
 * to those records. Needs the network (the plan never does: it reads the committed snapshot).
 * docs/prices.md, "Refreshing", says how to run and review it.
 *
 * Exits 1 without writing when a figure could not be read (no product, or an ambiguous one), listing
 * each; `--partial` writes anyway, keeping the previous record of each failed figure.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FIGURES, PRICED_REGIONS, PriceSnapshot } from "../tooling/plan/prices";
import { httpOfferSource, PRICE_LIST_HOST } from "../tooling/prices/http-source";
import { refreshSnapshot } from "../tooling/prices/refresh";
import { PROJECT_DIR } from "../tooling/plan/stack-files";

const ROOT = PROJECT_DIR;

function option(name: string): string | undefined {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
    // The snapshot's date: today (UTC) unless given, so that a rerun of the same files can be compared.
    const today = option("date") ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--date ${today}: expected YYYY-MM-DD`);
    const cache = path.resolve(option("cache") ?? path.join(ROOT, "node_modules/.cache/price-list"));
    const source = httpOfferSource(cache, option("host") ?? PRICE_LIST_HOST, (line) => console.log(line));
    // The snapshot read and written (another file: to try a refresh without touching the committed one).
    const snapshotFile = path.resolve(option("snapshot") ?? path.join(ROOT, "tooling/plan/price-snapshot.json"));
    const before = JSON.parse(readFileSync(snapshotFile, "utf8")) as PriceSnapshot;
    const { snapshot, report, errors } = await refreshSnapshot(before, FIGURES, PRICED_REGIONS, source, today);
    for (const line of report) console.log(line);
    const changed = Object.entries(snapshot.figures).flatMap(([key, regions]) =>
        Object.entries(regions).flatMap(([region, r]) => {
            const old = before.figures[key]?.[region];
            return old && old.usd !== r.usd ? [`  ${key} ${region}: ${old.usd} -> ${r.usd}`] : [];
        }),
    );
    if (changed.length > 0) console.log(`changed figures:\n${changed.join("\n")}`);
    if (errors.length > 0) {
        console.error(`${errors.length} figure(s) not read:\n${errors.map((e) => `  ${e}`).join("\n")}`);
        if (!process.argv.includes("--partial")) {
            console.error(
                "nothing written; fix the selectors in tooling/plan/prices.ts, or rerun with --partial to keep their previous records",
            );
            return 1;
        }
    }
    writeFileSync(snapshotFile, `${JSON.stringify(snapshot, null, 2)}\n`);
    console.log(
        `wrote ${path.relative(ROOT, snapshotFile)} (${today}); review the diff, then run npx jest test/plan/prices.spec.ts and npm run plan`,
    );
    return 0;
}

main().then(
    (code) => process.exit(code),
    (err: unknown) => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
    },
);
