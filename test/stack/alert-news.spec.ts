/**
 * Alerts only on news (issue 25): a week of events, built from the samples AWS documents
 * (test/data/alert-event-samples.json), replayed through the EventBridge rules of the planned prod
 * stack over two regions (their patterns, each in its own region) and their targets, counting what
 * reaches the alert topics. Every new problem is announced once; re-evaluations, Security Hub's own
 * Config rules and the aggregator's copies announce nothing - and no one acknowledges anything by
 * hand: Security Hub's workflow status is modelled from its documented rules, and the state machine
 * the Security Hub rule targets is run from its planned definition (what it publishes, what it marks).
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

/** One check of a Security Hub control: its result, as Security Hub imports it in the control's region. */
interface Check {
    readonly region: string;
    readonly control: string;
    readonly resource: string;
    readonly severity: string;
    readonly status: string;
    readonly record?: string;
    readonly product?: string;
    readonly day: number;
    readonly hour?: number;
}

const findingId = (c: Pick<Check, "region" | "control" | "resource">) =>
    `arn:aws:securityhub:${c.region}:123456789012:security-control/${c.control}/finding/${c.resource}`;

/**
 * Security Hub's workflow status of its control findings, as its user guide states it: a new finding
 * is NEW; "PASSED - ... automatically sets the Security Hub CSPM Workflow.Status to RESOLVED"; "If the
 * compliance status for a finding changes from PASSED to FAILED, WARNING, or NOT_AVAILABLE, and
 * Workflow.Status was either NOTIFIED or RESOLVED, Security Hub CSPM automatically changes
 * Workflow.Status to NEW" ("Evaluating compliance status and control status"); otherwise "in the next
 * check the compliance status of the finding stays the same, the workflow status remains in its
 * modified state" ("Schedule for running security checks"). One finding per id, whichever region
 * looks at it: the aggregator replicates updates both ways ("Creating and updating findings").
 */
class SecurityHubModel {
    private readonly findings = new Map<string, { check: Check; workflow: string }>();

    /** A check's import: the workflow status the imported finding carries. */
    imported(check: Check): string {
        const id = findingId(check);
        const before = this.findings.get(id);
        let workflow: string;
        if (check.status === "PASSED") workflow = "RESOLVED";
        else if (before === undefined) workflow = "NEW";
        else if (before.check.status === "PASSED" && ["NOTIFIED", "RESOLVED"].includes(before.workflow)) workflow = "NEW";
        else workflow = before.workflow;
        this.findings.set(id, { check, workflow });
        return workflow;
    }

    /** BatchUpdateFindings: the finding's new workflow status, and the check it was last imported with. */
    updated(id: string, workflow: string): Check {
        const finding = this.findings.get(id);
        if (finding === undefined) throw new Error(`BatchUpdateFindings on ${id}, which Security Hub never imported`);
        this.findings.set(id, { ...finding, workflow });
        return finding.check;
    }

    workflowOf(check: Pick<Check, "region" | "control" | "resource">): string | undefined {
        return this.findings.get(findingId(check))?.workflow;
    }
}

/** A Security Hub control finding's "Security Hub Findings - Imported" event on `bus`. */
function securityHubEvent(check: Check, workflow: string, bus: string): Event {
    const e = clone(SAMPLES.securityHubControlFinding.event);
    const f = e.detail.findings[0];
    f.Id = findingId(check);
    f.ProductArn = `arn:aws:securityhub:${check.region}::product/aws/securityhub`;
    Object.assign(f, {
        Region: check.region,
        ProductName: check.product ?? "Security Hub",
        UpdatedAt: at(check.day, check.hour),
        RecordState: check.record ?? "ACTIVE",
    });
    f.Severity = { Label: check.severity, Original: check.severity };
    f.Compliance = { ...f.Compliance, Status: check.status, SecurityControlId: check.control };
    f.Workflow = { Status: workflow };
    return { ...e, region: bus, time: at(check.day, check.hour) };
}

