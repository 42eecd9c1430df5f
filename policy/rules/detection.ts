/**
 * Continuous detection: Security Hub scoring the account against CIS v3.0.0 and FSBP, controls
 * disabled only with a written reason, IAM Access Analyzer beside every hub.
 */
import { GUARDDUTY_ALWAYS_ON, GUARDDUTY_FEATURE_OF, PROD_PROFILE, stackInProd } from "../profile";
import { ofType, waitsFor } from "../relations";
import { resourcePolicy, StackPolicy, StackResource, StackViolation, TapPolicy } from "../types";
import { at, differs, isUnknown, list, show, strings } from "../values";

const HUB = "aws:securityhub/account:Account";
const SUBSCRIPTION = "aws:securityhub/standardsSubscription:StandardsSubscription";
const CONTROL_ASSOCIATION = "aws:securityhub/standardsControlAssociation:StandardsControlAssociation";
const STANDARDS_CONTROL = "aws:securityhub/standardsControl:StandardsControl";
const AGGREGATOR = "aws:securityhub/findingAggregator:FindingAggregator";
const ANALYZER = "aws:accessanalyzer/analyzer:Analyzer";

/** The standards a hub must be subscribed to, by the ARN's tail (the pack stands alone: no import from lib/). */
const STANDARD_TAILS = {
    cis: "::standards/cis-aws-foundations-benchmark/v/3.0.0",
    fsbp: "::standards/aws-foundational-security-best-practices/v/1.0.0",
} as const;
/** The shortest reason accepted for a disabled control. */
const WAIVER_REASON_MIN = 10;
const standardOfArn = (arn: string) =>
    (Object.keys(STANDARD_TAILS) as (keyof typeof STANDARD_TAILS)[]).find((s) => arn.endsWith(STANDARD_TAILS[s]));

/** The region an ARN names (`arn:aws:<service>:<region>:...`), when known. */
const regionOfArn = (arn: unknown): string | undefined => (typeof arn === "string" ? arn.split(":")[3] || undefined : undefined);
const standardOf = (r: StackResource) => (typeof r.props.standardsArn === "string" ? standardOfArn(r.props.standardsArn) : undefined);

/** Every region with a Security Hub subscription subscribes both CIS v3.0.0 and FSBP; every hub of the stack has both waiting for it. */
const cisAndFsbp: StackPolicy = {
    name: "securityhub-cis-fsbp-subscribed",
    controls: "CIS 4.16",
    description: "Each Security Hub of the stack (created or adopted) is subscribed to CIS AWS Foundations v3.0.0 and AWS FSBP v1.0.0.",
    enforcementLevel: "mandatory",
    resourceTypes: [HUB, SUBSCRIPTION],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const subscriptions = ofType(resources, SUBSCRIPTION);
        const wanted = ["cis", "fsbp"] as const;
        for (const hub of ofType(resources, HUB)) {
            const mine = subscriptions.filter((s) => waitsFor(s, hub, resources)).map(standardOf);
            const missing = wanted.filter((w) => !mine.includes(w));
            if (missing.length > 0)
                violations.push({
                    urn: hub.urn,
                    message: `no ${missing.join(" or ")} standards subscription waits for this hub: it scores nothing against ${missing.join(", ")}`,
                });
        }
        const byRegion = new Map<string, StackResource[]>();
        for (const s of subscriptions) {
            const region = regionOfArn(s.props.standardsArn);
            if (region) byRegion.set(region, [...(byRegion.get(region) ?? []), s]);
        }
        for (const [region, mine] of byRegion) {
            const missing = wanted.filter((w) => !mine.some((s) => standardOf(s) === w));
            if (missing.length > 0)
                violations.push({
                    urn: mine[0].urn,
                    message: `${region} subscribes ${mine.map((s) => show(s.props.standardsArn)).join(", ")} but not ${missing.join(", ")}`,
                });
        }
        return violations;
    },
};

/** Subscriptions, waivers and the aggregator wait for the hub they need when the stack enables it (else InvalidAccessException). */
const afterHub: StackPolicy = {
    name: "securityhub-subscription-after-hub",
    controls: "CIS 4.16; aws-constraints",
    description:
        "Where the stack enables Security Hub, standards subscriptions and the finding aggregator depend on the hub, and each control waiver on its standard's subscription (Security Hub refuses them before).",
    enforcementLevel: "mandatory",
    resourceTypes: [SUBSCRIPTION, CONTROL_ASSOCIATION, AGGREGATOR],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        const hubs = ofType(resources, HUB);
        const subscriptions = ofType(resources, SUBSCRIPTION);
        if (hubs.length > 0) {
            for (const r of ofType(resources, SUBSCRIPTION, AGGREGATOR)) {
                if (!hubs.some((h) => waitsFor(r, h, resources)))
                    violations.push({
                        urn: r.urn,
                        message: `does not depend on the Security Hub hub (${hubs.map((h) => h.name).join(", ")}): add it to dependsOn`,
                    });
            }
        }
        for (const a of ofType(resources, CONTROL_ASSOCIATION)) {
            const own = subscriptions.filter((s) => !isUnknown(a.props.standardsArn) && s.props.standardsArn === a.props.standardsArn);
            if (own.length > 0 && !own.some((s) => waitsFor(a, s, resources))) {
                violations.push({
                    urn: a.urn,
                    message: `does not depend on the subscription to ${show(a.props.standardsArn)}: the control does not exist before it`,
                });
            }
        }
        return violations;
    },
};

