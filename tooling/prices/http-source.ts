/**
 * The Price List Bulk API over HTTPS, public and without credentials ("Getting price list files
 * manually": "To download the service index file, navigate to the following URL.
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json", AWS Billing user guide).
 * Offer files are downloaded once into a cache folder (their URLs carry the offer version, so a
 * cached file never goes stale); the indexes are fetched every run.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { OfferSource } from "./refresh";

export const PRICE_LIST_HOST = "https://pricing.us-east-1.amazonaws.com";

export function httpOfferSource(cacheDir: string, host = PRICE_LIST_HOST, log: (line: string) => void = () => undefined): OfferSource {
    const url = (urlPath: string) => new URL(urlPath, host).toString();
    const get = async (urlPath: string): Promise<Response> => {
        const response = await fetch(url(urlPath));
        if (!response.ok || !response.body) throw new Error(`GET ${url(urlPath)}: HTTP ${response.status}`);
        return response;
    };
    return {
        name: `AWS Price List Bulk API (${host})`,
        async json<T>(urlPath: string): Promise<T> {
            return (await (await get(urlPath)).json()) as T;
        },
        async file(urlPath: string): Promise<string> {
            const local = path.join(cacheDir, urlPath.replace(/^\/+/, ""));
            if (existsSync(local)) return local;
            mkdirSync(path.dirname(local), { recursive: true });
            log(`downloading ${url(urlPath)}`);
            const response = await get(urlPath);
            const partial = `${local}.partial`;
            await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), createWriteStream(partial));
            renameSync(partial, local);
            return local;
        },
    };
}
