/** The cloudtrail checks of lib/verify/cloudtrail.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("cloudtrail");