/** Access Analyzer beside every hub: in each region where Security Hub is subscribed, when the stack creates analyzers. */
const analyzerEveryRegion: StackPolicy = {
    name: "access-analyzer-every-region",
    controls: "CIS 1.20",
    description:
        "Where the stack creates IAM Access Analyzers (not adopting the account's), each region it scores with Security Hub has an account (or organisation) analyzer.",
    enforcementLevel: "mandatory",
    resourceTypes: [ANALYZER],
    validateStack: (resources) => {
        const analyzers = ofType(resources, ANALYZER);
        if (analyzers.length === 0) return []; // adopted (tap:createAccessAnalyzer false): verify checks the account's
        const violations: StackViolation[] = analyzers
            .filter(
                (a) =>
                    !isUnknown(a.props.type) && a.props.type !== undefined && !["ACCOUNT", "ORGANIZATION"].includes(String(a.props.type)),
            )
            .map((a) => ({
                urn: a.urn,
                message: `type ${show(a.props.type)} does not report external access (CIS 1.20 wants ACCOUNT or ORGANIZATION)`,
            }));
        const regions = [
            ...new Set(
                ofType(resources, SUBSCRIPTION)
                    .map((s) => regionOfArn(s.props.standardsArn))
                    .filter((r): r is string => r !== undefined),
            ),
        ];
        const analyzerRegions = analyzers.map((a) => regionOfArn(a.props.arn));
        if (analyzerRegions.some((r) => r === undefined)) {
            // During a preview the ARNs are unknown: count instead.
            if (analyzers.length < regions.length)
                violations.push({
                    urn: analyzers[0].urn,
                    message: `${analyzers.length} analyzer(s) for ${regions.length} Security Hub regions (${regions.join(", ")})`,
                });
        } else {
            const missing = regions.filter((r) => !analyzerRegions.includes(r));
            if (missing.length > 0)
                violations.push({
                    urn: analyzers[0].urn,
                    message: `no IAM Access Analyzer in ${missing.join(", ")}, where Security Hub scores the account`,
                });
        }
        return violations;
    },
};

const reasonProblem = (status: unknown, reason: unknown, statusKey: string, reasonKey: string): string[] => {
    if (differs(status, "DISABLED")) return [];
    if (isUnknown(reason)) return [];
    return typeof reason === "string" && reason.trim().length >= WAIVER_REASON_MIN
        ? []
        : [
              `${statusKey} is DISABLED with ${reasonKey} ${show(reason)}: a waived control carries a written reason (tap:securityHubControlWaivers)`,
          ];
};

const DETECTOR = "aws:guardduty/detector:Detector";
const DETECTOR_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const ENABLER = "aws:inspector2/enabler:Enabler";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";

/**
 * GuardDuty's protection plans follow the profile: in prod every plan on (Runtime Monitoring with EC2
 * agent management, S3, Malware Protection for EC2, RDS), each a DetectorFeature of the stack's
 * detector. An adopted detector (no Detector resource) whose features the stack leaves alone is verify's.
 */
const guardDutyPlans: StackPolicy = {
    name: "guardduty-protection-plans",
    controls: "GuardDuty.6, GuardDuty.8, GuardDuty.9, GuardDuty.10, GuardDuty.11, GuardDuty.13",
    description: `In a production stack that creates a GuardDuty detector, or sets its features, the protection plans the prod profile turns on are ENABLED: ${[...Object.values(GUARDDUTY_FEATURE_OF), ...GUARDDUTY_ALWAYS_ON].join(", ")} (Runtime Monitoring with EC2_AGENT_MANAGEMENT).`,
    enforcementLevel: "mandatory",
    resourceTypes: [DETECTOR, DETECTOR_FEATURE],
    validateStack: (resources) => {
        if (!stackInProd(resources)) return [];
        const features = ofType(resources, DETECTOR_FEATURE);
        const owners = [
            ...ofType(resources, DETECTOR),
            ...(ofType(resources, DETECTOR).length === 0 && features.length > 0 ? [features[0]] : []),
        ];
        const wanted = [
            ...(Object.keys(GUARDDUTY_FEATURE_OF) as (keyof typeof GUARDDUTY_FEATURE_OF)[])
                .filter((k) => PROD_PROFILE[k])
                .map((k) => GUARDDUTY_FEATURE_OF[k]),
            ...GUARDDUTY_ALWAYS_ON,
        ];
        return owners.flatMap((owner): StackViolation[] => {
            const problems: string[] = [];
            for (const name of wanted) {
                const mine = features.filter((f) => f.props.name === name);
                if (mine.length === 0) {
                    problems.push(`no ${name} feature: the prod profile turns it on`);
                    continue;
                }
                for (const f of mine) {
                    if (differs(f.props.status, "ENABLED"))
                        problems.push(`${name} is ${show(f.props.status)}: the prod profile turns it on`);
                    if (name === "RUNTIME_MONITORING" && !isUnknown(f.props.additionalConfigurations)) {
                        const agent = list(f.props.additionalConfigurations).find((c) => at(c, "name") === "EC2_AGENT_MANAGEMENT");
                        if (!agent || differs(at(agent, "status"), "ENABLED"))
                            problems.push(
                                `RUNTIME_MONITORING without EC2_AGENT_MANAGEMENT ENABLED: no agent on the instances, nothing monitored (GuardDuty.13)`,
                            );
                    }
                }
            }
            return problems.map((message) => ({ urn: owner.urn, message }));
        });
    },
};

