/**
 * The price table (tooling/plan/prices.ts and its snapshot): every figure has a source record, the
 * snapshot is not too old, and the maintainer refresh (tooling/prices) reads the Price List Bulk API's
 * format right, on small offer files shaped like AWS's (test/plan/price-list/, built from the format
 * the AWS Billing user guide documents). No network but loopback.
 */
import fc from "fast-check";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { RESOURCE_PRICING, UsageSpec } from "../../tooling/plan/cost";
import {
    CPU_CREDIT_FIGURE,
    EC2_INSTANCE_TYPES,
    EC2_PRICES,
    FigureRecord,
    FIGURES,
    figure,
    MAX_SNAPSHOT_AGE_DAYS,
    NAMED_FIGURES,
    PriceSnapshot,
    PRICED_REGIONS,
    RDS_CPU_CREDIT_FAMILIES,
    RDS_ENGINES,
    RDS_INSTANCE_CLASSES,
    RDS_PRICES,
    SNAPSHOT,
    snapshotAgeDays,
} from "../../tooling/plan/prices";
import { httpOfferSource } from "../../tooling/prices/http-source";
import { readOffer } from "../../tooling/prices/offer-file";
import { OfferSource, refreshSnapshot, selectFigure, stripRegionPrefix } from "../../tooling/prices/refresh";
import { nodeArgsOf } from "../npm-scripts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What a record must say for its status (issue 30: the service code, region, usage type and SKU, or the page and the sentence; the date read). */
function sourceProblems(key: string, region: string, r: FigureRecord | undefined): string[] {
    if (!r) return [`${key} ${region}: no record`];
    const problems: string[] = [];
    if (!(typeof r.usd === "number" && r.usd > 0)) problems.push(`${key} ${region}: usd ${String(r.usd)}`);
    if (!DAY.test(r.read)) problems.push(`${key} ${region}: read ${String(r.read)}`);
    const need = (field: string, value: unknown) => {
        if (typeof value !== "string" || value.trim() === "") problems.push(`${key} ${region}: no ${field}`);
    };
    switch (r.status) {
        case "price-list":
            need("serviceCode", r.serviceCode);
            need("regionCode", r.regionCode);
            need("usageType", r.usageType);
            need("via", r.via);
            break;
        case "page":
            need("url", r.url);
            need("quote", r.quote);
            break;
        case "unconfirmed":
            need("url", r.url);
            need("note", r.note);
            break;
        default:
            problems.push(`${key} ${region}: status ${String((r as { status: unknown }).status)}`);
    }
    return problems;
}