/** Where a finding's events are sent: its own region, and (a linked region's) the aggregation region's copy. */
const busesOf = (region: string) => (region === HOME ? [HOME] : [region, HOME]);

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

/** One moment of the week: a Security Hub check, other services' events, and the new problem they announce, if any. */
interface Step {
    readonly check?: Check;
    readonly events?: Event[];
    readonly news?: string;
}

/**
 * The week. Security Hub re-imports a failing control finding at every periodic check (twice a day
 * here), in both regions. No one touches a finding: its workflow status is Security Hub's and the
 * alert state machine's doing.
 */
function week(): Step[] {
    const steps: Step[] = [];
    const sgA = { region: LINKED, control: "EC2.19", resource: "sg-a", severity: "HIGH" };
    const account = { region: HOME, control: "IAM.6", resource: "account", severity: "CRITICAL" };
    const bucketB = { region: HOME, control: "S3.9", resource: "b", severity: "MEDIUM" };
    // Day 0, after the deploy: one new problem of each kind, and the noise around them.
    steps.push({ news: "EC2.19 on sg-a (us-west-2, aggregated)", check: { ...sgA, status: "FAILED", day: 0 } });
    steps.push({ news: "IAM.6 on the account (us-east-1)", check: { ...account, status: "FAILED", day: 0 } });
    steps.push({ check: { ...bucketB, status: "FAILED", day: 0 } }); // below HIGH
    steps.push({ check: { region: HOME, control: "EC2.2", resource: "sg-default", severity: "HIGH", status: "PASSED", day: 0 } }); // passing
    steps.push({
        check: { region: HOME, control: "GuardDuty.x", resource: "i-1", severity: "HIGH", status: "FAILED", product: "GuardDuty", day: 0 },
    }); // GuardDuty's own rule alerts
    steps.push({
        news: "Config: bucket c without SSL-only (us-east-1)",
        events: [config({ region: HOME, rule: "tap-prod-use1-s3-bucket-ssl-requests-only", resource: "c", now: "NON_COMPLIANT", day: 0 })],
    });
    steps.push({
        events: [
            config({ region: HOME, rule: "securityhub-s3-bucket-logging-enabled-8a1b2c", resource: "b", now: "NON_COMPLIANT", day: 0 }),
        ],
    }); // Security Hub's own rule
    steps.push({
        events: [
            config({
                region: LINKED,
                rule: "securityhub-ec2-security-group-attached-to-eni-3f2e1d",
                resource: "sg-a",
                now: "NON_COMPLIANT",
                before: "COMPLIANT",
                day: 0,
            }),
        ],
    });
    steps.push({
        news: "Access Analyzer: bucket d shared (us-west-2)",
        events: [accessAnalyzer({ region: LINKED, id: "finding-d", status: "ACTIVE", day: 0 })],
    });
    // Days 1-6: re-evaluations, twice a day, in both regions.
    for (let day = 1; day <= 6; day++) {
        for (const hour of [0, 12]) {
            // sg-a fails until day 3, 06:00, passes until day 4, 12:00, then fails again: news once more.
            const passing = (day === 3 && hour === 12) || (day === 4 && hour === 0);
            if (day === 3 && hour === 12) steps.push({ check: { ...sgA, status: "PASSED", day: 3, hour: 6 } });
            if (day === 4 && hour === 12)
                steps.push({
                    news: "EC2.19 on sg-a failing again (us-west-2, aggregated)",
                    check: { ...sgA, status: "FAILED", day, hour },
                });
            else steps.push({ check: { ...sgA, status: passing ? "PASSED" : "FAILED", day, hour } });
            steps.push({ check: { ...account, status: "FAILED", day, hour } });
            steps.push({ check: { ...bucketB, status: "FAILED", day, hour } });
        }
        steps.push({
            events: [
                config({
                    region: HOME,
                    rule: "tap-prod-use1-s3-bucket-ssl-requests-only",
                    resource: "c",
                    now: "NON_COMPLIANT",
                    before: "NON_COMPLIANT",
                    day,
                }),
            ],
        });
        steps.push({
            events: [
                config({
                    region: HOME,
                    rule: "securityhub-s3-bucket-logging-enabled-8a1b2c",
                    resource: "b",
                    now: "NON_COMPLIANT",
                    before: "NON_COMPLIANT",
                    day,
                }),
            ],
        });
    }
    // Day 5: the Access Analyzer finding is archived (no news), then deleted (no news).
    steps.push({ events: [accessAnalyzer({ region: LINKED, id: "finding-d", status: "ARCHIVED", day: 5 })] });
    steps.push({ events: [accessAnalyzer({ region: LINKED, id: "finding-d", status: "ARCHIVED", isDeleted: true, day: 5 })] });
    // Day 6: bucket c is fixed (COMPLIANT: no alert), then broken again (news).
    steps.push({
        events: [
            config({
                region: HOME,
                rule: "tap-prod-use1-s3-bucket-ssl-requests-only",
                resource: "c",
                now: "COMPLIANT",
                before: "NON_COMPLIANT",
                day: 6,
            }),
        ],
    });
    steps.push({
        news: "Config: bucket c without SSL-only again",
        events: [
            config({
                region: HOME,
                rule: "tap-prod-use1-s3-bucket-ssl-requests-only",
                resource: "c",
                now: "NON_COMPLIANT",
                before: "COMPLIANT",
                day: 6,
            }),
        ],
    });
    return steps;
}

