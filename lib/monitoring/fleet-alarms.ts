import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What the Auto Scaling group tells the alert topic: the launches and terminations that fail. */
export const ASG_NOTIFICATION_TYPES = ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"] as const;

/** 5xx answers from the targets per 5 minutes above which the load balancer alarm fires. */
export const TARGET_5XX_ALARM_THRESHOLD = 10;

export interface FleetAlarmsArgs {
    readonly namePrefix: string;
    /** The region's alert topic (SecurityAlarms). */
    readonly alarmTopicArn: pulumi.Input<string>;
    /** The app instances' group; absent in computeMode instance. @default no ASG notifications */
    readonly autoScalingGroupName?: pulumi.Input<string>;
    /** The load balancer and its target group (CloudWatch dimensions: their ARN suffixes). @default no load balancer alarms */
    readonly loadBalancer?: { readonly arnSuffix: pulumi.Input<string>; readonly targetGroupArnSuffix: pulumi.Input<string> };
    readonly provider: aws.Provider;
}

/**
 * The fleet and its entry point report failure to the alert topic: Auto Scaling launch and
 * terminate errors (a group that cannot launch is otherwise silent), 5xx answers from the
 * targets and unhealthy targets behind the load balancer.
 */
export class FleetAlarms extends pulumi.ComponentResource {
    public readonly asgNotification?: aws.autoscaling.Notification;
    public readonly alarms: aws.cloudwatch.MetricAlarm[];

    constructor(name: string, args: FleetAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:FleetAlarms", name, {}, { ...opts, providers: { aws: args.provider } });
        const prefix = args.namePrefix;
        const child = { parent: this, provider: args.provider };

        if (args.autoScalingGroupName !== undefined) {
            // The group publishes as its service-linked role, which the stack key already lets use the key (key-policy.ts).
            this.asgNotification = new aws.autoscaling.Notification(
                `${prefix}-asg-notifications`,
                {
                    groupNames: [args.autoScalingGroupName],
                    notifications: [...ASG_NOTIFICATION_TYPES],
                    topicArn: args.alarmTopicArn,
                },
                child,
            );
        }

        const lb = args.loadBalancer;
        this.alarms =
            lb === undefined
                ? []
                : [
                      new aws.cloudwatch.MetricAlarm(
                          `${prefix}-alb-target-5xx`,
                          {
                              name: `${prefix}-alb-target-5xx`,
                              alarmDescription: `${prefix} load balancer: more than ${TARGET_5XX_ALARM_THRESHOLD} 5xx answers from the targets in 5 minutes`,
                              namespace: "AWS/ApplicationELB",
                              metricName: "HTTPCode_Target_5XX_Count",
                              dimensions: { LoadBalancer: lb.arnSuffix },
                              statistic: "Sum",
                              period: 300,
                              evaluationPeriods: 1,
                              threshold: TARGET_5XX_ALARM_THRESHOLD,
                              comparisonOperator: "GreaterThanThreshold",
                              treatMissingData: "notBreaching", // no 5xx reported: none happened
                              alarmActions: [args.alarmTopicArn],
                              okActions: [args.alarmTopicArn],
                          },
                          child,
                      ),
                      new aws.cloudwatch.MetricAlarm(
                          `${prefix}-alb-unhealthy-hosts`,
                          {
                              name: `${prefix}-alb-unhealthy-hosts`,
                              alarmDescription: `${prefix} load balancer: a target failing its health check for 5 minutes`,
                              namespace: "AWS/ApplicationELB",
                              metricName: "UnHealthyHostCount",
                              dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: lb.targetGroupArnSuffix },
                              statistic: "Maximum",
                              period: 60,
                              evaluationPeriods: 5,
                              threshold: 0,
                              comparisonOperator: "GreaterThanThreshold",
                              treatMissingData: "notBreaching",
                              alarmActions: [args.alarmTopicArn],
                              okActions: [args.alarmTopicArn],
                          },
                          child,
                      ),
                  ];
        this.registerOutputs({ alarmNames: this.alarms.map((a) => a.name) });
    }
}
