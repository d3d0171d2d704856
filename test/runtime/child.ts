import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One bot process: its pino lines as they come, the port it listens on, and how it ended. */
export class BotProcess {
  readonly lines: Record<string, unknown>[] = [];
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(readonly child: ChildProcess) {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        this.output.push(line);
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line (a stack trace on stderr): kept in `output`
        }
      });
    }
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Runs `entry` (a .ts file, relative to the repository) with node and tsx, with only `env` (and PATH, HOME). */
  static start(entry: string, env: Record<string, string>): BotProcess {
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new BotProcess(child);
  }

  logged(message: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === message);
  }

  /** Waits for "http server listening" and answers its port; fails if the process ends first. */
  async port(ms = 60_000): Promise<number> {
    const until = Date.now() + ms;
    let ended = false;
    void this.exited.then(() => (ended = true));
    for (;;) {
      const listening = this.logged("http server listening")[0];
      if (listening) return Number(listening.port);
      if (ended || Date.now() > until) throw new Error(`bot process did not start:\n${this.output.join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    this.child.kill(signal);
  }
}