/** A `$.a.b[0].c` reference (the paths an Amazon States Language `.$` parameter uses here) read from `input`. */
function jsonPath(input: unknown, reference: string): unknown {
    if (!reference.startsWith("$")) throw new Error(`not a JSONPath: ${reference}`);
    const parts = [...reference.slice(1).matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
    return parts.reduce<unknown>(
        (value, part) => (value === undefined || value === null ? undefined : (value as Record<string | number, unknown>)[part]),
        input,
    );
}

/** A state's Parameters with every `key.$` reference resolved against the input. */
function resolve(parameters: unknown, input: unknown): unknown {
    if (Array.isArray(parameters)) return parameters.map((p) => resolve(p, input));
    if (!parameters || typeof parameters !== "object") return parameters;
    return Object.fromEntries(
        Object.entries(parameters as Record<string, unknown>).map(([k, v]) =>
            k.endsWith(".$") && typeof v === "string" && v.startsWith("$") ? [k.slice(0, -2), jsonPath(input, v)] : [k, resolve(v, input)],
        ),
    );
}

/** A rule of the plan: its region, its pattern, and where its targets send what matches. */
interface PlannedRule {
    readonly name: string;
    readonly region: string;
    readonly pattern: object;
    readonly targets: readonly string[];
}

/**
 * Replays the week through the rules: each step's events (a check's imports on each bus it reaches),
 * then whatever the targets cause (a state machine's BatchUpdateFindings is imported again, on both
 * buses). Returns, per step, the notifications that reached an alert topic.
 */
function replay(
    plan: Plan,
    rules: readonly PlannedRule[],
    steps: readonly Step[],
    hub = new SecurityHubModel(),
): { news?: string; sent: string[] }[] {
    const topics = new Set(nonEmpty(ofType(plan, "aws:sns/topic:Topic")).map((t) => String(t.state.arn)));
    const machines = new Map(
        ofType(plan, "aws:sfn/stateMachine:StateMachine").map((m) => [
            String(m.state.arn),
            JSON.parse(String(m.inputs.definition)) as { StartAt: string; States: Record<string, Record<string, unknown>> },
        ]),
    );
    return steps.map((step) => {
        const queue: Event[] = [
            ...(step.check ? busesOf(step.check.region).map((bus) => securityHubEvent(step.check!, hub.imported(step.check!), bus)) : []),
            ...(step.events ?? []),
        ];
        const sent: string[] = [];
        /** Runs the state machine on the event as its definition says (Task, Choice by its Default, Succeed, Fail). */
        const execute = (arn: string, input: Event, rule: string) => {
            const machine = machines.get(arn);
            if (machine === undefined) throw new Error(`rule ${rule} targets ${arn}, which the plan does not hold`);
            let name: string | undefined = machine.StartAt;
            for (let steps = 0; name !== undefined && steps < 20; steps++) {
                const state: Record<string, unknown> = machine.States[name];
                if (state.Type !== "Task") {
                    name = state.Type === "Choice" ? String(state.Default) : undefined;
                    continue;
                }
                const resource = String(state.Resource);
                const parameters = resolve(state.Parameters, input) as Record<string, unknown>;
                if (/^arn:aws[\w-]*:states:::sns:publish$/.test(resource)) {
                    if (topics.has(String(parameters.TopicArn))) sent.push(`${rule} <- ${input.region}`);
                } else if (/^arn:aws[\w-]*:states:::aws-sdk:securityhub:batchUpdateFindings$/.test(resource)) {
                    const workflow = String((parameters.Workflow as { Status: string }).Status);
                    for (const { Id } of parameters.FindingIdentifiers as { Id: string }[]) {
                        // "When Security Hub CSPM receives a BatchUpdateFindings request to update a finding, it
                        // automatically generates a Security Hub Findings - Imported event" - with the new status.
                        const check = hub.updated(Id, workflow);
                        queue.push(...busesOf(check.region).map((bus) => securityHubEvent(check, workflow, bus)));
                    }
                } else throw new Error(`state ${name} calls ${resource}, which the replay does not model`);
                name = state.End === true ? undefined : String(state.Next);
            }
        };
        for (let e = queue.shift(); e !== undefined; e = queue.shift()) {
            for (const rule of rules.filter((r) => r.region === e!.region && matches(r.pattern, e))) {
                for (const target of rule.targets) {
                    if (topics.has(target)) sent.push(`${rule.name} <- ${e.region}`);
                    else if (target.includes(":states:")) execute(target, e, rule.name);
                }
            }
        }
        return { news: step.news, sent };
    });
}

describe("alerts only on news: a replayed week, two regions, no one acknowledging", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await referencePlan("prod-two-regions.txt");
    });

    /** Each region's rules that reach its alert topic (directly or through a state machine), with their patterns. */
    const rules = (): readonly PlannedRule[] => {
        const targets = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget");
        return nonEmpty(
            ofType(plan, "aws:cloudwatch/eventRule:EventRule")
                .map((r) => ({
                    name: r.name,
                    region: String(r.state.arn).split(":")[3],
                    pattern: JSON.parse(String(r.inputs.eventPattern)) as object,
                    targets: targets.filter((t) => t.inputs.rule === r.state.name).map((t) => String(t.inputs.arn)),
                }))
                .filter((r) => r.targets.some((t) => t.includes(":sns:") || t.includes(":states:"))),
        );
    };

    it("has alert rules in both regions, and Security Hub's only in the aggregation region, through a state machine", () => {
        expect([...new Set(rules().map((r) => r.region))].sort()).toEqual([HOME, LINKED]);
        const securityHub = rules().filter((r) => r.name.endsWith("securityhub-high"));
        expect(securityHub.map((r) => r.region)).toEqual([HOME]);
        expect(securityHub[0].targets).toEqual([expect.stringMatching(/^arn:aws:states:us-east-1:\d{12}:stateMachine:/)]);
    });

    it("sends one notification per new problem and none for re-evaluations, copies or noise", () => {
        const steps = week();
        const sent = replay(plan, rules(), steps);
        expect(sent.filter((s) => s.news === undefined && s.sent.length > 0)).toEqual([]);
        expect(sent.filter((s) => s.news !== undefined).map((s) => [s.news, s.sent.length])).toEqual(
            steps.filter((s) => s.news).map((s) => [s.news, 1]),
        );
        const events = steps.reduce((n, s) => n + (s.check ? busesOf(s.check.region).length : 0) + (s.events?.length ?? 0), 0);
        expect(events).toBeGreaterThan(60); // a week of re-evaluations, not a handful of events
        expect(sent.reduce((n, s) => n + s.sent.length, 0)).toBe(steps.filter((s) => s.news).length);
    });

    it("leaves each alerted finding NOTIFIED and the others NEW; without the state machine the same week pages at every check", () => {
        const steps = week();
        const hub = new SecurityHubModel();
        replay(plan, rules(), steps, hub);
        expect(hub.workflowOf({ region: HOME, control: "IAM.6", resource: "account" })).toBe("NOTIFIED");
        expect(hub.workflowOf({ region: LINKED, control: "EC2.19", resource: "sg-a" })).toBe("NOTIFIED"); // alerted twice, each time marked
        expect(hub.workflowOf({ region: HOME, control: "S3.9", resource: "b" })).toBe("NEW"); // never alerted (MEDIUM): nobody marks it
        // Replayed without the state machine's acknowledgement (the rule targeting the topic), the same week pages at every check.
        const direct = rules().map((r) => ({
            ...r,
            targets: r.targets.map((t) =>
                t.includes(":states:")
                    ? String(ofType(plan, "aws:sns/topic:Topic").find((x) => String(x.state.arn).split(":")[3] === r.region)!.state.arn)
                    : t,
            ),
        }));
        const unacknowledged = replay(plan, direct, steps).filter((s) => s.news === undefined && s.sent.length > 0);
        expect(unacknowledged.length).toBeGreaterThanOrEqual(20); // IAM.6 and EC2.19 twice a day for six days
    });

    it("alerts on each GuardDuty export of a recurring finding, by decision: no field tells its first event (docs/detection.md)", () => {
        // GuardDuty sends a new finding within 5 minutes, already counting that window's occurrences, then each
        // publishing interval's update with service.count grown (GuardDuty user guide, EventBridge): the same id each time.
        const guardDuty = (count: number, hour: number): Event => {
            const e = clone(SAMPLES.guardDutyFinding.event);
            e.detail.service.count = count;
            return { ...e, region: HOME, time: at(0, hour) };
        };
        const steps: Step[] = [
            { news: "GuardDuty: SSH brute force (its first event, 3 occurrences in 5 minutes)", events: [guardDuty(3, 0)] },
            { events: [guardDuty(40, 1)] },
        ];
        const sent = replay(plan, rules(), steps);
        expect(sent.map((s) => s.sent.length)).toEqual([1, 1]); // a count-1 filter would have sent neither
        expect(steps.flatMap((s) => s.events ?? []).filter((e) => matches({ detail: { service: { count: [1] } } }, e))).toEqual([]);
    });

    it("would have paged for each of them with the rules before issue 25 (the replay can tell)", () => {
        const before = [
            {
                source: ["aws.securityhub"],
                "detail-type": ["Security Hub Findings - Imported"],
                detail: { findings: { Severity: { Label: ["HIGH", "CRITICAL"] }, Workflow: { Status: ["NEW"] }, RecordState: ["ACTIVE"] } },
            },
            {
                source: ["aws.config"],
                "detail-type": ["Config Rules Compliance Change"],
                detail: { newEvaluationResult: { complianceType: ["NON_COMPLIANT"] } },
            },
        ];
        const topic = (region: string) =>
            String(ofType(plan, "aws:sns/topic:Topic").find((t) => String(t.state.arn).split(":")[3] === region)!.state.arn);
        const old = [HOME, LINKED].flatMap((region) =>
            before.map((pattern, i) => ({ name: `before-${i}`, region, pattern, targets: [topic(region)] })),
        );
        const noise = replay(plan, old, week())
            .filter((s) => !s.news)
            .reduce((n, s) => n + s.sent.length, 0);
        // Security Hub's Config rules, the GuardDuty copy in Security Hub, Config and Security Hub re-evaluations, the aggregator's copies.
        expect(noise).toBeGreaterThanOrEqual(14);
    });
});
