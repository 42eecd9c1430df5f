import tseslint from "typescript-eslint";

// policy/serve-pack.ts starts the policy pack's gRPC server when loaded (Pulumi's policy runner loads
// it: policy/package.json `main`); the policy/ folder itself resolves to it. Importing either from a
// test, the plan or a script would start a server. Relative paths only (not @pulumi/policy).
const PACK_SERVER = "(^|/)serve-pack(\\.[cm]?[jt]s)?$|^(\\.\\.?/)+([^@]*/)?policy/?$";
const PACK_SERVER_MESSAGE =
  "policy/serve-pack.ts (and the policy/ folder, its package.json main) starts the pack's gRPC server when loaded: import policy/api.ts, never the server.";
const packServerImport = { regex: PACK_SERVER, message: PACK_SERVER_MESSAGE };
// The same in a selector's regex literal, which ends at the first "/".
const PACK_SERVER_IN_SELECTOR = PACK_SERVER.replaceAll("/", "\\x2F");

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "cfn-outputs/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "No Date.now(): the program must be deterministic.",
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: "No Math.random(): use @pulumi/random, which keeps the value in state.",
        },
        {
          selector: `CallExpression[callee.name='require'] > Literal.arguments[value=/${PACK_SERVER_IN_SELECTOR}/]`,
          message: PACK_SERVER_MESSAGE,
        },
        { selector: `ImportExpression > Literal.source[value=/${PACK_SERVER_IN_SELECTOR}/]`, message: PACK_SERVER_MESSAGE },
      ],
      "no-restricted-imports": ["error", { patterns: [packServerImport] }],
    },
  },
  {
    // The layers (docs/architecture.md): the program never imports what checks it, and its
    // components never read the configuration: they declare their settings (lib/<area>/settings.ts,
    // with the declaration vocabulary of lib/config: declare, schemas, shared, waivers) and take
    // them, whole, from the stack; only lib/program.ts reads the parsed configuration.
    files: ["lib/**/*.ts"],
    ignores: ["lib/program.ts", "lib/config/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/tooling/**", "**/policy/**", "**/scripts/**", "**/test/**"],
              message: "lib/ is the program: it never imports the tooling, the policy pack or the tests.",
            },
            packServerImport,
            {
              regex: "(^|/)config(/(index|keys|rules|placeholders))?$",
              message:
                "Components take their settings group from the stack, never the parsed configuration: they may import the declaration vocabulary (lib/config/declare, schemas, shared, waivers) to declare their settings, not lib/config itself, its key table or its rules.",
            },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "pulumi",
          property: "Config",
          message: "Components never read pulumi.Config: they declare their settings and take them from the stack.",
        },
      ],
    },
  },
  {
    files: ["lib/config/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/tooling/**", "**/policy/**", "**/scripts/**", "**/test/**"],
              message: "lib/ is the program: it never imports the tooling, the policy pack or the tests.",
            },
            packServerImport,
          ],
        },
      ],
    },
  },
  {
    // The npm scripts run these compiled, from dist/ (tooling/build.cjs): a path counted from __dirname points into dist/.
    files: ["bin/**/*.ts", "lib/**/*.ts", "policy/**/*.ts", "scripts/**/*.ts", "tooling/**/*.ts"],
    ignores: ["tooling/plan/stack-files.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "__dirname", message: "The npm scripts run this file from dist/: use PROJECT_DIR (tooling/plan/stack-files.ts)." },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
