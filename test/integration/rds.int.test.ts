/** The rds checks of tooling/verify/rds.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("rds");
