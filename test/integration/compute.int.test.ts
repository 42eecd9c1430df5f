/** The compute checks of tooling/verify/compute.ts against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("compute");
