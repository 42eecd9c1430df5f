/**
 * Regenerates the price snapshot (tooling/plan/price-snapshot.json) from the AWS Price List Bulk API:
 * for each figure of tooling/plan/prices.ts that names a Price List selector, the one product of the
 * offer that matches it in each priced region, and its on-demand price at the selector's tier. The
 * snapshot keeps only those records (trimmed to the SKUs the table uses). The maintainer script is
 * scripts/prices-refresh.ts (`npm run prices:refresh`); docs/prices.md says how to run it.
 *
 * Pure except for `OfferSource`, which the script implements over HTTPS and the tests over fixtures.
 */
import { FigureRecord, FigureSpec, PriceListRecord, PriceListSelector, PriceSnapshot, USAGE_TYPE_PREFIX } from "../plan/prices";
import { OfferProduct, OfferSlice, readOffer, RegionIndex, ServiceIndex } from "./offer-file";

/** Where the Bulk API's files come from: the service index, and any file by its URL path (downloaded to a local file). */
export interface OfferSource {
    /** A label for the records' `via` (e.g. `AWS Price List Bulk API`). */
    readonly name: string;
    /** The file at `urlPath` (`/offers/v1.0/aws/index.json`, ...): its local path. */
    file(urlPath: string): Promise<string>;
    /** A small JSON file (the indexes), parsed. */
    json<T>(urlPath: string): Promise<T>;
}

/** The service index's path on the Bulk API host. */
export const SERVICE_INDEX_PATH = "/offers/v1.0/aws/index.json";

/** Region prefixes of usage types (`EU-`, `USW2-`, `USE1-` ...) that `usageTypeMatches` ignores. */
const KNOWN_PREFIXES = new Set([
    ...Object.values(USAGE_TYPE_PREFIX)
        .filter(Boolean)
        .map((p) => p.replace(/-$/, "")),
    "USE1",
]);

/** A usage type without its region prefix (`EU-NatGateway-Hours` → `NatGateway-Hours`). */
export function stripRegionPrefix(usageType: string): string {
    const dash = usageType.indexOf("-");
    return dash > 0 && KNOWN_PREFIXES.has(usageType.slice(0, dash)) ? usageType.slice(dash + 1) : usageType;
}

/** Whether a product is the selector's in `region` (global selectors: any region). */
export function matchesSelector(product: OfferProduct, selector: PriceListSelector, region: string): boolean {
    const a = product.attributes;
    if (!selector.global && a.regionCode !== undefined && a.regionCode !== region) return false;
    const usageType = a.usagetype ?? "";
    const exact = selector.usageTypes?.[region];
    if (exact !== undefined ? usageType !== exact : stripRegionPrefix(usageType) !== selector.usageType) return false;
    return Object.entries(selector.attributes ?? {}).every(([k, v]) => (k === "productFamily" ? product.productFamily === v : a[k] === v));
}

export type Selection = { readonly record: PriceListRecord } | { readonly error: string };

/** Scales a Price List price to the figure's unit without binary noise (0.000003 × 10,000 = 0.03). */
const scaled = (usd: number, per: number) => Number((usd * per).toPrecision(12));

/** The selector's figure in an offer slice: exactly one price, or an error saying why not. */
export function selectFigure(slice: OfferSlice, selector: PriceListSelector, region: string, via: string, read: string): Selection {
    const beginRange = selector.beginRange ?? "0";
    const candidates = [...slice.products.values()]
        .filter((p) => matchesSelector(p, selector, region))
        .sort((x, y) => x.sku.localeCompare(y.sku));
    const describe = `${selector.serviceCode} ${region} ${selector.usageTypes?.[region] ?? selector.usageType}${selector.attributes ? ` ${JSON.stringify(selector.attributes)}` : ""}`;
    if (candidates.length === 0) return { error: `${describe}: no product in ${slice.offerCode} ${slice.version}` };
    const priced = candidates.flatMap((p) =>
        (slice.onDemand.get(p.sku) ?? []).flatMap((term) =>
            Object.values(term.priceDimensions)
                .filter((d) => (d.beginRange ?? "0") === beginRange && d.pricePerUnit.USD !== undefined)
                .map((d) => ({ product: p, rateCode: d.rateCode, usd: Number(d.pricePerUnit.USD) })),
        ),
    );
    if (priced.length === 0)
        return {
            error: `${describe}: ${candidates.length} product(s) (${candidates.map((c) => c.sku).join(", ")}) but no on-demand USD price from ${beginRange}`,
        };
    const prices = [...new Set(priced.map((p) => p.usd))];
    if (prices.length > 1) {
        return {
            error: `${describe}: ambiguous, ${priced.length} prices from ${beginRange}: ${priced.map((p) => `${p.product.sku} ${p.usd}`).join(", ")} (narrow the selector's attributes)`,
        };
    }
    const { product, rateCode, usd } = priced[0];
    return {
        record: {
            status: "price-list",
            usd: scaled(usd, selector.per ?? 1),
            read,
            serviceCode: selector.serviceCode,
            regionCode: selector.global ? "global" : region,
            usageType: product.attributes.usagetype ?? selector.usageType,
            sku: product.sku,
            rateCode,
            publicationDate: slice.publicationDate,
            via: `${via}, ${slice.offerCode} offer version ${slice.version}${selector.per ? `, x${selector.per} per Price List unit` : ""}`,
        },
    };
}

