/**
 * Defines one jest test per check of a service area, run against the deployed stack in each of its
 * regions (the primary on the flat outputs, every other region of `regions` on its own outputs, as
 * `npm run verify` does). A check whose outputs the stack does not have is a skipped test named with
 * the reason, never a pass; a finding still settling after a deploy (PENDING) is not a pass either.
 */
import { isRegionalCheck, missingRequirement } from "../../tooling/verify/check";
import { CHECK_AREAS } from "../../tooling/verify/checks";
import { createClients } from "../../tooling/verify/clients";
import { outputsFilePath, readOutputsFile, resolveRegion } from "../../tooling/verify/outputs";
import { runCheck } from "../../tooling/verify/runner";

export function verifyDeployedArea(area: keyof typeof CHECK_AREAS): void {
    const outputs = readOutputsFile(outputsFilePath(process.env));
    const { region: primary, warning } = resolveRegion(outputs, process.env);
    if (warning) console.warn(warning);

    for (const region of outputs.regionCodes(primary)) {
        const view = outputs.forRegion(region, primary);
        // Stack-wide areas (the buckets, the trail, the tiers) are judged once, from the primary.
        const checks = region === primary ? CHECK_AREAS[area] : CHECK_AREAS[area].filter(isRegionalCheck);
        if (checks.length === 0) continue;
        const clients = createClients(region);

        describe(`${area}: the deployed stack in ${region}`, () => {
            afterAll(() => Object.values(clients).forEach((client) => client.destroy()));

            for (const check of checks) {
                const title = `${check.id} [${check.control}]: ${check.proves}`;
                const missing = missingRequirement(check, view);
                if (missing) {
                    it.skip(`${title} (skipped: ${missing})`, () => undefined);
                    continue;
                }
                it(title, async () => {
                    const findings = await runCheck(check, { clients, outputs: view });
                    expect(findings.length).toBeGreaterThan(0);
                    // On failure jest prints each failed or pending finding: resource and reason.
                    expect(findings.filter((f) => f.status !== "pass")).toEqual([]);
                });
            }
        });
    }
}
