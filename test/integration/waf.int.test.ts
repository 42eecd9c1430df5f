/** The waf checks of tooling/verify/waf.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("waf");
