import { readButton } from "../../src/messages/buttons/index.js";
import { FakeTelegram as TelegramModel, type FakeTelegramOptions } from "../../src/testing/fake-telegram.js";

export type { ApiCall, ApiFailure, StoredMessage, UploadedFile } from "../../src/testing/fake-telegram.js";

/**
 * The one Telegram model (src/testing/fake-telegram.ts) as the tests use it: any chat id exists,
 * the bot's message ids start at 101, and a keyboard whose button no family reads is refused, so a
 * test fails on a button that would be dead when pressed.
 */
export class FakeTelegram extends TelegramModel {
  constructor(options: FakeTelegramOptions = {}) {
    super({ firstMessageId: 101, readsButton: (data) => readButton(data) !== undefined, ...options });
  }
}

/** A document the bot uploaded to a chat, as Telegram received it. */
export type SentDocument = { filename: string; bytes: Buffer; caption: string | undefined };

/** Documents uploaded (sendDocument with a file, not a file_id) to one chat that Telegram accepted, oldest first. */
export function sentDocuments(telegram: TelegramModel, chatId: number): SentDocument[] {
  return telegram
    .callsOf("sendDocument")
    .filter((call) => call.payload.chat_id === chatId && call.result !== undefined)
    .flatMap((call) => {
      const file = call.files?.find((upload) => upload.field === "document");
      return file ? [{ filename: file.filename, bytes: file.bytes, caption: typeof call.payload.caption === "string" ? call.payload.caption : undefined }] : [];
    });
}

