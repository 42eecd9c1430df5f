/** The cost arithmetic and the price table, on synthetic plans: no Pulumi. */
import fc from "fast-check";
import {
    estimateCost,
    estimateOrganization,
    PricedResource,
    renderCost,
    renderOrganizationCost,
    UNCONFIRMED_MARK,
} from "../../tooling/plan/cost";
import { EC2_HOURLY, HOURS_PER_MONTH, PRICED_REGIONS, PRICES, RDS_POSTGRES_HOURLY, RDS_PRICES } from "../../tooling/plan/prices";

const provider = (region: string): PricedResource => ({
    type: "pulumi:providers:aws",
    name: `aws-${region}`,
    custom: true,
    id: region,
    inputs: { region },
});
const res = (type: string, name: string, region: string, inputs: Record<string, unknown> = {}): PricedResource => ({
    type,
    name,
    custom: true,
    provider: `aws-${region}`,
    id: `${name}-id`,
    inputs,
});

describe("estimateCost", () => {
    it("n NAT gateways cost n × 730 hours at the region's price, whatever n", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...PRICED_REGIONS), (n, region) => {
                const plan = {
                    stack: "dev",
                    resources: [
                        provider(region),
                        ...Array.from({ length: n }, (_, i) => res("aws:ec2/natGateway:NatGateway", `nat-${i}`, region)),
                    ],
                };
                const estimate = estimateCost(plan);
                expect(estimate.monthlyUsd).toBeCloseTo(n * HOURS_PER_MONTH * PRICES.natGatewayHour.usd[region], 2);
                expect(estimate.rows.filter((r) => r.kind === "NAT gateway").map((r) => r.quantity)).toEqual(
                    n > 0 ? [n * HOURS_PER_MONTH] : [],
                );
            }),
        );
    });

    it("a region outside the table is priced at us-east-1's figures and every such line says so", () => {
        const estimate = estimateCost({
            stack: "dev",
            resources: [provider("ap-south-1"), res("aws:ec2/natGateway:NatGateway", "nat", "ap-south-1")],
        });
        expect(estimate.lines[0].unitUsd).toBe(PRICES.natGatewayHour.usd["us-east-1"]);
        expect(estimate.lines[0].note).toMatch(/us-east-1 price: no ap-south-1 figure/);
        expect(estimate.usage.every((u) => /no ap-south-1 figure/.test(u.assumption))).toBe(true);
    });

    it("an instance type missing from the table is named as unpriced, not guessed; an unknown resource type likewise", () => {
        const template = {
            ...res("aws:ec2/launchTemplate:LaunchTemplate", "lt", "us-east-1", {
                instanceType: "x9.mega",
                blockDeviceMappings: [{ ebs: { volumeSize: 10, volumeType: "gp3" } }],
            }),
            id: "lt-1",
        };
        const group = res("aws:autoscaling/group:Group", "asg", "us-east-1", {
            desiredCapacity: 2,
            maxSize: 3,
            launchTemplate: { id: "lt-1" },
        });
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

describe("the price model follows what AWS charges (issue 30)", () => {
    const at = (region: string, ...resources: PricedResource[]) =>
        estimateCost({ stack: "dev", resources: [provider(region), ...resources] });

    it("data through an interface endpoint is priced at PrivateLink's rate, not the NAT gateway's; a gateway endpoint has no such line", () => {
        fc.assert(
            fc.property(fc.constantFrom(...PRICED_REGIONS), (region) => {
                const estimate = at(
                    region,
                    res("aws:ec2/vpcEndpoint:VpcEndpoint", "ssm", region, { vpcEndpointType: "Interface", subnetIds: ["a", "b"] }),
                    res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", region, { vpcEndpointType: "Gateway" }),
                );
                const data = estimate.usage.filter((u) => /endpoint data processed/i.test(u.kind));
                expect(data.map((u) => u.unitUsd)).toEqual([PRICES.privateLinkGb.usd[region]]);
                expect(PRICES.privateLinkGb.usd[region]).toBeLessThan(PRICES.natGatewayGb.usd[region]);
            }),
        );
    });

    it("a budget without actions costs nothing; one a budget action names is billed per day at the action-enabled rate", () => {
        const budget = res("aws:budgets/budget:Budget", "budget", "us-east-1", { name: "tap-dev-monthly", limitAmount: "75.00" });
        expect(at("us-east-1", budget).lines).toEqual([]);
        const action = res("aws:budgets/budgetAction:BudgetAction", "stop", "us-east-1", { budgetName: "tap-dev-monthly" });
        const other = res("aws:budgets/budgetAction:BudgetAction", "other", "us-east-1", { budgetName: "someone-elses" });
        const lines = at("us-east-1", budget, action, other).lines;
        expect(lines.map((l) => [l.kind, l.quantity, l.unitUsd])).toEqual([
            ["AWS Budgets action-enabled budget", HOURS_PER_MONTH / 24, PRICES.budgetActionDay.usd["us-east-1"]],
        ]);
        expect(PRICES.budgetActionDay.records["us-east-1"]).toMatchObject({
            status: "price-list",
            serviceCode: "AWSBudgets",
            usageType: "ActionEnabledBudgetsUsage",
        });
    });

    it("CPU credits are offered at the instance family's rate: T3's, T4g's, none for a fixed-performance family", () => {
        const credits = (instanceType: string) =>
            at("us-east-1", res("aws:ec2/instance:Instance", "app", "us-east-1", { instanceType }))
                .usage.filter((u) => /CPU credits/.test(u.kind))
                .map((u) => u.unitUsd);
        expect(credits("t3.small")).toEqual([PRICES.cpuCreditsT3.usd["us-east-1"]]);
        expect(credits("t4g.small")).toEqual([PRICES.cpuCreditsT4g.usd["us-east-1"]]);
        expect(credits("m7i.large")).toEqual([]);
        expect(PRICES.cpuCreditsT4g.usd["us-east-1"]).not.toBe(PRICES.cpuCreditsT3.usd["us-east-1"]);
    });

    it("an RDS instance is priced at its engine's figures; an engine the table lacks is named as unpriced, not priced as another", () => {
        const db = (engine: string) =>
            res("aws:rds/instance:Instance", "db", "eu-west-1", {
                engine,
                instanceClass: "db.t4g.micro",
                allocatedStorage: 20,
                storageType: "gp3",
                multiAz: true,
            });
        const postgres = at("eu-west-1", db("postgres"));
        expect(postgres.lines.map((l) => l.kind)).toEqual(["RDS PostgreSQL db.t4g.micro Multi-AZ", "RDS PostgreSQL storage gp3 Multi-AZ"]);
        expect(postgres.lines[0].monthlyUsd).toBeCloseTo(
            HOURS_PER_MONTH * RDS_PRICES.postgres.multiAz.classes["db.t4g.micro"].usd["eu-west-1"],
            6,
        );
        expect(postgres.lines[1].monthlyUsd).toBeCloseTo(20 * RDS_PRICES.postgres.multiAz.gp3!.usd["eu-west-1"], 6);
        // Multi-AZ is the Price List's own product, not twice the single-AZ one (us-east-1 db.t4g.medium: 0.129, not 2 × 0.065).
        const medium = at(
            "us-east-1",
            res("aws:rds/instance:Instance", "db", "us-east-1", {
                engine: "postgres",
                instanceClass: "db.t4g.medium",
                allocatedStorage: 20,
                storageType: "gp3",
                multiAz: true,
            }),
        );
        expect(medium.lines[0].unitUsd).toBe(0.129);
        expect(medium.lines[0].unitUsd).not.toBe(2 * RDS_POSTGRES_HOURLY["db.t4g.medium"]["us-east-1"]);
        expect(postgres.usage.map((u) => u.kind)).toEqual([
            "RDS PostgreSQL backup storage",
            "RDS PostgreSQL CPU credits (db.t4g, unlimited mode)",
        ]);
        expect(postgres.usage[1].unitUsd).toBe(RDS_PRICES.postgres.cpuCredits["db.t4g"].usd["eu-west-1"]);
        // A fixed-performance class has no credit line.
        const m7g = at(
            "eu-west-1",
            res("aws:rds/instance:Instance", "db", "eu-west-1", {
                engine: "postgres",
                instanceClass: "db.m7g.large",
                allocatedStorage: 20,
                storageType: "gp3",
            }),
        );
        expect(m7g.usage.map((u) => u.kind)).toEqual(["RDS PostgreSQL backup storage"]);
        const mysql = at("eu-west-1", db("mysql"));
        expect(mysql.lines).toEqual([]);
        expect(mysql.unpriced).toEqual([expect.objectContaining({ resource: "db", reason: expect.stringContaining("engine mysql") })]);
    });

    it("an amount priced at an unconfirmed figure is marked next to it, a confirmed one is not, and the total says how much rests on them", () => {
        // us-east-1's NAT gateway hour is a Price List record; eu-west-1's t3.nano figure is unconfirmed.
        expect(PRICES.natGatewayHour.records["us-east-1"].status).toBe("price-list");
        expect(EC2_HOURLY["t3.nano"]).toBeDefined();
        const estimate = at("eu-west-1", res("aws:ec2/instance:Instance", "app", "eu-west-1", { instanceType: "t3.nano" }));
        const confirmed = at("us-east-1", res("aws:ec2/natGateway:NatGateway", "nat", "us-east-1"));
        const ec2 = estimate.lines.find((l) => l.kind === "EC2 t3.nano")!;
        expect(ec2.unconfirmed).toBe(true);
        expect(ec2.sourceRecord).toMatch(/^UNCONFIRMED/);
        const rowLine = renderCost(estimate)
            .split("\n")
            .find((l) => l.includes("EC2 t3.nano"))!;
        expect(rowLine).toContain(`$${ec2.monthlyUsd.toFixed(2)} ${UNCONFIRMED_MARK}`);
        expect(estimate.unconfirmedUsd).toBeCloseTo(ec2.monthlyUsd, 2);
        expect(renderCost(estimate)).toMatch(/\(unconfirmed\): \$\d+\.\d\d of the total is priced at figures no public source confirmed/);
        expect(confirmed.lines[0].unconfirmed).toBeUndefined();
        expect(confirmed.unconfirmedUsd).toBe(0);
        expect(renderCost(confirmed)).not.toContain(UNCONFIRMED_MARK);
    });
});

describe("estimateOrganization (the seam for the organization's plan)", () => {
    it("estimates each account on its own and totals them: the total is the sum of the accounts, each the sum of its stacks", () => {
        const natPlan = (n: number, region: string) => ({
            stack: `s${n}`,
            resources: [provider(region), ...Array.from({ length: n }, (_, i) => res("aws:ec2/natGateway:NatGateway", `nat-${i}`, region))],
        });
        fc.assert(
            fc.property(
                fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(...PRICED_REGIONS)), { maxLength: 3 }), {
                    minLength: 1,
                    maxLength: 4,
                }),
                (accounts) => {
                    const org = estimateOrganization(
                        accounts.map((stacks, i) => ({ account: `acct-${i}`, plans: stacks.map(([n, region]) => natPlan(n, region)) })),
                    );
                    expect(org.accounts.map((a) => a.account)).toEqual(accounts.map((_, i) => `acct-${i}`));
                    for (const [i, a] of org.accounts.entries()) {
                        const expected = accounts[i].reduce(
                            (sum, [n, region]) => sum + n * HOURS_PER_MONTH * PRICES.natGatewayHour.usd[region],
                            0,
                        );
                        expect(a.monthlyUsd).toBeCloseTo(expected, 1);
                    }
                    expect(org.monthlyUsd).toBeCloseTo(
                        org.accounts.reduce((sum, a) => sum + a.monthlyUsd, 0),
                        6,
                    );
                    const rendered = renderOrganizationCost(org).split("\n");
                    expect(rendered).toHaveLength(org.accounts.length + 2);
                    expect(rendered.at(-1)).toContain(`$${org.monthlyUsd.toFixed(2)}`);
                },
            ),
        );
    });
});