describe("price table: every figure sourced", () => {
    it("every figure of the table has, in every priced region, a record naming its source and the date it was read", () => {
        const keys = Object.keys(FIGURES);
        expect(keys.length).toBeGreaterThan(60);
        expect(
            keys.flatMap((key) => PRICED_REGIONS.flatMap((region) => sourceProblems(key, region, SNAPSHOT.figures[key]?.[region]))),
        ).toEqual([]);
    });

    it("the snapshot holds nothing but the table's figures (trimmed), and a Price List record names its SKU where the source carried one", () => {
        expect(Object.keys(SNAPSHOT.figures).filter((k) => !(k in FIGURES))).toEqual([]);
        const priceList = Object.values(SNAPSHOT.figures)
            .flatMap((regions) => Object.values(regions))
            .filter((r) => r.status === "price-list");
        expect(priceList.length).toBeGreaterThan(20);
        expect(
            priceList
                .filter((r) => r.status === "price-list" && r.sku !== undefined)
                .every((r) => /^[A-Z0-9]{16}$/.test((r as { sku: string }).sku)),
        ).toBe(true);
    });

    it("every size the table prices has a figure: each instance type, each DB class and storage of each engine, each CPU credit family", () => {
        expect(EC2_INSTANCE_TYPES.filter((t) => !EC2_PRICES[t])).toEqual([]);
        for (const engine of Object.keys(RDS_ENGINES)) {
            const prices = RDS_PRICES[engine];
            expect([
                engine,
                RDS_INSTANCE_CLASSES.filter((c) => !prices.classes[c]),
                !!prices.gp2,
                !!prices.gp3,
                !!prices.backup,
                RDS_CPU_CREDIT_FAMILIES.filter((f) => !prices.cpuCredits[f]),
            ]).toEqual([engine, [], true, true, true, []]);
            expect([
                engine,
                "Multi-AZ",
                RDS_INSTANCE_CLASSES.filter((c) => !prices.multiAz.classes[c]),
                !!prices.multiAz.gp2,
                !!prices.multiAz.gp3,
            ]).toEqual([engine, "Multi-AZ", [], true, true]);
        }
        expect(Object.values(CPU_CREDIT_FIGURE).filter((name) => !figure(name))).toEqual([]);
    });

    it("every usage figure RESOURCE_PRICING names is in the table", () => {
        const specs = Object.values(RESOURCE_PRICING).flatMap((p) =>
            "usage" in p && Array.isArray(p.usage) ? (p.usage as readonly UsageSpec[]) : [],
        );
        expect(specs.length).toBeGreaterThan(10);
        expect(specs.filter((s) => !figure(s.price)).map((s) => s.price)).toEqual([]);
    });

    it("the figures issue 30 found wrong are corrected, each with its record", () => {
        // PostgreSQL's figure, not MySQL's (0.152).
        expect(RDS_PRICES.postgres.classes["db.m6g.large"].usd["us-east-1"]).toBe(0.159);
        // PrivateLink's data processing, about a fifth of the NAT gateway's.
        expect(figure("privateLinkGb")!.records["us-east-1"]).toMatchObject({
            status: "price-list",
            usd: 0.01,
            serviceCode: "AmazonVPC",
            usageType: "USE1-VpcEndpoint-Bytes",
        });
        // Budgets: only action-enabled budget-days are billed.
        expect(Object.keys(NAMED_FIGURES)).not.toContain("budgetDay");
        expect(figure("budgetActionDay")!.records["us-east-1"]).toMatchObject({ status: "price-list", sku: "H8ZKA3NDUDG5HWHM", usd: 0.1 });
        // T4g's credits are not T3's.
        expect(figure("cpuCreditsT4g")!.usd["us-east-1"]).toBe(0.04);
        expect(figure("cpuCreditsT3")!.records["us-east-1"]).toMatchObject({ status: "price-list", sku: "DHXM9J4FT38HQAQ6", usd: 0.05 });
        // eu-west-1 PostgreSQL db.t4g.micro, from infracost's estimate of an eu-west-1 stack.
        expect(RDS_PRICES.postgres.classes["db.t4g.micro"].records["eu-west-1"]).toMatchObject({ status: "page", usd: 0.017 });
    });
});

describe("price table: snapshot age", () => {
    it("snapshotAgeDays counts whole UTC days from the snapshot's date (fixed clocks)", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 86_399_999 }), (days, ms) => {
                const now = new Date(Date.UTC(2026, 11, 7) + days * 86_400_000 + ms);
                expect(snapshotAgeDays("2026-12-07", now)).toBe(days);
            }),
        );
        expect(() => snapshotAgeDays("07/12/2026", new Date(Date.UTC(2026, 11, 7)))).toThrow(/not a YYYY-MM-DD date/);
    });

    // Time-based on purpose: this test turns red by the calendar, on any branch and on a re-run of an
    // old commit, MAX_SNAPSHOT_AGE_DAYS after the oldest record was read, until someone refreshes.
    it(`the oldest record was read at most ${MAX_SNAPSHOT_AGE_DAYS} days ago (refresh with npm run prices:refresh)`, () => {
        const records = Object.entries(SNAPSHOT.figures).flatMap(([key, regions]) =>
            Object.entries(regions).map(([region, r]) => ({ key, region, read: r.read })),
        );
        const oldest = [SNAPSHOT.snapshotDate, ...records.map((r) => r.read)].sort()[0];
        const age = snapshotAgeDays(oldest, new Date());
        const stale = records
            .filter((r) => snapshotAgeDays(r.read, new Date()) > MAX_SNAPSHOT_AGE_DAYS)
            .map((r) => `${r.key} ${r.region} (${r.read})`);
        if (age > MAX_SNAPSHOT_AGE_DAYS) {
            throw new Error(
                `tooling/plan/price-snapshot.json is ${age} days old (limit ${MAX_SNAPSHOT_AGE_DAYS}): run npm run prices:refresh where the network reaches ` +
                    `pricing.us-east-1.amazonaws.com, re-read the page figures by hand (docs/prices.md, "Refreshing"), and commit the snapshot. Stale: ${stale.slice(0, 10).join(", ")}${stale.length > 10 ? ` and ${stale.length - 10} more` : ""}`,
            );
        }
        expect(age).toBeGreaterThanOrEqual(0);
    });
});

