/** The cost arithmetic and the price table, on synthetic plans: no Pulumi. */
import fc from "fast-check";
import { estimateCost, PricedResource, renderCost, RESOURCE_PRICING } from "../../tooling/plan/cost";
import { EC2_HOURLY, HOURS_PER_MONTH, PRICE_LIST_DATE, PRICED_REGIONS, PRICES, RDS_POSTGRES_HOURLY } from "../../tooling/plan/prices";

const provider = (region: string): PricedResource => ({ type: "pulumi:providers:aws", name: `aws-${region}`, custom: true, id: region, inputs: { region } });
const res = (type: string, name: string, region: string, inputs: Record<string, unknown> = {}): PricedResource => ({ type, name, custom: true, provider: `aws-${region}`, id: `${name}-id`, inputs });

describe("price table", () => {
    it("is dated, and every figure has a price for each priced region and a public source", () => {
        expect(PRICE_LIST_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const entries = Object.entries(PRICES);
        expect(entries.length).toBeGreaterThan(20);
        for (const [name, price] of entries) {
            for (const region of PRICED_REGIONS) expect([name, region, (price.usd as Record<string, number>)[region] > 0]).toEqual([name, region, true]);
            expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
        }
        for (const table of [EC2_HOURLY, RDS_POSTGRES_HOURLY]) {
            for (const [type, usd] of Object.entries(table)) for (const region of PRICED_REGIONS) expect([type, region, usd[region] > 0]).toEqual([type, region, true]);
        }
    });

    it("every usage item names a price that exists", () => {
        const specs = Object.values(RESOURCE_PRICING).flatMap((p) => ("usage" in p ? p.usage ?? [] : []));
        expect(specs.length).toBeGreaterThan(10);
        for (const s of specs) expect(Object.keys(PRICES)).toContain(s.price);
    });
});

describe("estimateCost", () => {
    it("n NAT gateways cost n × 730 hours at the region's price, whatever n", () => {
        fc.assert(fc.property(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...PRICED_REGIONS), (n, region) => {
            const plan = { stack: "dev", resources: [provider(region), ...Array.from({ length: n }, (_, i) => res("aws:ec2/natGateway:NatGateway", `nat-${i}`, region))] };
            const estimate = estimateCost(plan);
            expect(estimate.monthlyUsd).toBeCloseTo(n * HOURS_PER_MONTH * PRICES.natGatewayHour.usd[region], 2);
            expect(estimate.rows.filter((r) => r.kind === "NAT gateway").map((r) => r.quantity)).toEqual(n > 0 ? [n * HOURS_PER_MONTH] : []);
        }));
    });

    it("a region outside the table is priced at us-east-1's figures and every such line says so", () => {
        const estimate = estimateCost({ stack: "dev", resources: [provider("ap-south-1"), res("aws:ec2/natGateway:NatGateway", "nat", "ap-south-1")] });
        expect(estimate.lines[0].unitUsd).toBe(PRICES.natGatewayHour.usd["us-east-1"]);
        expect(estimate.lines[0].note).toMatch(/us-east-1 price: no ap-south-1 figure/);
        expect(estimate.usage.every((u) => /no ap-south-1 figure/.test(u.assumption))).toBe(true);
    });

    it("an instance type missing from the table is named as unpriced, not guessed; an unknown resource type likewise", () => {
        const template = { ...res("aws:ec2/launchTemplate:LaunchTemplate", "lt", "us-east-1", { instanceType: "x9.mega", blockDeviceMappings: [{ ebs: { volumeSize: 10, volumeType: "gp3" } }] }), id: "lt-1" };
        const group = res("aws:autoscaling/group:Group", "asg", "us-east-1", { desiredCapacity: 2, maxSize: 3, launchTemplate: { id: "lt-1" } });
        const odd = res("aws:sagemaker/domain:Domain", "odd", "us-east-1");
        const estimate = estimateCost({ stack: "dev", resources: [provider("us-east-1"), template, group, odd] });
        expect(estimate.unpriced).toEqual([expect.objectContaining({ resource: "asg", reason: expect.stringContaining("x9.mega") })]);
        expect(estimate.unknownTypes).toEqual(["aws:sagemaker/domain:Domain"]);
        expect(estimate.monthlyUsd).toBeCloseTo(2 * 10 * PRICES.gp3GbMonth.usd["us-east-1"], 6); // the volumes only
        expect(renderCost(estimate)).toMatch(/UNPRICED asg/);
        expect(renderCost(estimate)).toMatch(/UNPRICED type aws:sagemaker\/domain:Domain/);
    });

    it("compares the estimate with the stack's budget and warns when it is exceeded", () => {
        const nat = res("aws:ec2/natGateway:NatGateway", "nat", "us-east-1");
        const budget = (usd: string) => res("aws:budgets/budget:Budget", "budget", "us-east-1", { limitAmount: usd });
        const over = estimateCost({ stack: "dev", resources: [provider("us-east-1"), nat, budget("10")] });
        expect(over.budget).toEqual({ monthlyUsd: 10, exceeded: true });
        expect(renderCost(over)).toMatch(/WARNING: the fixed monthly estimate \$\d+\.\d\d exceeds the stack's budget \$10\.00/);
        const under = estimateCost({ stack: "dev", resources: [provider("us-east-1"), nat, budget("100")] });
        expect(under.budget).toEqual({ monthlyUsd: 100, exceeded: false });
        expect(renderCost(under)).not.toMatch(/WARNING/);
    });
});
