/** The elb checks of tooling/verify/elb.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("elb");