// ---- The refresh, on offer-file fixtures ----------------------------------------------------------

const FIXTURES = path.join(__dirname, "price-list");
const fixtureSource: OfferSource = {
    name: "fixture Price List",
    async file(urlPath) {
        return path.join(FIXTURES, urlPath);
    },
    async json<T>(urlPath: string) {
        return JSON.parse(readFileSync(path.join(FIXTURES, urlPath), "utf8")) as T;
    },
};
const TEST_REGIONS = ["us-east-1", "eu-west-1"] as const;
/** Real selectors of the table (a regional offer, a tiered price, a global offer, a per-unit scale, an engine filter) and a page figure. */
const TEST_FIGURES = {
    natGatewayHour: FIGURES.natGatewayHour,
    "ec2/t3.micro": FIGURES["ec2/t3.micro"],
    privateLinkGb: FIGURES.privateLinkGb,
    budgetActionDay: FIGURES.budgetActionDay,
    s3Puts: FIGURES.s3Puts,
    "rds/postgres/db.t4g.micro": FIGURES["rds/postgres/db.t4g.micro"],
    "rds/postgres/db.t4g.micro:multi-az": FIGURES["rds/postgres/db.t4g.micro:multi-az"],
    interRegionTransferGb: FIGURES.interRegionTransferGb,
};
const refreshed = () => refreshSnapshot(SNAPSHOT, TEST_FIGURES, TEST_REGIONS, fixtureSource, "2026-12-08");

