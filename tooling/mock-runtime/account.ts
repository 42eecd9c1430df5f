/**
 * The account the mock AWS world answers for (tooling/mock-runtime/mocks.ts re-exports it). Apart from
 * mocks.ts, which loads Pulumi, so that a spec that only reads shared plans can name the account
 * without loading Pulumi.
 */
export const MOCK_ACCOUNT_ID = "123456789012";
