import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { basePathOf, ConfigError, parseConfig, secretsOf } from "../src/config.js";

const TOKEN = "123456789:AAH-example_token_from_BotFather";
const ROOT = fileURLToPath(new URL("..", import.meta.url));

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("needs only BOT_TOKEN and fills in the rest", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN })).toEqual({
      botToken: TOKEN,
      database: { kind: "pglite", dataDir: "./data" },
      telegramApiRoot: undefined,
      wilayahCode: "15.71",
      adminTelegramIds: [],
      logLevel: "info",
      port: 8080,
      mode: "polling",
      reportEscalationDays: 3,
    });
  });

  it("reads REPORT_ESCALATION_DAYS as whole days from 1 to 60, and names anything else", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, REPORT_ESCALATION_DAYS: "7" }).reportEscalationDays).toBe(7);
    expect(parseConfig({ BOT_TOKEN: TOKEN, REPORT_ESCALATION_DAYS: "" }).reportEscalationDays).toBe(3);
    for (const bad of ["0", "61", "2,5", "-1", "tiga", "1e1", "999"]) {
      expect(problemsOf({ BOT_TOKEN: TOKEN, REPORT_ESCALATION_DAYS: bad }), bad).toEqual([expect.stringMatching(/^REPORT_ESCALATION_DAYS must be a whole number of days, 1 to 60/)]);
    }
  });

  it("treats empty strings as unset, as in a copied .env.example", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "", DATA_DIR: "", TELEGRAM_API_ROOT: "", WILAYAH_KODE: "", ADMIN_TELEGRAM_IDS: "", LOG_LEVEL: "" });
    expect(config).toEqual(parseConfig({ BOT_TOKEN: TOKEN }));
  });

  it("says BOT_TOKEN is required when it is empty, and points to the console", () => {
    for (const env of [{}, { BOT_TOKEN: "" }]) {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^BOT_TOKEN is required/);
      expect(problems[0]).toContain("npm run console");
    }
  });

  it("refuses a token that is not a BotFather token", () => {
    for (const token of ["abc", "123456", "123456:short", ":AAH-example_token_from_BotFather", `${TOKEN} extra`]) {
      expect(problemsOf({ BOT_TOKEN: token })).toEqual(["BOT_TOKEN does not look like a bot token from @BotFather (digits:secret)"]);
    }
  });

  it("names every bad or missing variable in one error", () => {
    let caught: unknown;
    try {
      parseConfig({
        DATABASE_URL: "mysql://root@localhost/bantar",
        TELEGRAM_API_ROOT: "not a url",
        WILAYAH_KODE: "1571",
        ADMIN_TELEGRAM_IDS: "12345;67890",
        LOG_LEVEL: "loud",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    const named = error.problems.map((problem) => problem.split(" ")[0]).sort();
    expect(named).toEqual(["ADMIN_TELEGRAM_IDS", "BOT_TOKEN", "DATABASE_URL", "LOG_LEVEL", "TELEGRAM_API_ROOT", "WILAYAH_KODE"]);
    for (const variable of named) expect(error.message).toContain(variable);
    expect(error.missingToken).toBe(true);
  });

  it("does not report the token as missing when only other variables are wrong", () => {
    let caught: unknown;
    try {
      parseConfig({ BOT_TOKEN: TOKEN, LOG_LEVEL: "verbose" });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).problems).toEqual(["LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent"]);
    expect((caught as ConfigError).missingToken).toBe(false);
  });

  it("selects the real PostgreSQL when DATABASE_URL is set", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "postgres://bantar@127.0.0.1:5432/bantar", DATA_DIR: "/var/lib/bantar" }).database).toEqual({
      kind: "postgres",
      url: "postgres://bantar@127.0.0.1:5432/bantar",
    });
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "postgresql://db/bantar" }).database.kind).toBe("postgres");
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATA_DIR: "/var/lib/bantar" }).database).toEqual({ kind: "pglite", dataDir: "/var/lib/bantar" });
  });

  it.each([
    ["12345", [12345]],
    ["12345,67890", [12345, 67890]],
    [" 12345 , 67890 ,1 ", [12345, 67890, 1]],
    ["7000000000", [7_000_000_000]],
  ])("reads ADMIN_TELEGRAM_IDS %j", (value, expected) => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: value }).adminTelegramIds).toEqual(expected);
  });

  it.each(["12345;67890", "12345,", ",12345", "12345,,67890", "-12345", "12.5", "@admin", "99999999999999999999999"])(
    "refuses ADMIN_TELEGRAM_IDS %j",
    (value) => {
      const problems = problemsOf({ BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^ADMIN_TELEGRAM_IDS /);
    },
  );

  it("accepts any kota/kabupaten code of the right shape (the seed checks it exists)", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, WILAYAH_KODE: "15.05" }).wilayahCode).toBe("15.05");
    for (const code of ["15", "15.71.01", "1571", "ab.cd", " 15.71"]) {
      expect(problemsOf({ BOT_TOKEN: TOKEN, WILAYAH_KODE: code })[0]).toMatch(/^WILAYAH_KODE /);
    }
  });

  it("takes a self-hosted Bot API server by http(s) URL only", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://localhost:8081" }).telegramApiRoot).toBe("http://localhost:8081");
    expect(parseConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "https://bot-api.example.org" }).telegramApiRoot).toBe("https://bot-api.example.org");
    for (const root of ["bot-api.example.org", "ftp://bot-api.example.org", "file:///tmp/api"]) {
      expect(problemsOf({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root })).toEqual(["TELEGRAM_API_ROOT must be an http(s) URL of a Bot API server"]);
    }
  });

  it("accepts every log level pino knows, and only those", () => {
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"]) {
      expect(parseConfig({ BOT_TOKEN: TOKEN, LOG_LEVEL: level }).logLevel).toBe(level);
    }
    expect(problemsOf({ BOT_TOKEN: TOKEN, LOG_LEVEL: "INFO" })[0]).toMatch(/^LOG_LEVEL /);
  });
});

