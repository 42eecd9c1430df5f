/**
 * Alerts only on news (issue 25): a week of events, built from the samples AWS documents
 * (test/data/alert-event-samples.json), replayed through the EventBridge rules of the planned prod
 * stack over two regions (their patterns, each in its own region), counting what reaches the alert
 * topics. Every new problem is announced once; re-evaluations, Security Hub's own Config rules,
 * findings already acknowledged and the aggregator's copies announce nothing.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { matches } from "../../tooling/events/event-pattern";
import { nonEmpty, ofType, Plan, referencePlan } from "../support";

const HOME = "us-east-1";
const LINKED = "us-west-2";
const SAMPLES = JSON.parse(readFileSync(path.join(__dirname, "..", "data", "alert-event-samples.json"), "utf8")).samples;

type Event = Record<string, unknown> & { region: string };
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 11, 7 + day, hour)).toISOString();

/** One state of a Security Hub control finding, imported into `bus` (its own region, or the aggregation region's copy). */
function securityHub(o: { bus: string; region: string; control: string; resource: string; severity: string; status: string; workflow: string; record?: string; product?: string; day: number; hour?: number }): Event {
    const e = clone(SAMPLES.securityHubControlFinding.event);
    const f = e.detail.findings[0];
    f.Id = `arn:aws:securityhub:${o.region}:123456789012:security-control/${o.control}/finding/${o.resource}`;
    Object.assign(f, { Region: o.region, ProductName: o.product ?? "Security Hub", UpdatedAt: at(o.day, o.hour), RecordState: o.record ?? "ACTIVE" });
    f.Severity = { Label: o.severity, Original: o.severity };
    f.Compliance = { ...f.Compliance, Status: o.status, SecurityControlId: o.control };
    f.Workflow = { Status: o.workflow };
    return { ...e, region: o.bus, time: at(o.day, o.hour) };
}

function config(o: { region: string; rule: string; resource: string; now: string; before?: string; day: number }): Event {
    const e = clone(SAMPLES.configComplianceChange.event);
    e.detail.configRuleName = o.rule;
    e.detail.resourceId = o.resource;
    e.detail.newEvaluationResult.complianceType = o.now;
    if (o.before) e.detail.oldEvaluationResult = { ...clone(e.detail.newEvaluationResult), complianceType: o.before };
    return { ...e, region: o.region, time: at(o.day) };
}

function accessAnalyzer(o: { region: string; id: string; status: string; isDeleted?: boolean; day: number }): Event {
    const e = clone(SAMPLES.accessAnalyzerFinding.event);
    Object.assign(e.detail, { id: o.id, status: o.status, isDeleted: o.isDeleted ?? false, region: o.region });
    return { ...e, region: o.region, time: at(o.day) };
}

/** Security Hub's control finding in a linked region: imported there, and copied into the aggregation region. */
const bothBuses = (o: Omit<Parameters<typeof securityHub>[0], "bus">): Event[] => [securityHub({ ...o, bus: o.region }), securityHub({ ...o, bus: HOME })];

interface Step { readonly events: Event[]; /** The new problem these events announce, if any. */ readonly news?: string }

/**
 * The week. Security Hub re-imports a failing control finding at every periodic evaluation
 * (twice a day here) with its current workflow status; the on-call marks an alerted finding
 * NOTIFIED (docs/detection.md), after which only a PASSED → FAILED change makes it NEW again.
 */
