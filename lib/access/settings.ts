/** The settings of Access, beside its Args. */
import { key, settingsGroup, SettingsOf } from "../config/declare";
import { matching } from "../config/schemas";
import { GITHUB_OIDC_PROVIDER_ARN, GITHUB_REF_NAME, GITHUB_REPOSITORY } from "./policies";

export const ACCESS_SETTINGS = settingsGroup("Access", {
    githubRepository: key({
        schema: matching(GITHUB_REPOSITORY, "must be a GitHub repository as owner/name (letters, digits, '-', and '.', '_' in the name)"),
        doc: "The repository whose GitHub Actions deploy the stack without keys: an OIDC provider and a deploy role trusted for it only, and the workload permissions boundary every other role of the stack then carries (docs/access.md); none when unset.",
    }),
    githubBranch: key({
        schema: matching(GITHUB_REF_NAME, "must be a branch name without wildcards or ':' (letters, digits, '.', '_', '-', '/')"),
        doc: "The branch whose workflow runs may deploy (`main` when neither this nor githubEnvironment is set).",
    }),
    githubEnvironment: key({
        schema: matching(
            GITHUB_REF_NAME,
            "must be a GitHub environment name without wildcards or ':' (letters, digits, '.', '_', '-', '/')",
        ),
        doc: "The GitHub environment whose jobs may deploy, instead of a branch (its protection rules then gate every deploy).",
    }),
    githubOidcProviderArn: key({
        schema: matching(
            GITHUB_OIDC_PROVIDER_ARN,
            "must be the ARN of the account's GitHub OIDC provider (arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com)",
        ),
        doc: "Reuse the account's GitHub OIDC provider (there is one per account and URL: the second stack of an account must set this).",
    }),
});
export type AccessSettings = SettingsOf<typeof ACCESS_SETTINGS>;