describe("parseConfig: BOT_MODE, PORT and the webhook", () => {
  const WEBHOOK = { BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/telegram/hook", WEBHOOK_SECRET: "s3cret_-Token" };

  it("polls by default and with BOT_MODE=polling, ignoring webhook variables", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "polling", WEBHOOK_URL: "not checked", WEBHOOK_SECRET: "!" });
    expect(config.mode).toBe("polling");
    expect(config).not.toHaveProperty("webhookUrl");
    expect(config).not.toHaveProperty("webhookSecret");
    expect(parseConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "" }).mode).toBe("polling");
  });

  it("reads the webhook URL and secret in webhook mode", () => {
    const config = parseConfig(WEBHOOK);
    expect(config).toMatchObject({ mode: "webhook", webhookUrl: "https://bot.example.org/telegram/hook", webhookSecret: "s3cret_-Token", port: 8080 });
  });

  it("requires WEBHOOK_URL and WEBHOOK_SECRET in webhook mode, naming both at once", () => {
    const problems = problemsOf({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_SECRET: "" });
    expect(problems).toEqual([
      "WEBHOOK_URL is required when BOT_MODE=webhook: the public https address Telegram posts updates to",
      "WEBHOOK_SECRET is required when BOT_MODE=webhook: a random string Telegram sends back with every update",
    ]);
  });

  it("names webhook problems together with the others in one error", () => {
    const problems = problemsOf({ BOT_MODE: "webhook", PORT: "http", WEBHOOK_URL: "https://bot.example.org/", WEBHOOK_SECRET: "has space" });
    expect(problems.map((problem) => problem.split(" ")[0]).sort()).toEqual(["BOT_TOKEN", "PORT", "WEBHOOK_SECRET"]);
  });

  it.each(["http://bot.example.org/hook", "bot.example.org/hook", "ftp://bot.example.org"])("refuses WEBHOOK_URL %j: Telegram posts over https only", (url) => {
    expect(problemsOf({ ...WEBHOOK, WEBHOOK_URL: url })).toEqual([
      "WEBHOOK_URL must be an https URL (Telegram posts updates over https only), e.g. https://bot.example.org/telegram",
    ]);
  });

  it("takes a secret in Telegram's alphabet, 1 to 256 characters, and nothing else", () => {
    expect(parseConfig({ ...WEBHOOK, WEBHOOK_SECRET: "a" }).mode).toBe("webhook");
    expect(parseConfig({ ...WEBHOOK, WEBHOOK_SECRET: "A".repeat(256) }).mode).toBe("webhook");
    for (const secret of ["A".repeat(257), "with space", "dot.ted", "slash/", "émoji"]) {
      expect(problemsOf({ ...WEBHOOK, WEBHOOK_SECRET: secret })).toEqual([
        "WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for a secret token)",
      ]);
    }
  });

  it("refuses an unknown mode", () => {
    expect(problemsOf({ BOT_TOKEN: TOKEN, BOT_MODE: "webhooks" })).toEqual(["BOT_MODE must be polling or webhook"]);
  });

  it("reads PORT in both modes; 0 asks for a free port", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, PORT: "3000" }).port).toBe(3000);
    expect(parseConfig({ ...WEBHOOK, PORT: "0" }).port).toBe(0);
    expect(parseConfig({ BOT_TOKEN: TOKEN, PORT: "" }).port).toBe(8080);
    for (const port of ["80a", "-1", "65536", "99999", " 80", "8080.5"]) {
      expect(problemsOf({ BOT_TOKEN: TOKEN, PORT: port })[0]).toMatch(/^PORT must be a TCP port number/);
    }
  });
});

