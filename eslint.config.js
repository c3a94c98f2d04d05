// Lint rules that catch bugs, not style (Prettier owns layout): type-aware rules for promises
// nobody awaits and values typed `any`, and React's hook rules. See docs/decisions/0070-lint-and-format.md.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "coverage/**", "bench/out/**", "test-results/**", "playwright-report/**", "public/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // TypeScript checks names; this rule does not know DOM and Node globals in .ts files.
      "no-undef": "off",
      // Remix's idiom is to throw a response (redirect, data with a status) from a loader or action.
      "@typescript-eslint/only-throw-error": "off",
    },
  },
  {
    // Migrations describe the database as it was, not as db/schema.ts types it today (Kysely's documented idiom).
    files: ["db/migrations/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Who may do what is decided in one place (docs/decisions/0071-permissions.md): elsewhere in the app, a role
    // is data (a membership's role, a label), never a list of roles or a comparison that grants something.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/domain/permissions.server.ts", "app/domain/vocabulary.ts", "app/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ArrayExpression > Literal[value=/^(admin|program_officer|director)$/]",
          message: "A list of roles decides a permission: add it to PERMISSIONS in app/domain/permissions.server.ts and ask can() or rolesWith().",
        },
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/][left.property.name='role'][right.type='Literal']",
          message: "Comparing a role grants something: ask can(membership, permission) from app/domain/permissions.server.ts.",
        },
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/][right.property.name='role'][left.type='Literal']",
          message: "Comparing a role grants something: ask can(membership, permission) from app/domain/permissions.server.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='where'][arguments.0.value=/(^|\\.)role$/][arguments.2.type=/^(Literal|ArrayExpression)$/]",
          message: "Filtering people by a named role: use rolesWith(kind, permission) from app/domain/permissions.server.ts.",
        },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
);
