/** The budgets checks of tooling/verify/budgets.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("budgets");
