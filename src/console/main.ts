import { createInterface } from "node:readline";
import { ConsoleSession } from "./session.js";

/**
 * `npm run console`: the bot in the terminal, no token, no network. Reads lines from stdin (typed
 * or piped) until EOF or :quit.
 */
async function main(): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  process.stdout.write("Menyiapkan bot demo (PGlite dalam memori, data contoh Kota Jambi)…\n");
  const session = await ConsoleSession.open({ write: (line) => process.stdout.write(`${line}\n`) });
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