describe("parseConfig: WEBAPP_URL (the dashboard Mini App)", () => {
  const WEBHOOK = { BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/telegram/hook", WEBHOOK_SECRET: "s3cret_-Token" };

  it("is off when unset or empty, in both modes", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN }).webappUrl).toBeUndefined();
    expect(parseConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: "" }).webappUrl).toBeUndefined();
    expect(parseConfig(WEBHOOK).webappUrl).toBeUndefined();
  });

  it("takes an https address with a path of its own, beside polling or the webhook", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: "https://bot.example.org/app" }).webappUrl).toBe("https://bot.example.org/app");
    expect(parseConfig({ ...WEBHOOK, WEBAPP_URL: "https://bot.example.org/app/" }).webappUrl).toBe("https://bot.example.org/app/");
    expect(basePathOf("https://bot.example.org/app/")).toBe("/app");
    expect(basePathOf("https://bot.example.org/bantar/dasbor")).toBe("/bantar/dasbor");
  });

  it.each(["http://bot.example.org/app", "bot.example.org/app", "ftp://bot.example.org/app"])("refuses %j: Telegram opens Mini Apps over https only", (url) => {
    expect(problemsOf({ BOT_TOKEN: TOKEN, WEBAPP_URL: url })).toEqual(["WEBAPP_URL must be an https URL (Telegram opens Mini Apps over https only), e.g. https://bot.example.org/app"]);
  });

  it("refuses a path the server already answers, or none, or a query", () => {
    for (const url of ["https://bot.example.org", "https://bot.example.org/", "https://bot.example.org/healthz", "https://bot.example.org/metrics"]) {
      expect(problemsOf({ BOT_TOKEN: TOKEN, WEBAPP_URL: url }), url).toEqual(["WEBAPP_URL needs a path of its own, e.g. https://bot.example.org/app"]);
    }
    expect(problemsOf({ BOT_TOKEN: TOKEN, WEBAPP_URL: "https://bot.example.org/app?x=1" })).toEqual(["WEBAPP_URL must not carry a query or a fragment"]);
    for (const url of ["https://bot.example.org/telegram", "https://bot.example.org/telegram/hook"]) {
      expect(problemsOf({ ...WEBHOOK, WEBAPP_URL: url }), url).toEqual(["WEBAPP_URL must not hold WEBHOOK_URL's path: give the app a path of its own, e.g. /app"]);
    }
    // The webhook beside the app (not under it) is fine.
    expect(parseConfig({ ...WEBHOOK, WEBAPP_URL: "https://bot.example.org/tele" }).webappUrl).toBe("https://bot.example.org/tele");
  });
});

describe("parseConfig: INSTANCE_ID and METRICS_TOKEN (/metrics)", () => {
  it("leaves both unset by default", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, INSTANCE_ID: "", METRICS_TOKEN: "" });
    expect([config.instanceId, config.metricsToken]).toEqual([undefined, undefined]);
    expect(secretsOf(config)).toEqual([TOKEN]);
  });

  it("takes an instance name and a bearer token, and keeps the token out of the logs", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, INSTANCE_ID: "bot-2.jambi_a", METRICS_TOKEN: "Zq8-w~3+/x_K.p0Lm9r" });
    expect([config.instanceId, config.metricsToken]).toEqual(["bot-2.jambi_a", "Zq8-w~3+/x_K.p0Lm9r"]);
    expect(secretsOf(config)).toEqual([TOKEN, "Zq8-w~3+/x_K.p0Lm9r"]);
  });

  it("refuses a name that would not fit a label, and a short or odd token", () => {
    expect(problemsOf({ BOT_TOKEN: TOKEN, INSTANCE_ID: "bot 1", METRICS_TOKEN: "short-token" }).map((problem) => problem.split(" ")[0])).toEqual(["INSTANCE_ID", "METRICS_TOKEN"]);
    expect(problemsOf({ BOT_TOKEN: TOKEN, INSTANCE_ID: "x".repeat(65) })).toHaveLength(1);
    expect(problemsOf({ BOT_TOKEN: TOKEN, METRICS_TOKEN: "sixteen chars ok?" })).toHaveLength(1);
    // `=` only as base64 padding at the end, and the length still counts.
    expect(problemsOf({ BOT_TOKEN: TOKEN, METRICS_TOKEN: "abcdefgh=ijklmnopq" })).toHaveLength(1);
    expect(problemsOf({ BOT_TOKEN: TOKEN, METRICS_TOKEN: "abc=" })).toHaveLength(1);
    expect(problemsOf({ BOT_TOKEN: TOKEN, METRICS_TOKEN: `${"a".repeat(256)}=` })).toHaveLength(1);
  });

  it("takes a token made by `openssl rand -base64 32`, padding and all", () => {
    const token = "q2V0Yk5pYzJ4b3R5c2F3Yk1hY2hpbmUrL3Rlc3Q0Mg=";
    expect(parseConfig({ BOT_TOKEN: TOKEN, METRICS_TOKEN: token }).metricsToken).toBe(token);
    expect(parseConfig({ BOT_TOKEN: TOKEN, METRICS_TOKEN: "c2l4dGVlbiBieXRlcyBvaw==" }).metricsToken).toBe("c2l4dGVlbiBieXRlcyBvaw==");
  });
});

describe("npm start without a token", () => {
  it("exits at once with a message that names BOT_TOKEN and points to npm run console", () => {
    const result = spawnSync(fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url)), ["src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      encoding: "utf8",
      timeout: 30_000, // a safety net for a process that would otherwise start polling; not a timing assertion
    });
    expect(result.signal).toBeNull(); // it ended by itself, not by the safety net
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("BOT_TOKEN");
    expect(result.stderr).toContain("npm run console");
    expect(result.stdout).toBe("");
  });
});
