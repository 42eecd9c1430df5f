/** The backup checks of tooling/verify/backup.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("backup");
