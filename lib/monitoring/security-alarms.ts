import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE, CisMetricFilter } from "./cis-metric-filters";
import { createFindingAcknowledgement, FindingAcknowledgement } from "./finding-acknowledgement";
import { FINDING_EVENTS, FindingEvent } from "./finding-events";

export interface SecurityAlarmsArgs {
    readonly namePrefix: string;
    /** The stack's KMS key, which encrypts the topic (SNS.1). Its policy must let CloudWatch use it. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The CloudTrail log group the CIS metric filters read; none in regions without the trail. @default no CIS filters */
    readonly trailLogGroupName?: pulumi.Input<string>;
    /** Where alarm notifications go by email. @default no subscription */
    readonly alarmEmail?: string;
    /** Admit AWS Budgets alerts of this account (the stack's CostBudget). @default false */
    readonly budgetAlerts?: boolean;
    /** The CIS filters to install. @default CIS_METRIC_FILTERS */
    readonly filters?: readonly CisMetricFilter[];
    /** The findings that notify the topic through EventBridge. @default FINDING_EVENTS */
    readonly findingEvents?: readonly FindingEvent[];
    /** Days the acknowledging state machine's log group keeps its records (with an `acknowledge` finding event). @default 365 */
    readonly logRetentionDays?: number;
    readonly provider: aws.Provider;
}

/** The region's alert topic, the findings that notify it, and (with the trail) the CIS 4.x metric filters and alarms. */
export class SecurityAlarms extends pulumi.ComponentResource {
    public readonly topic: aws.sns.Topic;
    public readonly alarms: aws.cloudwatch.MetricAlarm[];
    public readonly findingRules: aws.cloudwatch.EventRule[];
    /** The state machine the acknowledging rules target (Security Hub's); none when no finding event acknowledges. */
    public readonly acknowledgement?: FindingAcknowledgement;

    constructor(name: string, args: SecurityAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:SecurityAlarms", name, {}, { ...opts, providers: { aws: args.provider } });
        const child = { parent: this, provider: args.provider };
        const phase: Phase = { args, child, prefix: args.namePrefix, account: aws.getCallerIdentityOutput({}, child).accountId };
        // The phases: the topic, the acknowledging state machine, the findings routed to them, who may publish, who is told, then the CIS alarms.
        this.topic = this.createTopic(phase);
        this.acknowledgement = (args.findingEvents ?? FINDING_EVENTS).some((e) => e.acknowledge)
            ? createFindingAcknowledgement(
                  {
                      namePrefix: phase.prefix,
                      topicArn: this.topic.arn,
                      kmsKeyArn: args.kmsKeyArn,
                      logRetentionDays: args.logRetentionDays ?? 365,
                      account: phase.account,
                      region: aws.getRegionOutput({}, child).name,
                      partition: aws.getPartitionOutput({}, child).partition,
                  },
                  child,
              )
            : undefined;
        this.findingRules = this.routeFindings(phase);
        this.admitPublishers(phase);
        if (args.alarmEmail) this.subscribeEmail(phase, args.alarmEmail);
        this.alarms = args.trailLogGroupName === undefined ? [] : this.createCisAlarms(phase, args.trailLogGroupName);
        this.registerOutputs({ topicArn: this.topic.arn });
    }

    /** The region's alert topic, SNS.1: encrypted at rest with the stack key. */
    private createTopic({ args, prefix, child }: Phase): aws.sns.Topic {
        return new aws.sns.Topic(
            `${prefix}-alerts`,
            {
                name: `${prefix}-alerts`,
                kmsMasterKeyId: args.kmsKeyArn, // SNS.1: encrypted at rest with the stack key
            },
            child,
        );
    }

    /**
     * An EventBridge rule per finding event (`FINDING_EVENTS`), each targeting the topic, or (an
     * `acknowledge` event) the acknowledging state machine, which EventBridge starts with its own role.
     */
    private routeFindings({ args, prefix, child }: Phase): aws.cloudwatch.EventRule[] {
        const events = args.findingEvents ?? FINDING_EVENTS;
        const rules = events.map(
            (event) =>
                new aws.cloudwatch.EventRule(
                    `${prefix}-${event.id}`,
                    {
                        description: event.description,
                        eventPattern: JSON.stringify(event.pattern),
                        ...(event.tags && { tags: { ...event.tags } }),
                    },
                    child,
                ),
        );
        rules.forEach((rule, i) => {
            const ack = events[i].acknowledge ? this.acknowledgement : undefined;
            new aws.cloudwatch.EventTarget(
                `${prefix}-${events[i].id}-to-alerts`,
                {
                    rule: rule.name,
                    ...(ack ? { arn: ack.stateMachine.arn, roleArn: ack.eventsRole(rule.arn).arn } : { arn: this.topic.arn }),
                },
                child,
            );
        });
        return rules;
    }

