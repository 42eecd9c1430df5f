/** The detection checks of tooling/verify/detection.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("detection");
