/** AWS Budgets: a cost budget nobody hears about is no guardrail. */
import { ofType, pointsAt } from "../relations";
import { StackPolicy, StackViolation, TapPolicy } from "../types";
import { allows, at, isSet, isUnknown, list, principals, statements, strings } from "../values";

const BUDGET = "aws:budgets/budget:Budget";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";

/**
 * Both alerts, and a topic that takes them: Budgets publishes to a topic only if the topic policy
 * admits budgets.amazonaws.com (and, encrypted, its key lets Budgets use it: aws-constraints).
 */
const budgetAlertsReachSomeone: StackPolicy = {
    name: "budget-alerts-reach-topic",
    controls: "aws-constraints (Budgets notifications to SNS); design: actual and forecast alerts",
    description:
        "Every AWS Budgets budget notifies a subscriber both on actual (at most 100 % of the budget) and on forecast cost, the topics it notifies are the stack's own (where it has any), and each admits budgets.amazonaws.com in its topic policy.",
    enforcementLevel: "mandatory",
    resourceTypes: [BUDGET],
    validateStack: (resources) => {
        const violations: StackViolation[] = [];
        for (const budget of ofType(resources, BUDGET)) {
            const notifications = budget.props.notifications;
            if (isUnknown(notifications)) continue;
            for (const type of ["ACTUAL", "FORECASTED"]) {
                const alerts = list(notifications).filter(
                    (n) => at(n, "notificationType") === type || isUnknown(at(n, "notificationType")),
                );
                const reaches = alerts.some((n) => isSet(at(n, "subscriberSnsTopicArns")) || isSet(at(n, "subscriberEmailAddresses")));
                if (!reaches)
                    violations.push({
                        urn: budget.urn,
                        message: `no ${type} notification with a subscriber: the budget is ${type === "ACTUAL" ? "exceeded" : "forecast to be exceeded"} without anyone hearing`,
                    });
            }
            // An actual-cost alert above 100 % of the budget fires only once the money is spent.
            for (const n of list(notifications).filter(
                (x) => at(x, "notificationType") === "ACTUAL" && at(x, "thresholdType") !== "ABSOLUTE_VALUE",
            )) {
                const threshold = at(n, "threshold");
                if (typeof threshold === "number" && threshold > 100)
                    violations.push({
                        urn: budget.urn,
                        message: `the actual-cost alert fires at ${threshold} % of the budget: after it is spent (at most 100 %)`,
                    });
            }
            const topicArns = list(notifications).flatMap((n) => strings(at(n, "subscriberSnsTopicArns")));
            // Where the stack has its own alert topics, the budget's alerts go there (the topic people subscribe to).
            const own = ofType(resources, TOPIC).map((t) => t.props.arn);
            if (own.length > 0 && !own.some(isUnknown)) {
                for (const arn of topicArns.filter((a) => !own.includes(a)))
                    violations.push({
                        urn: budget.urn,
                        message: `notifies ${arn}, not a topic of the stack (${own.map(String).join(", ")}): its alerts reach whoever subscribes there, if anyone`,
                    });
            }
            for (const topic of ofType(resources, TOPIC).filter((t) => topicArns.includes(String(t.props.arn)))) {
                const admitted = ofType(resources, TOPIC_POLICY)
                    .filter((p) => pointsAt(p, "arn", topic) !== "no")
                    .some((p) => {
                        const all = statements(p.props.policy);
                        return isUnknown(all) || (all ?? []).some((s) => allows(s) && principals(s).includes("budgets.amazonaws.com"));
                    });
                if (!admitted)
                    violations.push({
                        urn: budget.urn,
                        message: `notifies ${topic.name}, whose topic policy does not admit budgets.amazonaws.com: the alerts are dropped`,
                    });
            }
        }
        return violations;
    },
};

export const BUDGET_POLICIES: readonly TapPolicy[] = [budgetAlertsReachSomeone];