    /** The topic policy: this account's alarms, this stack's finding rules (and budgets), over TLS only. */
    private admitPublishers({ args, prefix, child, account }: Phase): aws.sns.TopicPolicy {
        return new aws.sns.TopicPolicy(
            `${prefix}-alerts-policy`,
            {
                arn: this.topic.arn,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "CloudWatchAlarmsOfThisAccount",
                            Effect: "Allow",
                            Principal: { Service: "cloudwatch.amazonaws.com" },
                            Action: "sns:Publish",
                            Resource: this.topic.arn,
                            Condition: { StringEquals: { "aws:SourceAccount": account } },
                        },
                        {
                            // Only this stack's finding rules that target the topic, by ARN: EventBridge publishes with the key's events grant.
                            // (The acknowledging state machine publishes with its role, an identity of this account.)
                            Sid: "FindingRulesOfThisStack",
                            Effect: "Allow",
                            Principal: { Service: "events.amazonaws.com" },
                            Action: "sns:Publish",
                            Resource: this.topic.arn,
                            Condition: {
                                ArnEquals: {
                                    "aws:SourceArn": this.findingRules
                                        .filter((_, i) => !(args.findingEvents ?? FINDING_EVENTS)[i].acknowledge)
                                        .map((r) => r.arn),
                                },
                            },
                        },
                        ...(args.budgetAlerts
                            ? [
                                  {
                                      // The stack's cost budget alerts here; only this account's budgets.
                                      Sid: "BudgetAlertsOfThisAccount",
                                      Effect: "Allow",
                                      Principal: { Service: "budgets.amazonaws.com" },
                                      Action: "sns:Publish",
                                      Resource: this.topic.arn,
                                      Condition: {
                                          StringEquals: { "aws:SourceAccount": account },
                                          ArnLike: {
                                              "aws:SourceArn": pulumi.interpolate`arn:${aws.getPartitionOutput({}, child).partition}:budgets::${account}:*`,
                                          },
                                      },
                                  },
                              ]
                            : []),
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "sns:Publish",
                            Resource: this.topic.arn,
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            child,
        );
    }

    /** Alarm notifications by email (tap:alarmEmail); the address confirms the subscription. */
    private subscribeEmail({ prefix, child }: Phase, endpoint: string): aws.sns.TopicSubscription {
        return new aws.sns.TopicSubscription(
            `${prefix}-alerts-email`,
            {
                topic: this.topic.arn,
                protocol: "email",
                endpoint,
            },
            child,
        );
    }

    /** CIS 4.x: a metric filter on the trail's log group and an alarm on the topic, per filter. */
    private createCisAlarms({ args, prefix, child }: Phase, trailLogGroupName: pulumi.Input<string>): aws.cloudwatch.MetricAlarm[] {
        return (args.filters ?? CIS_METRIC_FILTERS).map((f) => {
            const metricName = f.id;
            new aws.cloudwatch.LogMetricFilter(
                `${prefix}-cis-${f.id}`,
                {
                    logGroupName: trailLogGroupName,
                    pattern: f.pattern,
                    metricTransformation: { name: metricName, namespace: CIS_METRIC_NAMESPACE, value: "1", defaultValue: "0" },
                },
                child,
            );
            return new aws.cloudwatch.MetricAlarm(
                `${prefix}-cis-${f.id}`,
                {
                    name: `${prefix}-cis-${f.id}`,
                    alarmDescription: `${f.control}: ${f.description}`,
                    namespace: CIS_METRIC_NAMESPACE,
                    metricName,
                    statistic: "Sum",
                    period: 300,
                    evaluationPeriods: 1,
                    threshold: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    treatMissingData: "notBreaching",
                    alarmActions: [this.topic.arn],
                },
                child,
            );
        });
    }
}

/** What every construction phase of a SecurityAlarms reads. */
interface Phase {
    readonly args: SecurityAlarmsArgs;
    readonly prefix: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly account: pulumi.Output<string>;
}
