import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules", "data", "migrations", "coverage"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
    },
  },
  {
    // Handlers translate, services decide: the bot layer never touches SQL or the schema.
    files: ["src/bot/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["drizzle-orm", "drizzle-orm/*", "**/db/schema*", "**/db/schema/*"] }],
    },
  },
);