function week(): Step[] {
    const steps: Step[] = [];
    // Day 0, after the deploy: one new problem of each kind, and the noise around them.
    steps.push({ news: "EC2.19 on sg-a (us-west-2, aggregated)", events: bothBuses({ region: LINKED, control: "EC2.19", resource: "sg-a", severity: "HIGH", status: "FAILED", workflow: "NEW", day: 0 }) });
    steps.push({ news: "IAM.6 on the account (us-east-1)", events: [securityHub({ bus: HOME, region: HOME, control: "IAM.6", resource: "account", severity: "CRITICAL", status: "FAILED", workflow: "NEW", day: 0 })] });
    steps.push({ events: [securityHub({ bus: HOME, region: HOME, control: "S3.9", resource: "b", severity: "MEDIUM", status: "FAILED", workflow: "NEW", day: 0 })] }); // below HIGH
    steps.push({ events: [securityHub({ bus: HOME, region: HOME, control: "EC2.2", resource: "sg-default", severity: "HIGH", status: "PASSED", workflow: "RESOLVED", day: 0 })] }); // passing
    steps.push({ events: [securityHub({ bus: HOME, region: HOME, control: "GuardDuty.x", resource: "i-1", severity: "HIGH", status: "FAILED", workflow: "NEW", product: "GuardDuty", day: 0 })] }); // GuardDuty's own rule alerts
    steps.push({ news: "Config: bucket c without SSL-only (us-east-1)", events: [config({ region: HOME, rule: "tap-prod-use1-s3-bucket-ssl-requests-only", resource: "c", now: "NON_COMPLIANT", day: 0 })] });
    steps.push({ events: [config({ region: HOME, rule: "securityhub-s3-bucket-logging-enabled-8a1b2c", resource: "b", now: "NON_COMPLIANT", day: 0 })] }); // Security Hub's own rule
    steps.push({ events: [config({ region: LINKED, rule: "securityhub-ec2-security-group-attached-to-eni-3f2e1d", resource: "sg-a", now: "NON_COMPLIANT", before: "COMPLIANT", day: 0 })] });
    steps.push({ news: "Access Analyzer: bucket d shared (us-west-2)", events: [accessAnalyzer({ region: LINKED, id: "finding-d", status: "ACTIVE", day: 0 })] });
    // Days 1-6: re-evaluations, twice a day, in both regions.
    for (let day = 1; day <= 6; day++) {
        for (const hour of [0, 12]) {
            // sg-a fails until day 3, 06:00, passes until day 4, 12:00, then fails again (those two changes are below).
            const passing = (day === 3 && hour === 12) || (day === 4 && hour === 0);
            if (!(day === 4 && hour === 12)) {
                steps.push({ events: bothBuses({ region: LINKED, control: "EC2.19", resource: "sg-a", severity: "HIGH", status: passing ? "PASSED" : "FAILED", workflow: passing ? "RESOLVED" : "NOTIFIED", day, hour }) });
            }
            steps.push({ events: [securityHub({ bus: HOME, region: HOME, control: "IAM.6", resource: "account", severity: "CRITICAL", status: "FAILED", workflow: "NOTIFIED", day, hour })] });
            steps.push({ events: [securityHub({ bus: HOME, region: HOME, control: "S3.9", resource: "b", severity: "MEDIUM", status: "FAILED", workflow: "NEW", day, hour })] });
        }
        steps.push({ events: [config({ region: HOME, rule: "tap-prod-use1-s3-bucket-ssl-requests-only", resource: "c", now: "NON_COMPLIANT", before: "NON_COMPLIANT", day })] });
        steps.push({ events: [config({ region: HOME, rule: "securityhub-s3-bucket-logging-enabled-8a1b2c", resource: "b", now: "NON_COMPLIANT", before: "NON_COMPLIANT", day })] });
    }
    // Day 3: the security group is fixed (PASSED: Security Hub resolves it), day 4 it fails again: news.
    steps.push({ events: bothBuses({ region: LINKED, control: "EC2.19", resource: "sg-a", severity: "HIGH", status: "PASSED", workflow: "RESOLVED", day: 3, hour: 6 }) });
    steps.push({ news: "EC2.19 on sg-a failing again (us-west-2, aggregated)", events: bothBuses({ region: LINKED, control: "EC2.19", resource: "sg-a", severity: "HIGH", status: "FAILED", workflow: "NEW", day: 4, hour: 12 }) });
    // Day 5: the Access Analyzer finding is archived (no news), then deleted (no news).
    steps.push({ events: [accessAnalyzer({ region: LINKED, id: "finding-d", status: "ARCHIVED", day: 5 })] });
    steps.push({ events: [accessAnalyzer({ region: LINKED, id: "finding-d", status: "ARCHIVED", isDeleted: true, day: 5 })] });
    // Day 6: bucket c is fixed (COMPLIANT: no alert), then broken again (news).
    steps.push({ events: [config({ region: HOME, rule: "tap-prod-use1-s3-bucket-ssl-requests-only", resource: "c", now: "COMPLIANT", before: "NON_COMPLIANT", day: 6 })] });
    steps.push({ news: "Config: bucket c without SSL-only again", events: [config({ region: HOME, rule: "tap-prod-use1-s3-bucket-ssl-requests-only", resource: "c", now: "NON_COMPLIANT", before: "COMPLIANT", day: 6 })] });
    return steps;
}

