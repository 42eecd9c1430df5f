/** The s3 checks of tooling/verify/s3.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("s3");
