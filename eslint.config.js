import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NO_TRANSACTION = { selector: "CallExpression[callee.property.name='transaction']", message: "A handler never opens a transaction: call a domain service (src/domain/<area>) that does." };

export default tseslint.config(
  { ignores: ["node_modules", "data", "migrations", "coverage", ".ci/node24"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
    },
  },
  {
    // Handlers translate, services decide: the bot layer never touches SQL or the schema, and never
    // opens a transaction (a service makes the change, its audit row and its notices in one).
    files: ["src/bot/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: ["drizzle-orm", "drizzle-orm/*", "**/db/schema*", "**/db/schema/*"],
          // grammY's Composer walks every filter through a Composer built per update; ours does not (composer.ts).
          paths: [{ name: "grammy", importNames: ["Composer"], message: "Build features on src/bot/composer.ts's Composer: same API, cheap to walk." }],
        },
      ],
      "no-restricted-syntax": ["error", NO_TRANSACTION],
    },
  },
  {
    files: ["src/bot/composer.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // A form takes its answers through prompts.ts, which checks again that the person may still
    // do what the form does (form-right.ts): no step reads or shows anything without that check.
    files: ["src/bot/conversations/**/*.ts"],
    ignores: ["src/bot/conversations/prompts.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        NO_TRANSACTION,
        { selector: "CallExpression[callee.property.name=/^wait(For|Until|Unless|From|ForReplyTo|ForCommand|ForHears|ForCallbackQuery|ForGameQuery)?$/]", message: "Take a form's answers with nextAnswer, askText or waitForChoice (prompts.ts): they check the form's right again." },
      ],
    },
  },
  {
    // Decisions, jobs, reports and shared text know nothing of the bot layer; the domain nothing of Telegram.
    files: ["src/domain/**/*.ts", "src/scheduling/**/*.ts", "src/reports/**/*.ts", "src/messages/**/*.ts", "src/delivery/**/*.ts", "src/db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/bot/*", "**/bot/**"], message: "Only src/bot, src/runtime and src/console may import the bot layer." }] }],
    },
  },
  {
    // The Mini App is a handler layer like the bot: it reads requests and renders pages; the
    // decisions and the SQL are the domain's (the same ones the bot calls).
    files: ["src/webapp/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["drizzle-orm", "drizzle-orm/*", "**/db/schema*", "**/db/schema/*"], message: "SQL lives in src/db and src/domain." }, { group: ["**/bot/*", "**/bot/**"], message: "The Mini App shares the domain with the bot, not its handlers." }] },
      ],
      "no-restricted-syntax": ["error", NO_TRANSACTION],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/bot/*", "**/bot/**"], message: "The domain never imports the bot layer." }, { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "The domain knows nothing of Telegram." }] },
      ],
    },
  },
);
