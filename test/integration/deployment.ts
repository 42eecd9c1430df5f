/**
 * Defines one jest test per check of a service area, run against the deployed stack. A check
 * whose outputs the stack does not have is a skipped test named with the reason, never a pass.
 */
import { missingRequirement } from "../../tooling/verify/check";
import { CHECK_AREAS } from "../../tooling/verify/checks";
import { createClients } from "../../tooling/verify/clients";
import { outputsFilePath, readOutputsFile, resolveRegion } from "../../tooling/verify/outputs";
import { runCheck } from "../../tooling/verify/runner";

export function verifyDeployedArea(area: keyof typeof CHECK_AREAS): void {
    const outputs = readOutputsFile(outputsFilePath(process.env));
    const { region, warning } = resolveRegion(outputs, process.env);
    if (warning) console.warn(warning);
    const clients = createClients(region);

    describe(`${area}: the deployed stack in ${region}`, () => {
        afterAll(() => Object.values(clients).forEach((client) => client.destroy()));

        for (const check of CHECK_AREAS[area]) {
            const title = `${check.id} [${check.control}]: ${check.proves}`;
            const missing = missingRequirement(check, outputs);
            if (missing) {
                it.skip(`${title} (skipped: ${missing})`, () => undefined);
                continue;
            }
            it(title, async () => {
                const findings = await runCheck(check, { clients, outputs });
                expect(findings.length).toBeGreaterThan(0);
                // On failure jest prints each failed finding: resource and reason.
                expect(findings.filter((f) => f.status !== "pass")).toEqual([]);
            });
        }
    });
}
