/**
 * The pure parts, in one jest file (test/specs.ts): the config's key table and rules, names, subnet
 * and region layouts, endpoint policies, user data, the generated docs (`*.spec.ts` here), and the
 * plan tooling's cost and diff (`plan/*.spec.ts`). Each still runs alone: `npx jest test/naming.spec.ts`.
 */
import { runSpecs } from "./specs";

runSpecs([".", "plan"], 11);
