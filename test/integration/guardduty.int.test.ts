/** The guardduty checks of lib/verify/guardduty.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("guardduty");
