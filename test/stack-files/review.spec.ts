/**
 * The reviewer's sections of the plan (tooling/plan: cost, diagram, diff) on the committed stack
 * files' plans, shared with the other stack-files specs. Cost over every tier: stack/cost.spec.ts.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { estimateCost } from "../../tooling/plan/cost";
import { architectureDot, renderSvg } from "../../tooling/plan/diagram";
import { diffPlans, STATEFUL_TYPES } from "../../tooling/plan/diff";
import { EC2_HOURLY, HOURS_PER_MONTH, PRICES, RDS_PRICES } from "../../tooling/plan/prices";
import { PROJECT_DIR } from "../../tooling/plan/stack-files";
import { inTurn, Plan, planStackFile } from "../support";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("monthly cost estimate", () => {
    it("prices every resource of the stack files' plans (the program's every type: stack/cost.spec.ts)", async () => {
        const plans = await inTurn([
            () => planStackFile("dev"),
            () => planStackFile("prod"),
            () => planStackFile("prod", { "tap:regions": '["us-east-1","us-west-2"]' }),
        ]);
        for (const plan of plans)
            expect([plan.stack, plan.resources.length > 100, estimateCost(plan).unknownTypes]).toEqual([plan.stack, true, []]);
    });

    it("prod (a NAT gateway per AZ, 3 AZs) costs exactly three NAT gateways' hours; dev (single) one", async () => {
        const [prod, dev] = await inTurn([() => planStackFile("prod"), () => planStackFile("dev")]);
        const nat = (plan: Plan) => estimateCost(plan).lines.filter((l) => l.kind === "NAT gateway");
        expect(nat(prod)).toHaveLength(3);
        expect(sum(nat(prod).map((l) => l.monthlyUsd))).toBeCloseTo(3 * HOURS_PER_MONTH * PRICES.natGatewayHour.usd["us-east-1"], 6);
        expect(nat(dev)).toHaveLength(1);
        expect(sum(nat(dev).map((l) => l.monthlyUsd))).toBeCloseTo(HOURS_PER_MONTH * 0.045, 6);
    });

    it("prod: instances at desired capacity, their gp3 root volumes, a Multi-AZ database at twice its class, the WAF ACL and its rules", async () => {
        const plan = await planStackFile("prod");
        const estimate = estimateCost(plan);
        const row = (kind: string) => estimate.rows.find((r) => r.kind === kind)!;
        expect(row("EC2 t3.small").monthlyUsd).toBeCloseTo(2 * HOURS_PER_MONTH * EC2_HOURLY["t3.small"]["us-east-1"], 2);
        expect(row("EBS gp3").quantity).toBe(2 * 30);
        expect(row("RDS PostgreSQL db.t4g.medium Multi-AZ").monthlyUsd).toBeCloseTo(
            HOURS_PER_MONTH * RDS_PRICES.postgres.multiAz.classes["db.t4g.medium"].usd["us-east-1"],
            2,
        );
        expect(row("RDS PostgreSQL storage gp3 Multi-AZ").quantity).toBe(20);
        expect(row("WAF web ACL").monthlyUsd).toBe(5);
        const rules = (plan.resources.find((r) => r.type === "aws:wafv2/webAcl:WebAcl")!.inputs.rules as unknown[]).length;
        expect(rules).toBeGreaterThan(0);
        expect(row("WAF rules").monthlyUsd).toBe(rules);
        expect(row("CloudWatch alarm").quantity).toBe(
            plan.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").length,
        );
        expect(row("Secrets Manager secret").quantity).toBe(1);
        // 3 NAT EIPs and one address per AZ of the internet-facing load balancer.
        expect(row("Public IPv4 address").quantity).toBe(6 * HOURS_PER_MONTH);
        expect(estimate.monthlyUsd).toBeCloseTo(sum(estimate.rows.map((r) => r.monthlyUsd)), 1);
        expect(estimate.unpriced).toEqual([]);
        expect(estimate.usage.map((u) => u.kind)).toEqual(
            expect.arrayContaining(["NAT gateway data processed", "WAF requests inspected", "Load balancer capacity units"]),
        );
    });
});

describe("what a change replaces (diff of two plans)", () => {
    it("tap:environmentSuffix: every resource is replaced (new URNs and names), the stateful ones loudly", async () => {
        const [base, head] = await inTurn([() => planStackFile("dev"), () => planStackFile("dev", { "tap:environmentSuffix": "qa" })]);
        const diff = diffPlans(base, head);
        const resources = base.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws");
        expect(resources.length).toBeGreaterThan(100);
        expect(new Set(diff.replaced.map((r) => r.urn))).toEqual(new Set(resources.map((r) => r.urn)));
        expect(diff.added).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(diff.statefulLosses.length).toBe(resources.filter((r) => STATEFUL_TYPES.has(r.type)).length);
    });

    it("tap:dbInstanceClass: the database is updated in place, nothing replaced", async () => {
        const [base, head] = await inTurn([
            () => planStackFile("prod"),
            () => planStackFile("prod", { "tap:dbInstanceClass": "db.t4g.large" }),
        ]);
        const diff = diffPlans(base, head);
        expect(diff.replaced).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(diff.updated.find((u) => u.type === "aws:rds/instance:Instance")?.keys).toEqual(["instanceClass"]);
    });

    it("tap:vpcCidr: the VPC and every subnet are replaced; no bucket, key, log group or database", async () => {
        const [base, head] = await inTurn([() => planStackFile("dev"), () => planStackFile("dev", { "tap:vpcCidr": "10.9.0.0/16" })]);
        const diff = diffPlans(base, head);
        const replaced = new Set(diff.replaced.map((r) => r.urn));
        const network = base.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc" || r.type === "aws:ec2/subnet:Subnet");
        expect(network.length).toBe(5);
        for (const r of network) expect(replaced.has(r.urn)).toBe(true);
        expect(diff.replaced.find((r) => r.type === "aws:ec2/vpc:Vpc")!.reasons).toContain("cidrBlock forces replacement");
        expect(diff.statefulLosses).toEqual([]);
        expect(diff.removed).toEqual([]);
    });

    it("tap:azCount 2 → 3: adds the third AZ's subnets, replaces and deletes nothing", async () => {
        const [base, head] = await inTurn([() => planStackFile("dev"), () => planStackFile("dev", { "tap:azCount": "3" })]);
        const diff = diffPlans(base, head);
        expect(diff.replaced).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(
            diff.added
                .filter((a) => a.type === "aws:ec2/subnet:Subnet")
                .map((a) => a.name)
                .sort(),
        ).toEqual(["tap-dev-use1-private-3", "tap-dev-use1-public-3"]);
    });
});

describe("architecture diagram", () => {
    it.each(["dev", "prod"])("docs/diagrams/%s.svg is the diagram of the stack file as it is, and valid SVG", async (stack) => {
        const file = path.join(PROJECT_DIR, "docs", "diagrams", `${stack}.svg`);
        const svg = await renderSvg(architectureDot(await planStackFile(stack)));
        const committed = readFileSync(file, "utf8");
        if (committed !== svg)
            throw new Error(
                `docs/diagrams/${stack}.svg is stale: run npm run plan -- --stack ${stack} --diagram docs/diagrams/${stack}.svg`,
            );
        // resvg parses it as SVG (it throws on malformed XML) and finds a drawing of some size.
        const parsed = new Resvg(committed, { font: { loadSystemFonts: false } }); // parsing needs no fonts
        expect(parsed.width).toBeGreaterThan(500);
        expect(parsed.height).toBeGreaterThan(200);
    });

    it("prod: three AZs with a NAT gateway each, and the ALB → app → database path labelled with the rules that allow it", async () => {
        const dot = architectureDot(await planStackFile("prod"));
        expect(dot.match(/subgraph "cluster_az_/g)).toHaveLength(3);
        expect(dot.match(/label="NAT gateway /g)).toHaveLength(3);
        expect(dot).toMatch(
            /"internet" -> "LoadBalancer:tap-prod-use1-alb" \[label="tcp 443 from 198\.51\.100\.0\/24\\ntcp 443 from 203\.0\.113\.0\/24\\n\(tap-prod-use1-alb-sg\)"/,
        );
        expect(dot).toContain(
            '"LoadBalancer:tap-prod-use1-alb" -> "Group:tap-prod-use1-app-asg" [label="tcp 80\\ntap-prod-use1-app-sg admits tap-prod-use1-alb-sg"',
        );
        expect(dot).toContain(
            '"Group:tap-prod-use1-app-asg" -> "Instance:tap-prod-use1-db" [label="tcp 5432\\ntap-prod-use1-db-sg admits tap-prod-use1-app-sg"',
        );
        expect(dot).toContain('"Trail:tap-prod-use1-trail" -> "Bucket:tap-prod-use1-cloudtrail"');
        expect(dot).toMatch(/label="KMS key tap-prod-use1-key\\nrotation on/);
    });
});
