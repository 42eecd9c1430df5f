/**
 * The trust rules of policy/rules/access.ts on the forms AWS accepts: principals as strings or
 * lists, condition operators in any case, a preview's unknown document; and, over generated
 * repositories and branches, the program's own GitHub trust always passes while any wildcard fails.
 */
import * as fc from "fast-check";
import {
    githubSubject,
    githubTrust,
    GITHUB_REF_NAME,
    GITHUB_REPOSITORY,
    humanTrust,
    roleTrust,
    trustDocument,
} from "../../lib/access/policies";
import { evaluate, PolicySubject, TAP_POLICIES, UNKNOWN } from "../../policy/api";
import { trustProblems } from "../../policy/rules/access";
import type { Statement } from "../../policy/values";

const ACCOUNT = "123456789012";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const ROLE = "aws:iam/role:Role";
const role = (assumeRolePolicy: unknown): PolicySubject => ({
    urn: `urn:pulumi:dev::tap::${ROLE}::r`,
    type: ROLE,
    name: "r",
    inputs: { assumeRolePolicy },
    id: "r",
    dependsOn: [],
});
const flagged = (policy: string, assumeRolePolicy: unknown) =>
    evaluate(
        [role(assumeRolePolicy)],
        TAP_POLICIES.filter((p) => p.name === policy),
    ).results[0].violations.map((v) => v.message);
const asStatements = (doc: { Statement: readonly object[] }) => doc.Statement as unknown as Statement[];

describe("iam-human-trust-requires-mfa", () => {
    it.each([
        ["the account principal", `arn:aws:iam::${ACCOUNT}:root`],
        ["the bare account id", ACCOUNT],
        ["an IAM user", `arn:aws:iam::${ACCOUNT}:user/alice`],
        ["a list with the account", ["arn:aws:iam::111122223333:role/x", `arn:aws:iam::${ACCOUNT}:root`]],
    ])("flags %s without MFA", (_label, principal) => {
        expect(
            flagged(
                "iam-human-trust-requires-mfa",
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }] }),
            ),
        ).toEqual([expect.stringContaining("without MFA")]);
    });

    it("accepts MFA as Bool true in any case of operator and key; refuses BoolIfExists (true when the key is absent)", () => {
        const doc = (condition: object) =>
            JSON.stringify({
                Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Condition: condition }],
            });
        expect(flagged("iam-human-trust-requires-mfa", doc({ bool: { "AWS:MultiFactorAuthPresent": true } }))).toEqual([]);
        expect(flagged("iam-human-trust-requires-mfa", doc({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }))).toHaveLength(1);
        expect(flagged("iam-human-trust-requires-mfa", doc({ Bool: { "aws:MultiFactorAuthPresent": "false" } }))).toHaveLength(1);
    });

    it('flags a trust of "*", leaves a named role, a service, and a Deny alone, and waits for an unknown document', () => {
        expect(
            flagged(
                "iam-human-trust-requires-mfa",
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] }),
            ),
        ).toEqual([expect.stringContaining('any principal ("*")')]);
        expect(
            flagged(
                "iam-human-trust-requires-mfa",
                JSON.stringify(trustDocument(roleTrust("Pipeline", `arn:aws:iam::${ACCOUNT}:role/tap-dev-use1-deploy`))),
            ),
        ).toEqual([]);
        expect(
            flagged(
                "iam-human-trust-requires-mfa",
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
            ),
        ).toEqual([]);
        expect(
            flagged(
                "iam-human-trust-requires-mfa",
                JSON.stringify({ Statement: [{ Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }] }),
            ),
        ).toEqual([]);
        expect(flagged("iam-human-trust-requires-mfa", UNKNOWN)).toEqual([]);
        expect(flagged("iam-human-trust-requires-mfa", JSON.stringify(trustDocument(humanTrust("aws", ACCOUNT))))).toEqual([]);
    });
});

describe("iam-oidc-trust-one-repository", () => {
    const oidc = (condition: object) =>
        JSON.stringify({
            Statement: [
                { Effect: "Allow", Principal: { Federated: PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition },
            ],
        });
    const aud = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };

    it("flags a missing audience or subject, a subject that is not one repository's, and a list with one wildcard", () => {
        expect(
            flagged(
                "iam-oidc-trust-one-repository",
                oidc({ StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/tap:ref:refs/heads/main" } }),
            ),
        ).toEqual([expect.stringContaining("any audience")]);
        expect(flagged("iam-oidc-trust-one-repository", oidc({ StringEquals: aud }))).toEqual([expect.stringContaining("any subject")]);
        expect(
            flagged(
                "iam-oidc-trust-one-repository",
                oidc({ StringEquals: { ...aud, "token.actions.githubusercontent.com:sub": "acme/tap" } }),
            ),
        ).toEqual([expect.stringContaining("not repo:<owner>/<name>")]);
        expect(
            flagged(
                "iam-oidc-trust-one-repository",
                oidc({
                    StringEquals: {
                        ...aud,
                        "token.actions.githubusercontent.com:sub": ["repo:acme/tap:ref:refs/heads/main", "repo:acme/*:ref:refs/heads/main"],
                    },
                }),
            ),
        ).toEqual([expect.stringContaining("a wildcard, not one repository")]);
    });

    it("leaves roles without an OIDC principal alone", () => {
        expect(flagged("iam-oidc-trust-one-repository", JSON.stringify(trustDocument(humanTrust("aws", ACCOUNT))))).toEqual([]);
    });

    const owner = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,12}$/);
    const name = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
    const ref = fc.stringMatching(/^[A-Za-z0-9._/-]{1,30}$/);
    const repository = fc.tuple(owner, name).map(([o, n]) => `${o}/${n}`);
    const choice = fc.oneof(
        ref.map((githubBranch) => ({ githubBranch })),
        ref.map((githubEnvironment) => ({ githubEnvironment })),
        fc.constant({}),
    );

    it("passes the program's trust for any valid repository and branch or environment (the config's own patterns)", () => {
        fc.assert(
            fc.property(repository, choice, (repo, which) => {
                expect(GITHUB_REPOSITORY.test(repo)).toBe(true);
                for (const value of Object.values(which)) expect(GITHUB_REF_NAME.test(value)).toBe(true);
                expect(trustProblems(asStatements(trustDocument(githubTrust(PROVIDER, githubSubject(repo, which)))))).toEqual([]);
            }),
            { numRuns: 200 },
        );
    });

    it("flags a subject with a wildcard anywhere, under StringEquals or StringLike", () => {
        fc.assert(
            fc.property(repository, choice, fc.nat(), fc.constantFrom("*", "?"), fc.boolean(), (repo, which, at, wildcard, like) => {
                const subject = githubSubject(repo, which);
                const cut = at % (subject.length + 1);
                const wild = `${subject.slice(0, cut)}${wildcard}${subject.slice(cut)}`;
                const trust = githubTrust(PROVIDER, wild);
                const statement = like
                    ? {
                          ...trust,
                          Condition: {
                              StringEquals: { [`token.actions.githubusercontent.com:aud`]: "sts.amazonaws.com" },
                              StringLike: { "token.actions.githubusercontent.com:sub": wild },
                          },
                      }
                    : trust;
                expect(trustProblems(asStatements(trustDocument(statement as never))).length).toBeGreaterThan(0);
            }),
            { numRuns: 200 },
        );
    });
});
