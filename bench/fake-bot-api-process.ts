import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { FakeBotApi } from "./fake-bot-api.js";

export type FakeBotApiReport = { counts: FakeBotApi["counts"]; delivered: [number, number][]; accepted: [number, number][]; refused: [number, number][]; activeSeconds: number };

/**
 * Runs the fake Bot API in its own process, as Telegram runs on its own servers: its clock and
 * its rate checks are not delayed by the sender's work in the benchmark process.
 */
export class FakeBotApiProcess {
  private constructor(private readonly child: ChildProcess, readonly apiRoot: string) {}

  static async start(options: { blockedChatIds: number[] }): Promise<FakeBotApiProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
      env: { ...process.env, FAKE_BOT_API_BLOCKED: options.blockedChatIds.join(",") },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const apiRoot = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`fake Bot API exited with ${code}`)));
    });
    return new FakeBotApiProcess(child, apiRoot);
  }

  private async control(path: string): Promise<FakeBotApiReport> {
    const response = await fetch(`${this.apiRoot}/_control/${path}`);
    return (await response.json()) as FakeBotApiReport;
  }

  report(): Promise<FakeBotApiReport> {
    return this.control("report");
  }

  async reset(): Promise<void> {
    await this.control("reset");
  }

  async stop(): Promise<void> {
    this.child.kill("SIGTERM");
    await new Promise((resolve) => this.child.once("exit", resolve));
  }
}

// Started as a process: serve until killed, and tell the parent where.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const blocked = (process.env.FAKE_BOT_API_BLOCKED ?? "").split(",").filter(Boolean).map(Number);
  const api = new FakeBotApi({ blockedChatIds: new Set(blocked) });
  console.log(await api.start());
  process.once("SIGTERM", () => void api.stop().then(() => process.exit(0)));
}