describe("prices refresh (Price List Bulk API format, fixtures)", () => {
    it("reads each figure's one product per region: SKU, usage type, rate code and the offer file's publication date", async () => {
        const { snapshot } = await refreshed();
        expect(snapshot.snapshotDate).toBe("2026-12-08");
        expect(snapshot.figures.natGatewayHour["us-east-1"]).toEqual({
            status: "price-list",
            usd: 0.045,
            read: "2026-12-08",
            serviceCode: "AmazonEC2",
            regionCode: "us-east-1",
            usageType: "NatGateway-Hours",
            sku: "EC2USE1NATHOURS1",
            rateCode: "EC2USE1NATHOURS1.JRTCKXETXF.6YS6EN2CT7",
            publicationDate: "2026-12-01T12:00:00Z",
            via: "fixture Price List, AmazonEC2 offer version 20261201120000",
        });
        // eu-west-1's usage types carry the region prefix (EU-); the regional NAT gateway's is another product.
        expect(snapshot.figures.natGatewayHour["eu-west-1"]).toMatchObject({
            usd: 0.048,
            usageType: "EU-NatGateway-Hours",
            sku: "EC2EUW1NATHOURS1",
        });
        // Linux on shared tenancy, on demand: not the Windows, the capacity-reservation or the $0 Capacity Block product of the same type.
        expect(snapshot.figures["ec2/t3.micro"]["us-east-1"]).toMatchObject({ usd: 0.0104, sku: "EC2USE1T3MICROL1" });
        expect(snapshot.figures["ec2/t3.micro"]["eu-west-1"]).toMatchObject({ usd: 0.0114, sku: "EC2EUW1T3MICROL1" });
    });

    it("takes the selector's tier, scales a per-request price to the figure's unit, and reads a global offer once for every region", async () => {
        const { snapshot } = await refreshed();
        expect(snapshot.figures.privateLinkGb["us-east-1"]).toMatchObject({ usd: 0.01, usageType: "VpcEndpoint-Bytes" });
        expect(snapshot.figures.privateLinkGb["eu-west-1"]).toMatchObject({ usd: 0.01, usageType: "EU-VpcEndpoint-Bytes" });
        expect(snapshot.figures.s3Puts["us-east-1"]).toMatchObject({ usd: 0.005, usageType: "Requests-Tier1" });
        for (const region of TEST_REGIONS) {
            expect(snapshot.figures.budgetActionDay[region]).toMatchObject({
                usd: 0.1,
                regionCode: "global",
                sku: "BUDGETSACTIONS01",
                rateCode: "BUDGETSACTIONS01.JRTCKXETXF.SKU64ZHHQB",
            });
        }
    });

    it("picks the engine's product (PostgreSQL, single-AZ or Multi-AZ), and keeps the previous record, with an error, where the Price List has no file for a region", async () => {
        const { snapshot, errors } = await refreshed();
        expect(snapshot.figures["rds/postgres/db.t4g.micro"]["us-east-1"]).toMatchObject({ usd: 0.016, sku: "RDSUSE1T4GMIPGS1" });
        expect(snapshot.figures["rds/postgres/db.t4g.micro:multi-az"]["us-east-1"]).toMatchObject({
            usd: 0.032,
            sku: "RDSUSE1T4GMIPGM1",
            usageType: "Multi-AZUsage:db.t4g.micro",
        });
        expect(errors).toEqual([
            "rds/postgres/db.t4g.micro eu-west-1: AmazonRDS has no price list for eu-west-1",
            "rds/postgres/db.t4g.micro:multi-az eu-west-1: AmazonRDS has no price list for eu-west-1",
        ]);
        expect(snapshot.figures["rds/postgres/db.t4g.micro"]["eu-west-1"]).toEqual(
            SNAPSHOT.figures["rds/postgres/db.t4g.micro"]["eu-west-1"],
        );
    });

    it("keeps a page figure's records as they were and says it must be re-read by hand; the snapshot holds only the figures asked for", async () => {
        const { snapshot, report } = await refreshed();
        expect(snapshot.figures.interRegionTransferGb).toEqual(
            Object.fromEntries(TEST_REGIONS.map((r) => [r, SNAPSHOT.figures.interRegionTransferGb[r]])),
        );
        expect(report).toContain(
            "kept interRegionTransferGb: not a Price List figure (re-read https://aws.amazon.com/ec2/pricing/on-demand/ by hand)",
        );
        expect(Object.keys(snapshot.figures).sort()).toEqual(Object.keys(TEST_FIGURES).sort());
    });

    it("refuses an ambiguous selector (products at different prices) and a missing product, naming them", async () => {
        const slice = await readOffer(path.join(FIXTURES, "offers/v1.0/aws/AmazonRDS/20261130092000/us-east-1/index.json"), () => true);
        const ambiguous = selectFigure(
            slice,
            { serviceCode: "AmazonRDS", usageType: "InstanceUsage:db.t4g.micro" },
            "us-east-1",
            "fixture",
            "2026-12-08",
        );
        expect(ambiguous).toEqual({ error: expect.stringMatching(/ambiguous.*RDSUSE1T4GMIMYS1 0\.016.*RDSUSE1T4GMIORA1 0\.029/) });
        const missing = selectFigure(
            slice,
            { serviceCode: "AmazonRDS", usageType: "InstanceUsage:db.x9.mega" },
            "us-east-1",
            "fixture",
            "2026-12-08",
        );
        expect(missing).toEqual({ error: "AmazonRDS us-east-1 InstanceUsage:db.x9.mega: no product in AmazonRDS 20261130092000" });
    });

    it("streams an offer file: the header, only the wanted products, only their on-demand terms", async () => {
        const slice = await readOffer(
            path.join(FIXTURES, "offers/v1.0/aws/AmazonEC2/20261201120000/us-east-1/index.json"),
            (p) => p.attributes.operatingSystem === "Linux",
        );
        expect([slice.offerCode, slice.version, slice.publicationDate, slice.formatVersion]).toEqual([
            "AmazonEC2",
            "20261201120000",
            "2026-12-01T12:00:00Z",
            "v1.0",
        ]);
        expect([...slice.products.keys()].sort()).toEqual(["EC2USE1T3MICROC1", "EC2USE1T3MICROL1", "EC2USE1T3MICROR1"]);
        expect([...slice.onDemand.keys()].sort()).toEqual(["EC2USE1T3MICROC1", "EC2USE1T3MICROL1", "EC2USE1T3MICROR1"]);
        await expect(readOffer(path.join(FIXTURES, "offers/v1.0/aws/AmazonEC2/current/region_index.json"), () => true)).rejects.toThrow(
            /not a Price List offer file: no offerCode/,
        );
    });

    it("strips only known region prefixes from a usage type", () => {
        expect(
            [
                "EU-NatGateway-Hours",
                "USW2-BoxUsage:t3.micro",
                "USE1-DataProcessing-Bytes",
                "NatGateway-Hours",
                "KMS-Keys",
                "RDS:GP3-Storage",
            ].map(stripRegionPrefix),
        ).toEqual(["NatGateway-Hours", "BoxUsage:t3.micro", "DataProcessing-Bytes", "NatGateway-Hours", "KMS-Keys", "RDS:GP3-Storage"]);
    });

    it("over HTTP (a loopback server with the fixtures): the same snapshot, and an offer file is downloaded once into the cache", async () => {
        await withFixtureServer(async (host, requests, cache) => {
            const source = httpOfferSource(cache, host);
            const first = await refreshSnapshot(SNAPSHOT, TEST_FIGURES, TEST_REGIONS, source, "2026-12-08");
            const second = await refreshSnapshot(SNAPSHOT, TEST_FIGURES, TEST_REGIONS, source, "2026-12-08");
            const viaFixtures = await refreshed();
            const withoutVia = (s: PriceSnapshot) => JSON.parse(JSON.stringify(s.figures).replace(/"via":"[^"]*"/g, '"via":""')) as unknown;
            expect(withoutVia(first.snapshot)).toEqual(withoutVia(viaFixtures.snapshot));
            expect(second.snapshot).toEqual(first.snapshot);
            const offerFile = "/offers/v1.0/aws/AmazonEC2/20261201120000/us-east-1/index.json";
            expect(requests.filter((r) => r === offerFile)).toHaveLength(1);
            expect(requests.filter((r) => r === "/offers/v1.0/aws/index.json")).toHaveLength(2);
        });
    });

    it("npm run prices:refresh: writes nothing and exits 1 when figures fail, naming them; --partial writes, keeping their old records", async () => {
        await withFixtureServer(async (host, _requests, cache) => {
            const out = path.join(cache, "snapshot.json");
            copyFileSync(path.resolve(__dirname, "../../tooling/plan/price-snapshot.json"), out);
            const run = (...extra: string[]) =>
                new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
                    const child = spawn(
                        process.execPath,
                        [
                            ...nodeArgsOf("prices:refresh"),
                            "--host",
                            host,
                            "--cache",
                            cache,
                            "--snapshot",
                            out,
                            "--date",
                            "2026-12-08",
                            ...extra,
                        ],
                        { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "pipe"] },
                    );
                    let stdout = "";
                    let stderr = "";
                    child.stdout.on("data", (d: Buffer) => {
                        stdout += d.toString();
                    });
                    child.stderr.on("data", (d: Buffer) => {
                        stderr += d.toString();
                    });
                    child.on("close", (code) => resolve({ code, stdout, stderr }));
                });
            const strict = await run();
            expect(strict.code).toBe(1);
            expect(strict.stderr).toMatch(/figure\(s\) not read:/);
            expect(strict.stderr).toMatch(/natGatewayHour us-west-2: AmazonEC2 has no price list for us-west-2/);
            expect(strict.stderr).toMatch(/nothing written/);
            expect(readFileSync(out, "utf8")).toBe(readFileSync(path.resolve(__dirname, "../../tooling/plan/price-snapshot.json"), "utf8"));
            const partial = await run("--partial");
            expect(partial.code).toBe(0);
            const written = JSON.parse(readFileSync(out, "utf8")) as PriceSnapshot;
            expect(written.snapshotDate).toBe("2026-12-08");
            expect(written.figures["ec2/t3.micro"]["eu-west-1"]).toMatchObject({
                status: "price-list",
                usd: 0.0114,
                sku: "EC2EUW1T3MICROL1",
            });
            expect(written.figures["ec2/t3.micro"]["us-west-2"]).toEqual(SNAPSHOT.figures["ec2/t3.micro"]["us-west-2"]);
            expect(Object.keys(written.figures).sort()).toEqual(Object.keys(SNAPSHOT.figures).sort());
        });
    }, 60_000);
});

/** A loopback HTTP server serving the fixture files as the Bulk API host would, and a scratch cache folder. */
async function withFixtureServer(body: (host: string, requests: string[], cache: string) => Promise<void>): Promise<void> {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
        requests.push(req.url ?? "");
        try {
            const file = readFileSync(path.join(FIXTURES, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
            res.writeHead(200, { "content-type": "application/json" }).end(file);
        } catch {
            res.writeHead(404).end();
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const cache = mkdtempSync(path.join(tmpdir(), "tap-price-list-"));
    try {
        await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, cache);
    } finally {
        server.closeAllConnections(); // fetch keeps sockets alive: end them, or close() waits for their timeout
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(cache, { recursive: true, force: true });
    }
}
