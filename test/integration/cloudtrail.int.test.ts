/** The cloudtrail checks of tooling/verify/cloudtrail.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("cloudtrail");
