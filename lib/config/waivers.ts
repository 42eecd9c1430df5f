/** The config schema of tap:securityHubControlWaivers: JSON text into waivers, each problem naming its control id. */
import { z } from "zod";
import { ControlWaivers, parseControlWaivers } from "../detection/security-hub-standards";

export const controlWaivers = z.string().transform((value, ctx): ControlWaivers => {
    let json: unknown;
    try {
        json = JSON.parse(value);
    } catch {
        json = undefined;
    }
    const { waivers, problems } = parseControlWaivers(json);
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return problems.length > 0 ? z.NEVER : waivers;
});
