import type { I18n } from "@grammyjs/i18n";
import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { GrammyError, HttpError, type Api } from "grammy";
import type { Database } from "../db/client.js";
import { commandMenu } from "../db/schema/index.js";
import { loadActor, type Actor } from "../domain/people/actor.js";
import { wantMenus } from "../domain/people/menu.js";
import type { Logger } from "../logger.js";
import { DEFAULT_LOCALE, supportedLocale } from "../messages/locale.js";
import { backoffMs } from "./engine.js";
import type { Pacer } from "./pacer.js";

export type MenuSyncOptions = {
  db: Database;
  /** An Api whose calls are not paced again: the sync asks the pacer itself. */
  api: Api;
  pacer: Pacer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  i18n: I18n<any>;
  logger: Logger;
  /** Admins from the configuration hold no role row; their menu still shows the admin's commands. */
  adminTelegramIds: readonly number[];
  /** The commands a person's menu lists (the bot's list, read by the bot layer: bot/commands.ts menuCommands). */
  menuOf: (actor: Actor) => readonly string[];
  /**
   * The chat's menu button, when it opens the Mini App (bot/set-commands.ts dashboardMenuButton):
   * given only to those the app has pages for; everyone else keeps Telegram's default button, the
   * command list.
   */
  menuButtonOf?: (actor: Actor, locale: string) => MenuButton | null;
  maxAttempts?: number;
  leaseMs?: number;
};

/** A Mini App menu button: its text and the address it opens. */
export type MenuButton = { text: string; url: string };

/**
 * How a pushed menu is recorded in command_menu.sent: `<locale>:<commands>` (or `-`, the default
 * commands), then `|app:<text>|<url>` when the menu button opens the app; null when both are the defaults.
 */
const APP_MARK = "|app:";
const DEFAULT_COMMANDS = "-";

function splitSent(sent: string | null): { commands: string | null; app: string | null } {
  if (sent === null) return { commands: null, app: null };
  const at = sent.indexOf(APP_MARK);
  const commands = at < 0 ? sent : sent.slice(0, at);
  return { commands: commands === DEFAULT_COMMANDS ? null : commands, app: at < 0 ? null : sent.slice(at + APP_MARK.length) };
}

/** The record of a menu as pushed; a button needs one even beside the default commands, so it can be taken back later. */
function sentOf(commands: string | null, app: string | null): string | null {
  return app === null ? commands : `${commands ?? DEFAULT_COMMANDS}${APP_MARK}${app}`;
}

/** A menu push claimed from command_menu. */
export type MenuTask = { personId: number; chatId: number; generation: number; sent: string | null; attempts: number };

/** After the outbox's announcements: a menu a few seconds late harms nobody. */
const MENU_PRIORITY = 40;

/** Someone the bot does not know: the default menu (no scope) is theirs. */
const STRANGER: Actor = { telegramId: 0, person: null, membership: null, grants: [] };

/**
 * Pushes people's own "/" menus (Telegram's per-chat command scope) that a role change marked
 * (domain/people/menu.ts), and with them their chat's menu button: the Mini App's for those it has
 * pages for (menuButtonOf), Telegram's default (the command list) for everyone else. The menu is read from the person's roles at push time, so it is the
 * newest; a menu equal to the one last set is not sent again; a chat whose menu would be the
 * default's (a stranger's, an erased person's) has its scope deleted. Paced as the outbox is;
 * refusals give up, network and server errors retry later. Safe in several processes at once.
 */
export class MenuSync {
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  /** The default menu's commands, which a chat without its own scope shows. */
  private readonly defaultMenu: string;