/** Security Hub findings rules match the severities that must reach people. */
const SEVERITIES_TO_ALERT = ["HIGH", "CRITICAL"];
const findingsReachPeople: StackPolicy = {
    name: "securityhub-findings-alerted",
    controls: "CIS 4.16",
    description: "An EventBridge rule of the stack on Security Hub findings that filters by severity matches at least HIGH and CRITICAL.",
    enforcementLevel: "mandatory",
    resourceTypes: [EVENT_RULE],
    validateStack: (resources) =>
        ofType(resources, EVENT_RULE).flatMap((rule): StackViolation[] => {
            const raw = rule.props.eventPattern;
            if (typeof raw !== "string") return [];
            let pattern: unknown;
            try {
                pattern = JSON.parse(raw);
            } catch {
                return [];
            }
            if (!strings(at(pattern, "source")).includes("aws.securityhub")) return [];
            const labels = at(pattern, "detail", "findings", "Severity", "Label");
            if (labels === undefined) return [];
            const missing = SEVERITIES_TO_ALERT.filter((l) => !strings(labels).includes(l));
            return missing.length === 0
                ? []
                : [
                      {
                          urn: rule.urn,
                          message: `matches severities ${show(labels)}, not ${missing.join(" or ")}: those findings reach no one`,
                      },
                  ];
        }),
};

export const DETECTION_POLICIES: readonly TapPolicy[] = [
    resourcePolicy({
        name: "securityhub-hub-configured",
        controls: "CIS 4.16",
        description:
            "Security Hub hubs the stack enables use consolidated control findings (SECURITY_CONTROL), no default standards (the stack subscribes its own) and enable new controls automatically.",
        enforcementLevel: "mandatory",
        resourceTypes: [HUB],
        check: (p) => [
            ...(differs(p.controlFindingGenerator, "SECURITY_CONTROL")
                ? [
                      `controlFindingGenerator is ${show(p.controlFindingGenerator)}: one finding per control and standard, and waivers by control id do not apply`,
                  ]
                : []),
            ...(differs(p.enableDefaultStandards, false)
                ? [`enableDefaultStandards is ${show(p.enableDefaultStandards)}: AWS would subscribe FSBP and CIS v1.2.0 outside the stack`]
                : []),
            // Unset is AWS's default, true (Security Hub API, UpdateSecurityHubConfiguration: AutoEnableControls).
            ...(p.autoEnableControls !== undefined && differs(p.autoEnableControls, true)
                ? [`autoEnableControls is ${show(p.autoEnableControls)}: controls AWS adds to a subscribed standard stay off, unscored`]
                : []),
        ],
    }),
    cisAndFsbp,
    afterHub,
    resourcePolicy({
        name: "securityhub-waiver-has-reason",
        controls: "CIS 4.16; design: waivers",
        description: "A Security Hub control disabled by the stack carries a written reason (at least a sentence).",
        enforcementLevel: "mandatory",
        resourceTypes: [CONTROL_ASSOCIATION, STANDARDS_CONTROL],
        check: (p, type) =>
            type === CONTROL_ASSOCIATION
                ? reasonProblem(p.associationStatus, p.updatedReason, "associationStatus", "updatedReason")
                : reasonProblem(p.controlStatus, p.disabledReason, "controlStatus", "disabledReason"),
    }),
    analyzerEveryRegion,
    guardDutyPlans,
    resourcePolicy({
        name: "inspector-scans-ec2",
        controls: "Inspector.1",
        description:
            "An Amazon Inspector enabler of the stack scans EC2 instances (resourceTypes includes EC2): the app instances are what it is there for.",
        enforcementLevel: "mandatory",
        resourceTypes: [ENABLER],
        check: (p) =>
            isUnknown(p.resourceTypes) || strings(p.resourceTypes).includes("EC2")
                ? []
                : [`resourceTypes is ${show(p.resourceTypes)}: EC2 scanning is off, the instances' vulnerabilities go unreported`],
    }),
    findingsReachPeople,
];
