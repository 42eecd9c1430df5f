/** The endpoints checks of tooling/verify/private-management.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("endpoints");
