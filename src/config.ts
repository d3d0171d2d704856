import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const BOT_MODES = ["polling", "webhook"] as const;

/** Where the server answers the Mini App: WEBAPP_URL's path without a trailing slash ("/app"). */
export function basePathOf(webappUrl: string): string {
  return new URL(webappUrl).pathname.replace(/\/+$/, "");
}

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
  BOT_MODE: optional(z.enum(BOT_MODES, { error: "must be polling or webhook" })).transform((value) => value ?? "polling"),
  WEBAPP_URL: optional(
    z
      .url({ protocol: /^https$/, error: "must be an https URL (Telegram opens Mini Apps over https only), e.g. https://bot.example.org/app", abort: true })
      // The server mounts the app at this path, beside /healthz and the webhook: it needs one of its own.
      .refine((url) => !["", "/", "/healthz", "/metrics"].includes(basePathOf(url)), "needs a path of its own, e.g. https://bot.example.org/app")
      .refine((url) => !/[?#]/.test(url), "must not carry a query or a fragment"),
  ),
  REPORT_ESCALATION_DAYS: optional(
    z
      .string()
      .regex(/^\d{1,2}$/, { error: "must be a whole number of days, 1 to 60", abort: true })
      .transform(Number)
      .refine((days) => days >= 1 && days <= 60, "must be a whole number of days, 1 to 60"),
  ).transform((value) => value ?? 3),
  // Issue 18: what /metrics names this instance by, and the token a scrape must bear (both optional).
  INSTANCE_ID: optional(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 characters of A-Z, a-z, 0-9, _, . and - (a name for this instance, e.g. bot-1)")),
  // RFC 6750's token68: `=` only as padding at the end, so `openssl rand -base64 32` is taken as it is.
  METRICS_TOKEN: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9_.~+/-]+=*$/, "must be characters of A-Z, a-z, 0-9 and _ . ~ + / -, with = only at the end (sent as Authorization: Bearer <token>)")
      .refine((token) => token.length >= 16 && token.length <= 256, "must be 16-256 characters long"),
  ),
  PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: "must be a TCP port number (0 picks a free one)", abort: true })
      .transform(Number)
      .refine((port) => port <= 65_535, "must be a TCP port number, at most 65535"),
  ).transform((value) => value ?? 8080),
});

/** Checked only in webhook mode: a polling bot ignores them. */
const webhookSchema = z.object({
  WEBHOOK_URL: z.preprocess(
    unsetIfEmpty,
    z.url({
      protocol: /^https$/,
      error: (issue) =>
        issue.input === undefined
          ? "is required when BOT_MODE=webhook: the public https address Telegram posts updates to"
          : "must be an https URL (Telegram posts updates over https only), e.g. https://bot.example.org/telegram",
    }),
  ),
  WEBHOOK_SECRET: z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: "is required when BOT_MODE=webhook: a random string Telegram sends back with every update" })
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for a secret token)"),
  ),
});

type BaseConfig = {
  botToken: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  telegramApiRoot: string | undefined;
  wilayahCode: string;
  adminTelegramIds: number[];
  logLevel: (typeof LOG_LEVELS)[number];
  /** The HTTP port: /healthz in both modes, and the webhook in webhook mode. */
  port: number;
  /** The public https address of the Mini App (issue 16); unset, the app is off. */
  webappUrl: string | undefined;
  /** Days a resident's report may stay untouched before it goes to the koordinator (issue 17). */
  reportEscalationDays: number;
  /** This instance's name in /metrics (issue 18); unset, the hostname and process id. */
  instanceId: string | undefined;
  /** When set, GET /metrics answers only `Authorization: Bearer <token>` (issue 18). */
  metricsToken: string | undefined;
};

export type PollingConfig = BaseConfig & { mode: "polling" };
export type WebhookConfig = BaseConfig & {
  mode: "webhook";
  /** The public URL given to setWebhook; its path is where the server takes updates. */
  webhookUrl: string;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token; a request without it is refused. */
  webhookSecret: string;
};
export type Config = PollingConfig | WebhookConfig;

/** What must never reach a log: the token, in webhook mode the secret Telegram sends back, and the metrics token. */
export function secretsOf(config: Config): string[] {
  return [config.botToken, ...(config.mode === "webhook" ? [config.webhookSecret] : []), ...(config.metricsToken ? [config.metricsToken] : [])];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }

  get missingToken(): boolean {
    return this.problems.some((problem) => problem.startsWith("BOT_TOKEN"));
  }
}

function underPath(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/** Reads the environment once; every bad or missing variable is named in one error. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  // Webhook variables are checked whenever webhook mode is asked for, so one error names them all.
  const webhook = env.BOT_MODE === "webhook" ? webhookSchema.safeParse(env) : undefined;
  // The webhook's path must not fall inside the app's: the app would take Telegram's updates.
  const clash =
    result.success && webhook?.success && result.data.WEBAPP_URL && underPath(new URL(webhook.data.WEBHOOK_URL).pathname, basePathOf(result.data.WEBAPP_URL))
      ? [{ path: ["WEBAPP_URL"], message: "must not hold WEBHOOK_URL's path: give the app a path of its own, e.g. /app" }]
      : [];
  if (!result.success || webhook?.success === false || clash.length > 0) {
    const issues = [...(result.error?.issues ?? []), ...(webhook?.error?.issues ?? []), ...clash];
    throw new ConfigError(issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const vars = result.data;
  const base: BaseConfig = {
    botToken: vars.BOT_TOKEN,
    database: vars.DATABASE_URL
      ? { kind: "postgres", url: vars.DATABASE_URL }
      : { kind: "pglite", dataDir: vars.DATA_DIR },
    telegramApiRoot: vars.TELEGRAM_API_ROOT,
    wilayahCode: vars.WILAYAH_KODE,
    adminTelegramIds: vars.ADMIN_TELEGRAM_IDS,
    logLevel: vars.LOG_LEVEL,
    port: vars.PORT,
    webappUrl: vars.WEBAPP_URL,
    reportEscalationDays: vars.REPORT_ESCALATION_DAYS,
    instanceId: vars.INSTANCE_ID,
    metricsToken: vars.METRICS_TOKEN,
  };
  if (webhook?.success) return { ...base, mode: "webhook", webhookUrl: webhook.data.WEBHOOK_URL, webhookSecret: webhook.data.WEBHOOK_SECRET };
  return { ...base, mode: "polling" };
}
