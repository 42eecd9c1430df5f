/**
 * Monitoring checks of issue 14 that belong to existing areas: RDS enhanced monitoring and IAM
 * authentication (area rds), Auto Scaling failure notifications (area compute).
 */
import { paginateDescribeNotificationConfigurations } from "@aws-sdk/client-auto-scaling";
import { Check, collect, fail, verdict } from "./check";
import { withDbInstance } from "./rds";

export const enhancedMonitoring: Check = {
    id: "rds.enhanced-monitoring",
    control: "RDS.6",
    proves: "The database publishes enhanced monitoring (MonitoringInterval above 0) through a monitoring role.",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) => {
            const interval = db.MonitoringInterval ?? 0;
            if (interval === 0) return fail(id, "MonitoringInterval 0: enhanced monitoring is off");
            return verdict(id, db.MonitoringRoleArn ? [] : ["no MonitoringRoleArn"], `every ${interval} s, as ${db.MonitoringRoleArn}`);
        }),
};

export const iamAuthentication: Check = {
    id: "rds.iam-authentication",
    control: "RDS.10",
    proves: "The database accepts IAM database authentication.",
    requires: ["dbEndpoint"],
    run: (context) =>
        withDbInstance(context, (db, id) =>
            verdict(
                id,
                db.IAMDatabaseAuthenticationEnabled === true ? [] : ["IAMDatabaseAuthenticationEnabled false"],
                "IAM database authentication on",
            ),
        ),
};

/** The notifications a group must send: it cannot launch or terminate instances. */
export const ASG_FAILURE_NOTIFICATIONS = ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"];

export const asgNotifications: Check = {
    id: "compute.asg-notifications",
    control: "NIST 800-53 SI-4",
    proves: "The Auto Scaling group notifies the stack's alert topic (output alarmTopicArn) of launch and terminate errors.",
    requires: ["autoScalingGroupName", "alarmTopicArn"],
    run: async ({ clients, outputs }) => {
        const name = outputs.string("autoScalingGroupName");
        const topic = outputs.string("alarmTopicArn");
        const configured = await collect(
            paginateDescribeNotificationConfigurations({ client: clients.autoScaling }, { AutoScalingGroupNames: [name] }),
            (page) => page.NotificationConfigurations,
        );
        const toTopic = configured.filter((n) => n.AutoScalingGroupName === name && n.TopicARN === topic).map((n) => n.NotificationType);
        const missing = ASG_FAILURE_NOTIFICATIONS.filter((t) => !toTopic.includes(t));
        return [
            verdict(
                name,
                missing.length > 0 ? [`no ${missing.join(", ")} notification to ${topic}`] : [],
                `${ASG_FAILURE_NOTIFICATIONS.join(", ")} to ${topic}`,
            ),
        ];
    },
};
