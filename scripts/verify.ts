/**
 * npm run verify -- [--stack dev] [--role-arn ARN] [--junit FILE] [--sarif FILE]
 * Post-deploy verification: runs every check in tooling/verify against the deployed stack (outputs
 * from TAP_OUTPUTS_FILE, default cfn-outputs/flat-outputs.json; AWS credentials from the
 * environment) and prints a table of findings (and writes JUnit XML / SARIF when asked). Exit 1 on any failed check, 2 when it cannot start.
 */
import { runVerify } from "../tooling/verify/cli";

runVerify(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
});