describe("alerts only on news: a replayed week, two regions", () => {
    let plan: Plan;
    beforeAll(async () => { plan = await referencePlan("prod-two-regions.txt"); });

    /** Each region's rules that notify its alert topic, with their patterns. */
    const rules = () => {
        const targets = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget").filter((t) => String(t.inputs.arn).includes(":sns:"));
        return nonEmpty(ofType(plan, "aws:cloudwatch/eventRule:EventRule").filter((r) => targets.some((t) => t.inputs.rule === r.state.name)))
            .map((r) => ({ name: r.name, region: String(r.state.arn).split(":")[3], pattern: JSON.parse(String(r.inputs.eventPattern)) as object }));
    };
    /** What reaches the topics: one notification per (event, matching rule of the event's region). */
    const delivered = (events: readonly Event[]) => events.flatMap((e) => rules().filter((r) => r.region === e.region && matches(r.pattern, e)).map((r) => `${r.name} <- ${e.region}`));

    it("has alert rules in both regions, and Security Hub's only in the aggregation region", () => {
        const regions = new Set(rules().map((r) => r.region));
        expect([...regions].sort()).toEqual([HOME, LINKED]);
        expect(rules().filter((r) => r.name.endsWith("securityhub-high")).map((r) => r.region)).toEqual([HOME]);
    });

    it("sends one notification per new problem and none for re-evaluations, copies or noise", () => {
        const steps = week();
        const sent = steps.map((s) => ({ news: s.news, sent: delivered(s.events) }));
        expect(sent.filter((s) => s.news === undefined && s.sent.length > 0)).toEqual([]);
        expect(sent.filter((s) => s.news !== undefined).map((s) => [s.news, s.sent.length])).toEqual(steps.filter((s) => s.news).map((s) => [s.news, 1]));
        const events = steps.reduce((n, s) => n + s.events.length, 0);
        expect(events).toBeGreaterThan(60); // a week of re-evaluations, not a handful of events
        expect(sent.reduce((n, s) => n + s.sent.length, 0)).toBe(steps.filter((s) => s.news).length);
    });

    it("would have paged for each of them with the rules before issue 25 (the replay can tell)", () => {
        const before = [
            { source: ["aws.securityhub"], "detail-type": ["Security Hub Findings - Imported"], detail: { findings: { Severity: { Label: ["HIGH", "CRITICAL"] }, Workflow: { Status: ["NEW"] }, RecordState: ["ACTIVE"] } } },
            { source: ["aws.config"], "detail-type": ["Config Rules Compliance Change"], detail: { newEvaluationResult: { complianceType: ["NON_COMPLIANT"] } } },
        ];
        const noise = week().filter((s) => !s.news).flatMap((s) => s.events).filter((e) => before.some((p) => matches(p, e)));
        // Security Hub's Config rules, the GuardDuty copy in Security Hub, Config re-evaluations, the aggregator's copies.
        expect(noise.length).toBeGreaterThanOrEqual(14);
    });
});
