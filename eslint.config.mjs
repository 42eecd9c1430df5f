import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "cfn-outputs/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "No Date.now(): the program must be deterministic." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "No Math.random(): use @pulumi/random, which keeps the value in state." },
      ],
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
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["**/tooling/**", "**/policy/**", "**/scripts/**", "**/test/**"], message: "lib/ is the program: it never imports the tooling, the policy pack or the tests." },
          {
            regex: "(^|/)config(/(index|keys|rules|placeholders))?$",
            message: "Components take their settings group from the stack, never the parsed configuration: they may import the declaration vocabulary (lib/config/declare, schemas, shared, waivers) to declare their settings, not lib/config itself, its key table or its rules.",
          },
        ],
      }],
      "no-restricted-properties": ["error", { object: "pulumi", property: "Config", message: "Components never read pulumi.Config: they declare their settings and take them from the stack." }],
    },
  },
  {
    files: ["lib/config/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/tooling/**", "**/policy/**", "**/scripts/**", "**/test/**"], message: "lib/ is the program: it never imports the tooling, the policy pack or the tests." },
      ] }],
    },
  },
  {
    // The npm scripts run these compiled, from dist/ (tooling/build.cjs): a path counted from __dirname points into dist/.
    files: ["bin/**/*.ts", "lib/**/*.ts", "policy/**/*.ts", "scripts/**/*.ts", "tooling/**/*.ts"],
    ignores: ["tooling/plan/stack-files.ts"],
    rules: {
      "no-restricted-globals": ["error", { name: "__dirname", message: "The npm scripts run this file from dist/: use PROJECT_DIR (tooling/plan/stack-files.ts)." }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
