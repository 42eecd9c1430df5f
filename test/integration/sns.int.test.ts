/** The alert topic's subscriptions (tooling/verify/seed-data.ts) against the deployed stack (npm run test:integration). */
import { verifyDeployedArea } from "./deployment";

verifyDeployedArea("sns");
