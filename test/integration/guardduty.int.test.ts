/** The guardduty checks of tooling/verify/guardduty.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("guardduty");
