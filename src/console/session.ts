import type { DeliveryRuntime } from "../delivery/runtime.js";
import { composeBot } from "../runtime/compose.js";
import { NO_LIMITS } from "../delivery/pacer.js";
import type { Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import type { BotDeps } from "../bot/deps.js";
import { deepLink, formatWhen } from "../messages/format.js";
import { registerCommands } from "../bot/set-commands.js";
import type { DatabaseHandle } from "../db/client.js";
import { DEFAULT_CACHE_DIR, openPreparedDatabase } from "./database.js";
import { createLogger } from "../logger.js";
import { DEMO_KELURAHAN, DEMO_WILAYAH, seedDemo, type DemoPerson } from "./demo-seed.js";
import { describeUser, listStartLinks } from "./directory.js";
import { matchPeople, parseInput } from "./input.js";
import { block, excerpt, flatButtons, numberedKeyboard, plainKeyboard } from "./render.js";
import { TelegramSimulator, type StoredMessage, type TelegramEvent } from "./telegram-simulator.js";
import { DEFAULT_FILES_DIR, FileShelf, formatSize } from "./files.js";
import type { UploadedFile } from "../testing/fake-telegram.js";
import { CLOCK_REFUSALS, ConsoleClock, planClockMove, readClockRequest, stepClock } from "./clock.js";
import { nextPendingAt } from "../delivery/outbox.js";
import { productionJobs } from "../scheduling/jobs.js";
import type { ScheduledJob } from "../scheduling/scheduler.js";
import { startHttpServer, type HttpServer, type WebAppEndpoint } from "../runtime/http-server.js";
import { createWebApp } from "../webapp/server.js";
import { DEV_SIGN_IN_PATH } from "../webapp/dev-sign-in.js";
import { NEXT_PARAM, safeNextPath } from "../webapp/links.js";

export const CONSOLE_BOT_INFO = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "BANTAR (demo)",
  username: "bantar_demo_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** grammY insists on a token-shaped string; nothing ever reaches Telegram with it. */
const OFFLINE_TOKEN = "0:console-offline";

export type ConsoleOptions = {
  /** Receives each line of output. */
  write: (line: string) => void;
  clock?: () => Date;
  /** Lets the caller see the bot's logs (e.g. "debug"); silent by default, the chat is the output. */
  logLevel?: string;
  /** Where documents and photos the bot sends are saved; ./console-files by default. */
  filesDir?: string;
  /** Where the prepared database image is kept between runs (./.console-cache); null: none. */
  cacheDir?: string | null;
  /**
   * Serve the Mini App on http://127.0.0.1:<port>/app (0: a free port), with the development
   * sign-in as any demo person; absent, no server (the tests of the chat need none).
   */
  webapp?: { port: number };
};

/** The console's Mini App: where it listens, and its server (closed with the session). */
type ConsoleWebApp = { url: string; server: HttpServer };

/** The Mini App's path on the console's server, as WEBAPP_URL's path would be in production. */
const CONSOLE_APP_PATH = "/app";

const HELP = [
  "Ketik pesan biasa untuk mengirimnya ke bot sebagai pengguna saat ini (mis. /start, /bantuan).",
  "  #N          tekan tombol nomor N pada papan tombol terakhir di chat Anda",
  "  #           tampilkan lagi tombol yang bisa ditekan",
  "  :as NAMA    ganti pengguna (awal nama cukup, mis. :as harun)",
  "  :users      daftar pengguna demo dan perannya",
  "  :links      tautan /start untuk bergabung ke RT (coba sebagai Baru)",
  "  :waktu      jam konsol (WIB); :waktu Minggu 06.00, :waktu +2j, :waktu 2026-12-06 06.00 memajukan jam",
  "              dan menjalankan pekerjaan terjadwal yang jatuh tempo (pengingat, digest Senin, …)",
  "  :help       bantuan ini        :quit  keluar (atau Ctrl+D)",
  "  \\teks       kirim teks yang diawali # atau : apa adanya",
];

/**
 * The real bot (every middleware, conversations, the database) on an in-memory PGlite with the
 * demo neighbourhood, driven line by line. It takes input lines and writes output lines, so it
 * runs the same under a terminal and under a test.
 */
export class ConsoleSession {
  private current: DemoPerson;
  /** Per user, the keyboard last printed with numbers, so it is not printed again unchanged. */
  private readonly shownKeyboards = new Map<number, string>();
  /** What the bot does on its own (scheduling/jobs.ts), run by `:waktu` as the scheduler would. */
  private readonly jobs: ScheduledJob[];
  /** A line printed before the next output, once (the time a clock step happened at). */
  private heading: string | null = null;

  private constructor(
    private readonly database: DatabaseHandle,
    private readonly deps: BotDeps,
    private readonly bot: Bot<BotContext>,
    private readonly delivery: DeliveryRuntime,
    private readonly telegram: TelegramSimulator,
    private readonly people: readonly DemoPerson[],
    private readonly output: (line: string) => void,
    private readonly clock: ConsoleClock,
    private readonly files: FileShelf,
    private readonly webapp: ConsoleWebApp | null,
  ) {
    this.current = people[0]!;
    telegram.onEvent((event) => this.render(event));
    this.jobs = productionJobs({ db: deps.db, i18n: deps.i18n, logger: deps.logger });
  }

  private write(line: string): void {
    if (this.heading !== null) {
      this.output(this.heading);
      this.heading = null;
    }
    this.output(line);
  }

  static async open(options: ConsoleOptions): Promise<ConsoleSession> {
    const consoleClock = new ConsoleClock(options.clock ?? (() => new Date()));
    const clock = consoleClock.now;
    const database = await openPreparedDatabase({ wilayahCode: DEMO_WILAYAH, cacheDir: options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir });
    // The server listens first (its port is the app's address), and takes the app once it is built.
    let app: WebAppEndpoint | undefined;
    let webapp: ConsoleWebApp | null = null;
    try {
      // One transaction: one commit instead of one per row.
      const world = await database.db.transaction((tx) => seedDemo(tx, clock()));
      const logger = createLogger(options.logLevel ?? "silent");
      if (options.webapp) {
        const endpoint: WebAppEndpoint = { basePath: CONSOLE_APP_PATH, handle: async (req, res) => (app ? app.handle(req, res) : void res.writeHead(503).end()) };
        try {
          const server = await startHttpServer({
            port: options.webapp.port,
            // This machine only: the development sign-in lets anyone who reaches it be any demo person.
            host: "127.0.0.1",
            logger,
            health: async () => ({ ok: true, database: true, outboxLagSeconds: 0, lastUpdateAt: null, mode: "polling", webhookRefused: 0 }),
            webapp: endpoint,
          });
          webapp = { url: `http://127.0.0.1:${server.port}${CONSOLE_APP_PATH}`, server };
        } catch (error) {
          options.write(`⚠️  Dasbor (Mini App) tidak dijalankan: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const telegram = new TelegramSimulator(CONSOLE_BOT_INFO, clock);
      for (const person of world.people) telegram.addUser(person.user);
      // The real outbox and sender, unpaced: what the bot sends on its own shows up after each line.
      const { bot, deps, delivery } = composeBot({
        db: database.db,
        token: OFFLINE_TOKEN,
        logger,
        clock,
        fetch: telegram.fetch as unknown as typeof fetch,
        botInfo: CONSOLE_BOT_INFO,
        wilayahCode: DEMO_WILAYAH,
        adminTelegramIds: [],
        deliveryLimits: NO_LIMITS,
        wakeOnQueue: false,
        ...(webapp ? { webappUrl: webapp.url } : {}),
      });
      if (webapp) {
        app = createWebApp({
          db: database.db,
          botToken: OFFLINE_TOKEN,
          publicUrl: webapp.url,
          adminTelegramIds: [],
          texts: deps.i18n,
          clock,
          logger,
          devSignIn: { people: world.people.map((person) => ({ telegramId: person.user.id, label: person.name })) },
        });
      }
      const session = new ConsoleSession(database, deps, bot, delivery, telegram, world.people, options.write, consoleClock, new FileShelf(options.filesDir ?? DEFAULT_FILES_DIR), webapp);
      // As at a real start-up, so the command menu the bot registers is visible too (menu buttons come with each person's menu).
      await registerCommands(bot.api, deps, deps.logger);
      return session;
    } catch (error) {
      await webapp?.server.close();
      await database.close();
      throw error;
    }
  }

  /** The demo's database, for tests that set a scene the console has no command for. */
  get db(): BotDeps["db"] {
    return this.deps.db;
  }

  /** The console's Mini App address (http://127.0.0.1:<port>/app), or null when it is not served. */
  get webappUrl(): string | null {
    return this.webapp?.url ?? null;
  }

  /** The development sign-in as one demo person, going on to `next` (a page path) when given. */
  devSignInUrl(telegramId: number, next: string | null = null): string | null {
    if (!this.webapp) return null;
    return `${this.webapp.url}${DEV_SIGN_IN_PATH}?id=${telegramId}${next ? `&${NEXT_PARAM}=${encodeURIComponent(next)}` : ""}`;
  }

  get currentUser(): DemoPerson {
    return this.current;
  }

  prompt(): string {
    return `${this.current.name}> `;
  }

  printBanner(): void {
    const others = this.people.filter((p) => p !== this.current).map((p) => p.name);
    this.write("");
    this.write("BANTAR — konsol demo (tanpa token, tanpa jaringan; bot asli di PGlite dalam memori)");
    this.write(`Anda sekarang: ${this.current.name}, pengguna baru. Coba /start untuk mendaftar.`);
    this.write(`Pengguna lain: ${others.join(", ")}. Ganti dengan :as NAMA.`);
    this.write("Tekan tombol dengan #N (mis. #1); angka biasa dikirim sebagai teks. :users, :links, :waktu, :help, :quit.");
    if (this.webapp) {
      this.write(`Dasbor (Mini App) di peramban: ${this.webapp.url}${DEV_SIGN_IN_PATH} (masuk sebagai pengguna demo mana pun; hanya di konsol).`);
    }
    this.write("");
  }

  /** Handles one typed line. Returns false when the console should end. */
  async handle(line: string): Promise<boolean> {
    const input = parseInput(line, CONSOLE_BOT_INFO.username);
    switch (input.kind) {
      case "empty":
        return true;
      case "text":
        await this.deliver(this.telegram.textFrom(this.current.user, input.text));
        return true;
      case "open-link":
        this.write(`🔗 membuka tautan → /start ${input.payload}`);
        await this.deliver(this.telegram.textFrom(this.current.user, `/start ${input.payload}`));
        return true;
      case "press":
        await this.press(input.number);
        return true;
      case "show-buttons":
        this.showActiveKeyboard(true);
        return true;
      case "directive":
        return this.directive(input.name, input.argument);
    }
  }

  async close(): Promise<void> {
    await this.webapp?.server.close();
    await this.database.close();
  }

  private async directive(name: string, argument: string): Promise<boolean> {
    switch (name) {
      case "quit":
      case "q":
      case "exit":
        return false;
      case "as":
        await this.switchUser(argument);
        return true;
      case "users":
        await this.listUsers();
        return true;
      case "links":
        await this.listLinks();
        return true;
      case "waktu":
      case "time":
        await this.moveClock(argument);
        return true;
      case "help":
      case "h":
        for (const line of HELP) this.write(line);
        return true;
      default:
        this.write(`Perintah konsol tidak dikenal: :${name}. Ketik :help.`);
        return true;
    }
  }

  private async switchUser(query: string): Promise<void> {
    const found = matchPeople(this.people, query);
    if (found.length !== 1) {
      const candidates = found.length ? found : this.people;
      this.write(found.length ? `"${query}" cocok dengan beberapa pengguna:` : query ? `Tidak ada pengguna "${query}". Pilih salah satu:` : "Ganti ke siapa? :as NAMA, salah satu dari:");
      for (const person of candidates) this.write(`  ${person.name}`);
      return;
    }
    this.current = found[0]!;
    const who = await describeUser(this.deps.db, this.current.user.id, this.deps.adminTelegramIds);
    this.write(`— sekarang sebagai ${this.current.name} (${who}) —`);
    this.showActiveKeyboard(true, false);
  }

  private async listUsers(): Promise<void> {
    for (const person of this.people) {
      const who = await describeUser(this.deps.db, person.user.id, this.deps.adminTelegramIds);
      const account = [person.user.first_name, person.user.last_name].filter(Boolean).join(" ");
      this.write(`${person === this.current ? "*" : " "} ${person.name.padEnd(11)} ${who}  (Telegram: ${account}, id ${person.user.id})`);
    }
  }

  private async listLinks(): Promise<void> {
    const links = await listStartLinks(this.deps.db, DEMO_KELURAHAN, this.deps.clock());
    for (const link of links) {
      this.write(`  ${link.label}:  /start ${link.payload}`);
      this.write(`      ${deepLink(CONSOLE_BOT_INFO.username, link.payload)}`);
    }
    this.write("Kirim salah satu baris /start (atau tempel tautannya) sebagai pengguna yang belum punya RT, mis. :as baru.");
  }

  /**
   * `:waktu`: shows the clock, or moves it forward and runs, in order, what falls due on the way:
   * each job at its cron ticks (loan reminders 08.00, the Monday digest …), the reminder planner
   * at every stop, and the outbox at the time each queued message is due, so a reminder shows up
   * at its hour in the chat it goes to.
   */
  private async moveClock(argument: string): Promise<void> {
    const from = this.clock.now();
    const request = readClockRequest(argument, from);
    if (request.kind === "show") {
      this.write(`🕐 Sekarang ${formatWhen(from, "id")}. Maju dengan :waktu Minggu 06.00 atau :waktu +2j.`);
      return;
    }
    if (request.kind === "refused") {
      this.write(`🕐 ${CLOCK_REFUSALS[request.reason]}`);
      return;
    }
    const { runs, everyStep } = planClockMove(this.jobs, from, request.to);
    this.write(`🕐 Jam dimajukan dari ${formatWhen(from, "id")} ke ${formatWhen(request.to, "id")}…`);
    // The planner runs at the start too: what falls due soon is queued before the first stop.
    await this.runJobs(everyStep, from);
    await stepClock({
      from,
      to: request.to,
      runs,
      maxStepMs: CLOCK_STEP_MS,
      nextDue: (after) => nextPendingAt(this.deps.db, after),
      step: async (at, due) => {
        this.clock.moveTo(at);
        this.heading = `🕐 ${formatWhen(at, "id")}`;
        await this.runJobs([...everyStep, ...due], at);
      },
    });
    this.heading = null;
    this.write(`🕐 Sekarang ${formatWhen(this.clock.now(), "id")}.`);
    this.showActiveKeyboard(false);
  }

  private async runJobs(jobs: readonly ScheduledJob[], at: Date): Promise<void> {
    for (const job of jobs) {
      try {
        await job.run(at);
      } catch (error) {
        this.write(`❌ pekerjaan terjadwal ${job.name} gagal: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.delivery.engine.drain();
    await this.delivery.monitor.tick();
  }

  private async press(number: number): Promise<void> {
    const message = this.telegram.activeKeyboard(this.current.user.id);
    if (!message?.markup) {
      this.write("Tidak ada tombol untuk ditekan di chat ini.");
      return;
    }
    const button = flatButtons(message.markup)[number - 1];
    if (!button) {
      this.write(`Tidak ada tombol nomor ${number}. Tombol yang ada:`);
      this.showActiveKeyboard(true);
      return;
    }
    if ("url" in button && button.url) {
      this.write(`🔗 ${button.url}`);
      return;
    }
    if ("web_app" in button && button.web_app) {
      // Telegram would open the app signed in as this person; the console's sign-in does the same in a browser.
      const next = safeNextPath(new URL(button.web_app.url).searchParams.get(NEXT_PARAM));
      const url = this.devSignInUrl(this.current.user.id, next);
      this.write(url ? `🌐 buka di peramban: ${url}` : `Tombol "${button.text}" membuka dasbor, yang tidak dijalankan di konsol ini.`);
      return;
    }
    if (!("callback_data" in button) || button.callback_data === undefined) {
      this.write(`Tombol "${button.text}" tidak didukung di konsol.`);
      return;
    }
    this.write(`👆 ${button.text}`);
    await this.deliver(this.telegram.pressFrom(this.current.user, message, button.callback_data));
  }

  private async deliver(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      // In production bot.catch would log this and polling would go on; here it should be seen.
      this.write(`❌ bot gagal menangani update ${update.update_id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.delivery.engine.drain();
    await this.delivery.monitor.tick();
    this.showActiveKeyboard(false);
  }

  /**
   * Reprints the keyboard `#N` would press when it is not the one last printed (a newer one went
   * away, or we just switched user), so numbers always refer to something on screen.
   */
  private showActiveKeyboard(always: boolean, sayWhenNone = true): void {
    const userId = this.current.user.id;
    const message = this.telegram.activeKeyboard(userId);
    if (!message?.markup) {
      this.shownKeyboards.delete(userId);
      if (always && sayWhenNone) this.write("Tidak ada tombol di chat ini.");
      return;
    }
    if (!always && this.shownKeyboards.get(userId) === keyboardKey(message)) return;
    this.write(`⌨️  tombol pada pesan "${excerpt(message.text)}":`);
    for (const line of numberedKeyboard(message.markup)) this.write(line);
    this.shownKeyboards.set(userId, keyboardKey(message));
  }

  private nameOf(chatId: number): string {
    return this.people.find((p) => p.user.id === chatId)?.name ?? `chat ${chatId}`;
  }

  private render(event: TelegramEvent): void {
    switch (event.kind) {
      case "sent":
        this.renderMessage(event.message, null);
        for (const file of event.files ?? []) this.renderFile(event.message, file);
        return;
      case "edited":
        this.renderMessage(event.message, event.change);
        return;
      case "deleted":
        this.write(event.chatId === this.current.user.id ? `🗑️  pesan dihapus` : `🗑️  pesan di chat ${this.nameOf(event.chatId)} dihapus`);
        return;
      case "answered": {
        const marker = event.alert ? "⚠️  [peringatan]" : "💬 [notifikasi]";
        const target = event.userId === null || event.userId === this.current.user.id ? "" : ` (ke ${this.nameOf(event.userId)})`;
        for (const line of block(`${marker}${target}`, event.text)) this.write(line);
        return;
      }
      case "commands":
        if (event.chatId !== null) {
          const list = event.commands.length ? event.commands.map((c) => `/${c.command}`).join(" ") : "(kembali ke menu bawaan)";
          this.write(`☰ menu perintah ${this.nameOf(event.chatId)}: ${list}`);
          return;
        }
        this.write(`☰ menu perintah [${event.languageCode ?? "bawaan"}]: ${event.commands.map((c) => `/${c.command}`).join(" ")}`);
        return;
      case "refused":
        this.write(`⛔ Telegram menolak ${event.method}: ${event.description}`);
        return;
      case "other":
        this.write(`⚙️  ${event.method} ${JSON.stringify(event.payload)}`);
        return;
    }
  }

  /** A sent document or photo: saved, and its path printed under the message, to be opened. */
  private renderFile(message: StoredMessage, file: UploadedFile): void {
    try {
      const path = this.files.save({ chatName: this.nameOf(message.chatId), messageId: message.messageId, file });
      this.write(`   📁 ${path} (${formatSize(file.bytes.length)})`);
    } catch (error) {
      this.write(`   ❌ berkas ${file.filename} tidak bisa disimpan: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private renderMessage(message: StoredMessage, change: "text" | "markup" | null): void {
    const mine = message.chatId === this.current.user.id;
    // A file's caption is its text: say what it is, so an empty caption still shows a message.
    const kind = message.kind === "photo" ? "🖼️ [foto] " : message.kind === "document" ? "📎 [berkas] " : message.kind === "poll" ? `📊 [polling: ${message.poll?.options.map((option) => option.text).join(" / ") ?? ""}] ` : "";
    if (kind) message = { ...message, text: `${kind}${message.text}` };
    if (!mine) {
      const edited = change ? " (diedit)" : "";
      for (const line of block(`📨 ke ${this.nameOf(message.chatId)}${edited}:`, message.text)) this.write(line);
      if (message.markup) {
        for (const line of plainKeyboard(message.markup)) this.write(line);
        this.write(`   (tekan sebagai ${this.nameOf(message.chatId)}: :as ${this.nameOf(message.chatId).toLowerCase()})`);
      }
      return;
    }
    if (change === "markup") {
      this.write(message.markup ? `✏️  tombol pada pesan "${excerpt(message.text)}" diganti:` : `✏️  tombol pada pesan "${excerpt(message.text)}" dihapus`);
    } else {
      for (const line of block(change === "text" ? "✏️  (diedit)" : "🤖", message.text)) this.write(line);
    }
    if (!message.markup) return;
    // Only the bottom-most keyboard is pressable with #N; an older one is shown without numbers.
    const active = this.telegram.activeKeyboard(message.chatId);
    if (active?.messageId === message.messageId) {
      for (const line of numberedKeyboard(message.markup)) this.write(line);
      this.shownKeyboards.set(message.chatId, keyboardKey(message));
    } else {
      for (const line of plainKeyboard(message.markup)) this.write(line);
    }
  }
}

/** The clock stops at least this often, so the reminder planner (36 hours ahead) queues each reminder before it is due. */
const CLOCK_STEP_MS = 12 * 3_600_000;

function keyboardKey(message: StoredMessage): string {
  return `${message.messageId}:${JSON.stringify(message.markup)}`;
}
