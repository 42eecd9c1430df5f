/** The kms checks of tooling/verify/kms.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("kms");
