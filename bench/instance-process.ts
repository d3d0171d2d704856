import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
export const INSTANCE_TOKEN = "123456:bench-token-for-several-instances";
export const INSTANCE_SECRET = "bench-instances_SECRET";
export const INSTANCE_HOOK_PATH = "/telegram/hook";
const ELECTED = "this instance is now the outbox sender";

/**
 * One bot instance as production runs it: src/main.ts in webhook mode, its own process, on a
 * shared PostgreSQL, talking to the fake Bot API. Reads its pino lines for its port and for the
 * moment it becomes the outbox sender.
 */
export class InstanceProcess {
  port = 0;
  elected = false;
  /** When this process logged that it became the sender (this machine's clock, epoch ms). */
  electedAt: number | null = null;
  readonly exited: Promise<void>;
  private readonly output: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        this.output.push(line);
        if (this.output.length > 200) this.output.shift();
        let entry: { msg?: string; port?: number };
        try {
          entry = JSON.parse(line) as { msg?: string; port?: number };
        } catch {
          return;
        }
        if (entry.msg === "http server listening") this.port = Number(entry.port);
        if (entry.msg === ELECTED) {
          this.elected = true;
          this.electedAt ??= Date.now();
        }
      });
    }
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  static start(env: { databaseUrl: string; apiRoot: string }): InstanceProcess {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        BOT_TOKEN: INSTANCE_TOKEN,
        BOT_MODE: "webhook",
        WEBHOOK_URL: `https://bot.example.org${INSTANCE_HOOK_PATH}`,
        WEBHOOK_SECRET: INSTANCE_SECRET,
        PORT: "0",
        TELEGRAM_API_ROOT: env.apiRoot,
        DATABASE_URL: env.databaseUrl,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new InstanceProcess(child);
  }

  /** Waits until it listens; fails with its output if it ends first. */
  async listening(ms = 60_000): Promise<void> {
    let ended = false;
    void this.exited.then(() => (ended = true));
    const until = Date.now() + ms;
    while (this.port === 0) {
      if (ended || Date.now() > until) throw new Error(`instance did not start:\n${this.output.join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
