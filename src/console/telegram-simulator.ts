import type { Update, UserFromGetMe } from "grammy/types";
import { FakeTelegram, type ChatUser, type StoredMessage } from "../testing/fake-telegram.js";

export type { StoredMessage, TelegramEvent } from "../testing/fake-telegram.js";

/** A Telegram account played by the person at the console. */
export type SimulatedUser = ChatUser;

/**
 * The Telegram model (src/testing/fake-telegram.ts), strict as Telegram is: only the demo people's
 * chats exist and a callback query is answered once. It adds the updates a user's actions produce.
 */
export class TelegramSimulator extends FakeTelegram {
  private nextUpdateId = 1;
  private nextQueryId = 1;

  constructor(botInfo: UserFromGetMe, clock: () => Date) {
    // The console runs for as long as someone types: nothing reads a log of calls.
    super({ botInfo, clock, strict: true, record: false });
  }

  /** A user who has opened a private chat with the bot (only those can be messaged by it). */
  addUser(user: SimulatedUser): void {
    this.openChat(user);
  }

  /** The update Telegram sends when the user types `text` in their chat with the bot. */
  textFrom(user: SimulatedUser, text: string): Update {
    const stored = this.receive(user.id, text);
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    return {
      update_id: this.nextUpdateId++,
      message: {
        ...this.messageObject(stored),
        from: this.userObject(user),
        ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      },
    } as Update;
  }

  /** The update Telegram sends when the user taps a callback button under one of the bot's messages. */
  pressFrom(user: SimulatedUser, message: StoredMessage, data: string): Update {
    const id = `${user.id}-${this.nextQueryId++}`;
    this.openQuery(id, user.id);
    return {
      update_id: this.nextUpdateId++,
      callback_query: { id, from: this.userObject(user), chat_instance: `console-${user.id}`, message: this.messageObject(message), data },
    } as Update;
  }
}
