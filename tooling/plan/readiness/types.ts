/**
 * The deploy-readiness contract: what a rule reads (the planned resources of one stack and, for
 * cross-stack rules, the other stack files' plans) and what it reports. A rule flags what mocks and
 * moto cannot show and a real `pulumi up` (or destroy) meets: AWS's account singletons, the condition
 * keys a service sends, what the provider reads back, what a destroy cannot delete, how long AWS takes.
 */
import type { Plan } from "../../mock-runtime/harness";

export interface ReadinessFinding {
    /** e.g. "account-singleton", "trust-condition", "perpetual-diff", "destroy-blocker", "deploy-role-coverage", "provider-timeout" */
    rule: string;
    /** URN, or a stack file name for cross-stack rules. */
    resource: string;
    /** What is wrong and what to do, in words. */
    message: string;
    /** Where AWS/the provider documents the behaviour (URL or guide + section). */
    source: string;
}

/** One stack file's offline plan, and the AWS account it says it deploys to. */
export interface StackFilePlan {
    /** `Pulumi.<stack>.yaml`. */
    readonly stackFile: string;
    /** `tap:awsAccount` of the stack file (an account id or a name standing for one); undefined: not stated. */
    readonly account?: string;
    readonly plan: Plan;
}

export interface ReadinessInput {
    /** The stack being planned. */
    readonly stack: StackFilePlan;
    /** Every other stack file of the project, planned with its own config (cross-stack rules); empty when there is none. */
    readonly others: readonly StackFilePlan[];
}

export type ReadinessRule = (plan: ReadinessInput) => ReadinessFinding[];
