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
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
);
