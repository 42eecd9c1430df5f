/**
 * npm run verify -- [--stack dev] [--role-arn ARN] [--wait MINUTES] [--region-from-env] [--junit FILE] [--sarif FILE]
 * Post-deploy verification: runs every check in tooling/verify against the deployed stack (outputs
 * from TAP_OUTPUTS_FILE, default cfn-outputs/flat-outputs.json; AWS credentials from the
 * environment; the region from the outputs) and prints a table of findings (and writes JUnit XML / SARIF when asked).
 * Exit 1 on any failed check, 2 when it cannot start, 3 when something has not settled yet (`--wait` waits for it).
 */
import { exitAfterOutput } from "../tooling/plan/exit";
import { runVerify } from "../tooling/verify/cli";

// The table of findings may go into a pipe (`npm run verify | tee`): exit once it is all out.
runVerify(process.argv.slice(2)).then(exitAfterOutput, (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    exitAfterOutput(1);
});
