/** The config checks of tooling/verify/config.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("config");