  constructor(private readonly options: MenuSyncOptions) {
    this.defaultMenu = options.menuOf(STRANGER).join(",");
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Due pushes, leased: a process that dies holding one lets it come back after the lease. */
  async claim(now: Date, limit: number): Promise<MenuTask[]> {
    if (limit <= 0) return [];
    const { db } = this.options;
    const due = db
      .select({ personId: commandMenu.personId })
      .from(commandMenu)
      .where(and(gt(commandMenu.generation, commandMenu.syncedGeneration), lte(commandMenu.notBefore, now), notExists(this.chatBusy(now))))
      .orderBy(asc(commandMenu.notBefore), asc(commandMenu.personId))
      .limit(limit)
      .for("update", { skipLocked: true });
    return db
      .update(commandMenu)
      .set({ notBefore: new Date(now.getTime() + this.leaseMs), attempts: sql`${commandMenu.attempts} + 1` })
      .where(inArray(commandMenu.personId, due))
      .returning({ personId: commandMenu.personId, chatId: commandMenu.chatId, generation: commandMenu.generation, sent: commandMenu.sent, attempts: commandMenu.attempts });
  }

  /**
   * Another row of the same chat (an erased person's, whose user registered again) is being pushed,
   * or is due before this one: one chat's pushes take turns, so the last call to Telegram is the
   * one the rows record.
   */
  private chatBusy(now: Date) {
    const other = alias(commandMenu, "other_menu");
    return this.options.db
      .select({ one: sql`1` })
      .from(other)
      .where(
        and(
          eq(other.chatId, commandMenu.chatId),
          ne(other.personId, commandMenu.personId),
          gt(other.generation, other.syncedGeneration),
          or(gt(other.notBefore, now), lt(other.personId, commandMenu.personId)),
        ),
      );
  }

  async push(task: MenuTask, now: Date): Promise<void> {
    const { db, api, pacer, i18n, logger } = this.options;
    const scope = { type: "chat" as const, chat_id: task.chatId };
    const actor = await loadActor(db, task.chatId, this.options.adminTelegramIds);
    // The chat is nobody's, or someone else's (the person was erased and the user registered again):
    // the row is an erased person's, whose menu is taken away; the new person's row pushes theirs.
    const erased = actor.person === null || actor.person.id !== task.personId;
    const locale = supportedLocale(actor.person?.locale);
    const commands = this.options.menuOf(actor);
    const ownCommands = erased || (locale === DEFAULT_LOCALE && commands.join(",") === this.defaultMenu) ? null : `${locale}:${commands.join(",")}`;
    const button = erased ? null : (this.options.menuButtonOf?.(actor, locale) ?? null);
    const ownApp = button ? `${button.text}|${button.url}` : null;
    const own = sentOf(ownCommands, ownApp);
    if (own === task.sent) return this.settle(task, own, null, now);
    const before = splitSent(task.sent);
    // What Telegram shows now: the commands once their call succeeded, the button as before until its own does.
    let reached = task.sent;
    try {
      // Each part is sent only when it changed: most role changes touch the commands alone.
      if (ownCommands !== before.commands) {
        await pacer.acquire(task.chatId, MENU_PRIORITY);
        if (ownCommands === null) await api.deleteMyCommands({ scope });
        else await api.setMyCommands(commands.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) })), { scope });
        reached = sentOf(ownCommands, before.app);
      }
      if (ownApp !== before.app) {
        await pacer.acquire(task.chatId, MENU_PRIORITY);
        await api.setChatMenuButton({ chat_id: task.chatId, menu_button: button ? { type: "web_app", text: button.text, web_app: { url: button.url } } : { type: "default" } });
      }
    } catch (error) {
      // The commands went through and the button did not: the row says so, so a retry sends the
      // button alone, and a later change back to the old commands is not taken for "already sent".
      if (reached !== task.sent) {
        await db.update(commandMenu).set({ sent: reached }).where(eq(commandMenu.personId, task.personId));
        task = { ...task, sent: reached };
        // The erased person's commands were deleted from a chat that is now someone else's: theirs go again.
        if (erased && actor.person) await this.repush(actor.person.id, now);
      }
      if (error instanceof GrammyError && error.error_code === 429) {
        const retryAfterMs = (error.parameters.retry_after ?? 1) * 1000;
        pacer.pause(retryAfterMs);
        await this.retryAt(task, new Date(now.getTime() + retryAfterMs), error.description);
        return;
      }
      const reason = error instanceof GrammyError ? error.description : error instanceof HttpError ? String(error.error) : String(error);
      // Refused (a chat that blocked the bot, a bad menu) or tried too often: given up until the next change.
      if ((error instanceof GrammyError && error.error_code < 500) || task.attempts >= this.maxAttempts) {
        logger.warn({ personId: task.personId, reason }, "a person's command menu could not be set");
        // An erased person's chat id is not kept for a retry that will not come.
        return this.settle(task, erased ? null : task.sent, reason, now);
      }
      await this.retryAt(task, new Date(now.getTime() + backoffMs(task.attempts)), reason);
      return;
    }
    await this.settle(task, own, null, now);
    // The scope deleted was perhaps the new person's menu too: theirs is pushed again from the default.
    if (erased && actor.person) await this.repush(actor.person.id, now);
  }

  private async repush(personId: number, now: Date): Promise<void> {
    await this.options.db.transaction(async (tx) => {
      await tx.update(commandMenu).set({ sent: null }).where(eq(commandMenu.personId, personId));
      await wantMenus(tx, [personId], now);
    });
  }

  /**
   * The push of `task.generation` is over: a later mark keeps the row due (it is pushed next); a row
   * back at the default menu with nothing left to push is deleted, and its chat id with it.
   */
  private async settle(task: MenuTask, sent: string | null, lastError: string | null, now: Date): Promise<void> {
    const { db } = this.options;
    // The lease ends with the push: a mark made meanwhile is due at once.
    await db
      .update(commandMenu)
      .set({ sent, syncedGeneration: task.generation, attempts: 0, lastError, notBefore: now })
      .where(eq(commandMenu.personId, task.personId));
    await db.delete(commandMenu).where(and(eq(commandMenu.personId, task.personId), isNull(commandMenu.sent), eq(commandMenu.generation, commandMenu.syncedGeneration)));
  }

  private async retryAt(task: MenuTask, at: Date, reason: string): Promise<void> {
    await this.options.db.update(commandMenu).set({ notBefore: at, lastError: reason }).where(eq(commandMenu.personId, task.personId));
  }
}
