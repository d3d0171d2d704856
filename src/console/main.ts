import { createInterface } from "node:readline";
import { ConsoleSession } from "./session.js";

/** Where the console serves the Mini App by default: http://127.0.0.1:8787/app. */
const DEFAULT_CONSOLE_APP_PORT = 8787;

/**
 * The Mini App's port: `--app-port=N` or CONSOLE_APP_PORT, 8787 by default; `off` serves none.
 * A bad value is said, and the console goes on without the app.
 */
function consoleAppPort(argv: readonly string[], env: Record<string, string | undefined>): { port: number } | { off: string } {
  const flag = argv.find((arg) => arg.startsWith("--app-port="))?.slice("--app-port=".length);
  const value = (flag ?? env.CONSOLE_APP_PORT ?? "").trim();
  if (value === "") return { port: DEFAULT_CONSOLE_APP_PORT };
  if (value === "off") return { off: "dimatikan (off)" };
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) return { off: `port "${value}" tidak sah (0-65535, atau off)` };
  return { port: Number(value) };
}

/**
 * `npm run console`: the bot in the terminal, no token, no network. Reads lines from stdin (typed
 * or piped) until EOF or :quit. The Mini App is served beside it on 127.0.0.1 (see consoleAppPort).
 */
async function main(): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  process.stdout.write("Menyiapkan bot demo (PGlite dalam memori, data contoh Kota Jambi)…\n");
  const appPort = consoleAppPort(process.argv.slice(2), process.env);
  if ("off" in appPort) process.stdout.write(`Dasbor (Mini App) tidak dijalankan: ${appPort.off}.\n`);
  const session = await ConsoleSession.open({ write: (line) => process.stdout.write(`${line}\n`), ...("port" in appPort ? { webapp: appPort } : {}) });
  // Since the process started (tsx, imports, database, demo): what someone waits for at a start.
  process.stdout.write(`Siap dalam ${(performance.now() / 1000).toFixed(1).replace(".", ",")} detik.\n`);
  session.printBanner();

  // Created only now: stdin is not read before the session can take its lines.
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  lines.on("SIGINT", () => lines.close());
  const showPrompt = () => {
    lines.setPrompt(session.prompt());
    if (interactive) lines.prompt();
  };
  showPrompt();
  for await (const line of lines) {
    // Piped input is not echoed by a terminal; print it so the transcript reads like a chat.
    if (!interactive && line.trim()) process.stdout.write(`${session.prompt()}${line}\n`);
    if (!(await session.handle(line))) break;
    showPrompt();
  }
  lines.close();
  await session.close();
  if (interactive) process.stdout.write("\nSampai jumpa!\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