export interface RefreshResult {
    readonly snapshot: PriceSnapshot;
    /** What was read, kept or failed, one line each. */
    readonly report: readonly string[];
    readonly errors: readonly string[];
}

/**
 * A new snapshot: every Price List figure read from `source` for every region; figures that are not
 * in the Price List (a page figure) keep their current records, and so does a figure that failed
 * (listed in `errors`). `today` is the snapshot's date (YYYY-MM-DD).
 */
export async function refreshSnapshot(
    current: PriceSnapshot,
    figures: Readonly<Record<string, FigureSpec>>,
    regions: readonly string[],
    source: OfferSource,
    today: string,
): Promise<RefreshResult> {
    const report: string[] = [];
    const errors: string[] = [];
    const out: Record<string, Record<string, FigureRecord>> = {};
    const keep = (key: string, region: string) => {
        const old = current.figures[key]?.[region];
        if (old) (out[key] ??= {})[region] = old;
    };
    const byService = new Map<string, Array<[string, PriceListSelector]>>();
    for (const [key, spec] of Object.entries(figures)) {
        if (!spec.priceList) {
            report.push(`kept ${key}: not a Price List figure (re-read ${spec.page} by hand)`);
            for (const region of regions) keep(key, region);
            continue;
        }
        byService.set(spec.priceList.serviceCode, [...(byService.get(spec.priceList.serviceCode) ?? []), [key, spec.priceList]]);
    }
    const index = await source.json<ServiceIndex>(SERVICE_INDEX_PATH);
    for (const [service, selectors] of [...byService.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const offer = index.offers[service];
        const fail = (key: string, region: string, why: string) => {
            errors.push(`${key} ${region}: ${why}`);
            keep(key, region);
        };
        if (!offer) {
            for (const [key] of selectors) for (const region of regions) fail(key, region, `no offer ${service} in the service index`);
            continue;
        }
        // A global offer's products are read from the whole offer file, once, for every region.
        const global = selectors.filter(([, s]) => s.global);
        if (global.length > 0) {
            const file = await source.file(offer.currentVersionUrl);
            const slice = await readOffer(file, (p) => global.some(([, s]) => regions.some((r) => matchesSelector(p, s, r))));
            for (const [key, selector] of global)
                for (const region of regions) {
                    const chosen = selectFigure(slice, selector, region, source.name, today);
                    if ("error" in chosen) fail(key, region, chosen.error);
                    else (out[key] ??= {})[region] = chosen.record;
                }
        }
        const regional = selectors.filter(([, s]) => !s.global);
        if (regional.length === 0) continue;
        if (!offer.currentRegionIndexUrl) {
            for (const [key] of regional) for (const region of regions) fail(key, region, `${service} has no region index`);
            continue;
        }
        const regionIndex = await source.json<RegionIndex>(offer.currentRegionIndexUrl);
        for (const region of regions) {
            const entry = regionIndex.regions[region];
            if (!entry) {
                for (const [key] of regional) fail(key, region, `${service} has no price list for ${region}`);
                continue;
            }
            const file = await source.file(entry.currentVersionUrl);
            const slice = await readOffer(file, (p) => regional.some(([, s]) => matchesSelector(p, s, region)));
            report.push(
                `read ${service} ${region}: version ${slice.version}, published ${slice.publicationDate}, ${slice.products.size} product(s) kept`,
            );
            for (const [key, selector] of regional) {
                const chosen = selectFigure(slice, selector, region, source.name, today);
                if ("error" in chosen) fail(key, region, chosen.error);
                else (out[key] ??= {})[region] = chosen.record;
            }
        }
    }
    const sorted = Object.fromEntries(
        Object.keys(out)
            .sort()
            .map((key) => [key, Object.fromEntries(regions.filter((r) => out[key][r]).map((r) => [r, out[key][r]]))]),
    );
    return {
        snapshot: {
            snapshotDate: today,
            generatedBy: `npm run prices:refresh (${source.name})${errors.length > 0 ? `; ${errors.length} figure(s) kept from the previous snapshot after errors` : ""}`,
            figures: sorted,
        },
        report,
        errors,
    };
}
