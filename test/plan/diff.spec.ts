/** The plan diff as a pure function of two plan JSONs: no Pulumi, synthetic plans. */
import fc from "fast-check";
import { DiffPlan, DiffResource, diffPlans, FORCE_REPLACE, renderDiff } from "../../tooling/plan/diff";

const urn = (type: string, name: string) => `urn:pulumi:dev::tap::tap:index:TapStack$${type}::${name}`;
function res(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<DiffResource> = {}): DiffResource {
    return { urn: urn(type, name), type, name, custom: true, id: `${name}-id`, inputs, state: { arn: `arn:${name}` }, ...extra };
}
const plan = (resources: DiffResource[]): DiffPlan => ({ stack: "dev", resources });

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const BUCKET = "aws:s3/bucket:Bucket";
const TYPES = [VPC, SUBNET, BUCKET, "aws:kms/key:Key", "aws:iam/role:Role", "aws:cloudwatch/logGroup:LogGroup"];

/** A random plan: distinct logical names `tap-<env>-<stem>` over a few types, each with a tag input. */
const arbPlan = fc.uniqueArray(fc.record({ type: fc.constantFrom(...TYPES), stem: fc.stringMatching(/^[a-z]{1,8}$/) }), {
    minLength: 1,
    maxLength: 25,
    selector: (r) => `${r.type}/${r.stem}`,
});
const build = (items: Array<{ type: string; stem: string }>, env: string) =>
    plan(items.map((i) => res(i.type, `tap-${env}-${i.stem}`, { tags: { Owner: "platform" } })));

describe("diffPlans", () => {
    it("a plan against itself: nothing added, removed, updated or replaced", () => {
        fc.assert(
            fc.property(arbPlan, (items) => {
                const p = build(items, "dev");
                const d = diffPlans(p, p);
                expect([d.added, d.removed, d.updated, d.replaced]).toEqual([[], [], [], []]);
                expect(d.unchanged).toBe(items.length);
            }),
        );
    });

    it("renaming every resource (a new environment suffix) replaces each one, pairing old and new names", () => {
        fc.assert(
            fc.property(arbPlan, fc.constantFrom("qa", "staging", "d"), (items, env) => {
                const d = diffPlans(build(items, "dev"), build(items, env));
                expect(d.added).toEqual([]);
                expect(d.removed).toEqual([]);
                expect(d.replaced).toHaveLength(items.length);
                for (const r of d.replaced) expect(r.newUrn).toBe(r.urn.replace("tap-dev-", `tap-${env}-`));
            }),
        );
    });

    it("adding resources to a plan adds them and touches nothing else", () => {
        fc.assert(
            fc.property(arbPlan, fc.integer({ min: 1, max: 4 }), (items, extra) => {
                const base = build(items, "dev");
                const more = Array.from({ length: extra }, (_, i) => res(SUBNET, `tap-dev-new-${i}`));
                const d = diffPlans(base, plan([...base.resources, ...more]));
                expect(d.added.map((a) => a.name)).toEqual(more.map((m) => m.name));
                expect([d.removed, d.updated, d.replaced]).toEqual([[], [], []]);
            }),
        );
    });

    it("a force-new property replaces; another property updates in place; a physical name replaces", () => {
        const base = plan([res(VPC, "vpc", { cidrBlock: "10.0.0.0/16", enableDnsSupport: true })]);
        expect(FORCE_REPLACE[VPC]).toContain("cidrBlock");
        expect(diffPlans(base, plan([res(VPC, "vpc", { cidrBlock: "10.1.0.0/16", enableDnsSupport: true })])).replaced[0].reasons).toEqual([
            "cidrBlock forces replacement",
        ]);
        expect(diffPlans(base, plan([res(VPC, "vpc", { cidrBlock: "10.0.0.0/16", enableDnsSupport: false })])).updated[0].keys).toEqual([
            "enableDnsSupport",
        ]);
        const bucket = (name: string) => plan([res(BUCKET, "logs", { bucket: name })]);
        const d = diffPlans(bucket("tap-dev-logs"), bucket("tap-dev-logs-2"));
        expect(d.replaced[0].reasons).toEqual(["physical name (bucket) changed"]);
        expect(d.statefulLosses).toHaveLength(1);
    });

    it("a resource whose force-new property points at a replaced resource is replaced too; other references update", () => {
        const vpc = (cidr: string) => res(VPC, "vpc", { cidrBlock: cidr });
        const subnet = res(SUBNET, "subnet-a", { vpcId: "vpc-id", cidrBlock: "10.0.0.0/20" });
        const igw = res("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: "vpc-id" });
        const d = diffPlans(plan([vpc("10.0.0.0/16"), subnet, igw]), plan([vpc("10.1.0.0/16"), subnet, igw]));
        expect(d.replaced.map((r) => r.name).sort()).toEqual(["subnet-a", "vpc"]);
        expect(d.replaced.find((r) => r.name === "subnet-a")!.reasons).toEqual(["vpcId refers to replaced vpc"]);
        expect(d.updated).toEqual([expect.objectContaining({ name: "igw", keys: ["vpcId"] })]);
    });

    it("an alias keeps a moved resource (no replacement); a retained deletion loses no data; a plain deletion of a bucket is loud", () => {
        const old = res(BUCKET, "logs", { bucket: "b" });
        const moved = { ...res(BUCKET, "logs", { bucket: "b" }), urn: `${old.urn}-moved`, aliases: [old.urn] };
        expect(diffPlans(plan([old]), plan([moved])).replaced).toEqual([]);
        const retained = diffPlans(plan([{ ...old, retainOnDelete: true }]), plan([]));
        expect(retained.removed[0].retained).toBe(true);
        expect(retained.statefulLosses).toEqual([]);
        const deleted = diffPlans(plan([old]), plan([]));
        expect(deleted.statefulLosses).toEqual(["logs (aws:s3/bucket:Bucket) is DELETED"]);
        expect(renderDiff(deleted)).toMatch(/!!! 1 STATEFUL RESOURCE\(S\) LOSE THEIR DATA/);
    });

    it("input key order does not count as a change", () => {
        const a = plan([res(VPC, "vpc", { tags: { A: "1", B: "2" } })]);
        const b = plan([res(VPC, "vpc", { tags: { B: "2", A: "1" } })]);
        expect(diffPlans(a, b).unchanged).toBe(1);
    });
});
