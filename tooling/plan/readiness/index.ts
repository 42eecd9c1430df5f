/**
 * Deploy readiness over the offline plan (docs/first-deploy.md): one rule per class of what a real
 * `pulumi up` or `destroy` meets and mocks and moto cannot show, each in its own file. `npm run plan`
 * prints the findings after the policy pack's compliance table and exits 1 on any; the rules about
 * one resource are pack rules too (policy/rules/readiness.ts).
 */
import { readdirSync } from "node:fs";
import type { Plan } from "../../mock-runtime/harness";
import { PROJECT_DIR, readStackFiles } from "../stack-files";
import { accountSingletons } from "./account-singleton";
import { deployRoleCoverage } from "./deploy-role";
import { destroyBlockers } from "./destroy-blocker";
import { perpetualDiffs } from "./perpetual-diff";
import { providerTimeouts } from "./provider-timeout";
import { sfnExpress } from "./sfn-express";
import { sfnLogDestinations } from "./sfn-log-destination";
import { sfnPermissions } from "./sfn-permissions";
import { trustConditions } from "./trust-condition";
import { ReadinessFinding, ReadinessInput, ReadinessRule, StackFilePlan } from "./types";

export type { ReadinessFinding, ReadinessInput, ReadinessRule, StackFilePlan } from "./types";

/** Every readiness rule, by the name its findings carry. */
export const READINESS_RULES: Readonly<Record<string, ReadinessRule>> = {
    "account-singleton": accountSingletons,
    "trust-condition": trustConditions,
    "perpetual-diff": perpetualDiffs,
    "destroy-blocker": destroyBlockers,
    "provider-timeout": providerTimeouts,
    "deploy-role-coverage": deployRoleCoverage,
    "sfn-log-destination": sfnLogDestinations,
    "sfn-permissions": sfnPermissions,
    "sfn-express": sfnExpress,
};

/** Every rule's findings on one stack file's plan (and the others', for the cross-stack rules). */
export function checkReadiness(
    input: ReadinessInput,
    rules: Readonly<Record<string, ReadinessRule>> = READINESS_RULES,
): ReadinessFinding[] {
    return Object.values(rules).flatMap((rule) => rule(input));
}

/** `Pulumi.<stack>.yaml`. */
export const stackFileName = (stack: string) => `Pulumi.${stack}.yaml`;

/** The stacks with a stack file in the project directory. */
export function projectStacks(projectDir = PROJECT_DIR): string[] {
    return readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** The account a stack's config names (tap:awsAccount), if any. */
export function accountOf(config: Readonly<Record<string, string>>): string | undefined {
    return config["tap:awsAccount"];
}

/** A stack file's plan as a readiness subject: its file name and its account. */
export function stackFilePlan(stack: string, plan: Plan, config: Readonly<Record<string, string>>): StackFilePlan {
    return { stackFile: stackFileName(stack), account: accountOf(config), plan };
}

/**
 * The project's other stack files that may share `account` (the same one, or either unstated), each
 * planned with its own config (no overrides): what the cross-stack rules compare the planned stack
 * with. A stack file naming another account is not planned (nothing of it can collide).
 * `plan` is the planner (tooling/plan/plan-stack).
 */
export async function otherStackFiles(
    stack: string,
    account: string | undefined,
    plan: (stack: string) => Promise<Plan>,
    projectDir = PROJECT_DIR,
): Promise<StackFilePlan[]> {
    const others: StackFilePlan[] = [];
    for (const other of projectStacks(projectDir).filter((s) => s !== stack)) {
        const config = readStackFiles(projectDir, other).config;
        const theirs = accountOf(config);
        if (account !== undefined && theirs !== undefined && account !== theirs) continue;
        others.push(stackFilePlan(other, await plan(other), config));
    }
    return others;
}

/** The findings, grouped by rule, each with its source; a summary line last. */
export function renderReadiness(findings: readonly ReadinessFinding[], rules: readonly string[] = Object.keys(READINESS_RULES)): string {
    const lines = [`Deploy readiness (${rules.length} rules: ${rules.join(", ")}):`];
    for (const rule of rules) {
        const mine = findings.filter((f) => f.rule === rule);
        lines.push(`  ${rule.padEnd(20)} ${mine.length === 0 ? "pass" : `FAIL  ${mine.length} finding(s)`}`);
    }
    if (findings.length > 0) {
        lines.push("", "Findings:");
        for (const f of findings) {
            const where = f.resource.includes("::") ? f.resource.split("::").pop() : f.resource;
            lines.push(`  FAIL ${f.rule}: ${where}: ${f.message}`, `       source: ${f.source}`);
        }
    }
    lines.push("", `Readiness: ${findings.length} finding(s)`);
    return lines.join("\n");
}
