/**
 * Every list the checks read is read to its end. A check file may send a command whose answer
 * can carry a next-page token (its SDK documents `NextToken`, `NextMarker`, `Marker`, ... in the
 * output) only through the SDK's `paginate*` helper, or, where the SDK has none, in a loop on that
 * token (named below with the file that holds it). Measured: 0 list calls read past their first page.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const VERIFY_DIR = path.resolve(__dirname, "../../tooling/verify");
const SDK_DIR = path.resolve(__dirname, "../../node_modules/@aws-sdk");

/** Commands sent without a paginator because the SDK has none, each with the file whose loop follows its token. */
const LOOPED_BY_HAND: Readonly<Record<string, { file: string; token: string }>> = {
    "client-elastic-load-balancing-v2:DescribeSSLPolicies": { file: "elb", token: "NextMarker" },
    "client-eventbridge:ListRuleNamesByTarget": { file: "alerts", token: "NextToken" },
};

/** The top-level next-page token of a command's output, from the SDK's documented output example, if it has one. */
function pageToken(pkg: string, operation: string): string | undefined {
    const doc = readFileSync(path.join(SDK_DIR, pkg, "dist-types", "commands", `${operation}Command.d.ts`), "utf8");
    return /^ \* \/\/ {3}(Next\w*|Marker|nextToken|NextPageToken): "STRING_VALUE",$/m.exec(doc)?.[1];
}

/** `[file, package, operation]` of every SDK command a check file imports (paginators aside). */
function commandsSent(): [string, string, string][] {
    const found: [string, string, string][] = [];
    for (const file of readdirSync(VERIFY_DIR).filter((f) => f.endsWith(".ts"))) {
        const source = readFileSync(path.join(VERIFY_DIR, file), "utf8");
        for (const [, names, pkg] of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/([a-z0-9-]+)"/g)) {
            for (const name of names.split(",").map((n) => n.trim())) {
                const operation = /^(\w+)Command$/.exec(name)?.[1];
                if (operation) found.push([file.replace(/\.ts$/, ""), pkg, operation]);
            }
        }
    }
    return found;
}

describe("pagination of the checks' list calls", () => {
    const sent = commandsSent();

    it("finds the commands the checks send", () => {
        expect(sent.length).toBeGreaterThan(30);
    });

    it("sends no command whose answer pages, except through a paginator or a loop on its token", () => {
        const unpaged = sent
            .filter(([file, pkg, operation]) => {
                const token = pageToken(pkg, operation);
                if (!token) return false;
                const looped = LOOPED_BY_HAND[`${pkg}:${operation}`];
                return !(
                    looped &&
                    looped.file === file &&
                    looped.token === token &&
                    readFileSync(path.join(VERIFY_DIR, `${file}.ts`), "utf8").includes(`page.${token}`)
                );
            })
            .map(([file, pkg, operation]) => `${file}.ts: ${operation} (${pkg}: ${pageToken(pkg, operation)})`);
        expect(unpaged).toEqual([]);
    });

    it("the hand-made loops are only for commands the SDK has no paginator for", () => {
        for (const key of Object.keys(LOOPED_BY_HAND)) {
            const [pkg, operation] = key.split(":");
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            expect([key, typeof (require(`@aws-sdk/${pkg}`) as Record<string, unknown>)[`paginate${operation}`]]).toEqual([
                key,
                "undefined",
            ]);
        }
    });

    it("would catch a list command read once (the rule fails on it)", () => {
        expect(pageToken("client-ssm", "DescribeInstancePatchStates")).toBe("NextToken");
        expect(pageToken("client-ec2", "DescribeFlowLogs")).toBe("NextToken");
        expect(pageToken("client-cloudtrail", "DescribeTrails")).toBeUndefined();
    });
});
