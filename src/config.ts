import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Empty strings in an env file mean "not set", as people write them in `.env.example`. */
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const configSchema = z.object({
  BOT_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: "is required: get one from @BotFather (or try the bot offline with `npm run console`)" })
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "does not look like a bot token from @BotFather (digits:secret)"),
  ),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string"),
  ),
  DATA_DIR: optional(z.string()).transform((value) => value ?? "./data"),
  TELEGRAM_API_ROOT: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a Bot API server" })),
  WILAYAH_KODE: optional(
    z.string().regex(/^\d{2}\.\d{2}$/, "must be a Kemendagri kota/kabupaten code such as 15.71"),
  ).transform((value) => value ?? "15.71"),
  ADMIN_TELEGRAM_IDS: optional(
    z
      .string()
      .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, { error: "must be Telegram user ids separated by commas, e.g. 12345,67890", abort: true })
      // A mistyped 20-digit id would otherwise be rounded silently into somebody else's.
      .refine((value) => value.split(",").every((id) => Number.isSafeInteger(Number(id.trim()))), "holds an id too large to be a Telegram user id"),
  ).transform((value) => (value ? value.split(",").map((id) => Number(id.trim())) : [])),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })).transform(
    (value) => value ?? "info",
  ),
});

export type Config = {
  botToken: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  telegramApiRoot: string | undefined;
  wilayahCode: string;
  adminTelegramIds: number[];
  logLevel: (typeof LOG_LEVELS)[number];
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }

  get missingToken(): boolean {
    return this.problems.some((problem) => problem.startsWith("BOT_TOKEN"));
  }
}

/** Reads the environment once; every bad or missing variable is named in one error. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const vars = result.data;
  return {
    botToken: vars.BOT_TOKEN,
    database: vars.DATABASE_URL
      ? { kind: "postgres", url: vars.DATABASE_URL }
      : { kind: "pglite", dataDir: vars.DATA_DIR },
    telegramApiRoot: vars.TELEGRAM_API_ROOT,
    wilayahCode: vars.WILAYAH_KODE,
    adminTelegramIds: vars.ADMIN_TELEGRAM_IDS,
    logLevel: vars.LOG_LEVEL,
  };
}
