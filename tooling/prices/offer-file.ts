/**
 * Reading the AWS Price List Bulk API's files (AWS Billing user guide, "Reading the price list
 * files": https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/bulk-api-reading-price-list-files.html).
 *
 * - The service index (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json):
 *   `offers{code:{offerCode, currentVersionUrl, currentRegionIndexUrl}}`.
 * - A service's Region index: `regions{code:{regionCode, currentVersionUrl}}`, URLs relative to the host.
 * - A price list (offer) file: `formatVersion, disclaimer, offerCode, version, publicationDate,
 *   products{sku:{sku, productFamily, attributes}}, terms{OnDemand{sku:{offerTermCode:{offerTermCode,
 *   sku, effectiveDate, priceDimensions{rateCode:{rateCode, description, beginRange, endRange, unit,
 *   pricePerUnit{USD}}}}}}}`.
 *
 * Offer files are large (AmazonEC2's us-east-1 file is over 400 MB, past what JSON.parse takes in
 * one string), so they are streamed (stream-json) and only the products a caller wants are kept.
 */
import { createReadStream } from "node:fs";
import { chain } from "stream-chain";
import { parser } from "stream-json";
import { ignore } from "stream-json/filters/Ignore";
import { pick } from "stream-json/filters/Pick";
import { streamObject } from "stream-json/streamers/StreamObject";
import { streamValues } from "stream-json/streamers/StreamValues";

export interface ServiceIndex {
    readonly formatVersion: string;
    readonly publicationDate: string;
    readonly offers: Readonly<
        Record<string, { readonly offerCode: string; readonly currentVersionUrl: string; readonly currentRegionIndexUrl?: string }>
    >;
}

export interface RegionIndex {
    readonly formatVersion: string;
    readonly publicationDate: string;
    readonly regions: Readonly<Record<string, { readonly regionCode: string; readonly currentVersionUrl: string }>>;
}

export interface OfferProduct {
    readonly sku: string;
    readonly productFamily?: string;
    readonly attributes: Readonly<Record<string, string>>;
}

export interface PriceDimension {
    readonly rateCode: string;
    readonly description?: string;
    readonly beginRange?: string;
    readonly endRange?: string;
    readonly unit: string;
    readonly pricePerUnit: Readonly<Record<string, string>>;
}

export interface OnDemandTerm {
    readonly offerTermCode: string;
    readonly sku: string;
    readonly effectiveDate?: string;
    readonly priceDimensions: Readonly<Record<string, PriceDimension>>;
}

/** The part of an offer file a caller asked for: its header, the wanted products and their on-demand terms. */
export interface OfferSlice {
    readonly formatVersion: string;
    readonly offerCode: string;
    readonly version: string;
    readonly publicationDate: string;
    readonly products: ReadonlyMap<string, OfferProduct>;
    readonly onDemand: ReadonlyMap<string, readonly OnDemandTerm[]>;
}

/** Emits each `{key, value}` of the object at `path` of a JSON file, streaming. */
async function eachEntry(file: string, path: string, visit: (key: string, value: unknown) => void): Promise<void> {
    const pipeline = chain([createReadStream(file), parser(), pick({ filter: path }), streamObject()]);
    for await (const entry of pipeline as AsyncIterable<{ key: string; value: unknown }>) visit(entry.key, entry.value);
}

/** The top-level scalars of an offer file (everything but `products` and `terms`). */
async function header(file: string): Promise<Record<string, unknown>> {
    const pipeline = chain([createReadStream(file), parser(), ignore({ filter: /^(products|terms)$/ }), streamValues()]);
    let value: Record<string, unknown> = {};
    for await (const entry of pipeline as AsyncIterable<{ value: Record<string, unknown> }>) value = entry.value;
    return value;
}

/**
 * Reads an offer file, keeping the products `want` accepts and their on-demand terms. Two streaming
 * passes (products, then terms), so the order of the two sections in the file does not matter.
 */
export async function readOffer(file: string, want: (product: OfferProduct) => boolean): Promise<OfferSlice> {
    const head = await header(file);
    for (const field of ["formatVersion", "offerCode", "version", "publicationDate"]) {
        if (typeof head[field] !== "string") throw new Error(`${file} is not a Price List offer file: no ${field}`);
    }
    const products = new Map<string, OfferProduct>();
    await eachEntry(file, "products", (sku, value) => {
        const product = value as OfferProduct;
        if (product && typeof product === "object" && product.attributes && want(product)) products.set(sku, product);
    });
    const onDemand = new Map<string, OnDemandTerm[]>();
    await eachEntry(file, "terms.OnDemand", (sku, value) => {
        if (products.has(sku)) onDemand.set(sku, Object.values(value as Record<string, OnDemandTerm>));
    });
    return {
        formatVersion: head.formatVersion as string,
        offerCode: head.offerCode as string,
        version: head.version as string,
        publicationDate: head.publicationDate as string,
        products,
        onDemand,
    };
}
