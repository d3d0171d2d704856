import type { BroadcastSender } from "../db/schema/delivery.js";
import { SUPPORTED_LOCALES } from "../domain/people/person.js";
import { addressName } from "./address.js";
import type { Texts, Translate } from "./translate.js";

/** Telegram's limit on a photo's caption. */
export const CAPTION_MAX_LENGTH = 1024;

/** Between the sender line and the announcement. */
const SEPARATOR = "\n\n";

type Entity = { offset: number; length: number } & Record<string, unknown>;

/**
 * The first line of an announcement, in the recipient's language: "Dari Ketua RT 05, Pak Harun".
 * The one place that names the sender (how a person is addressed comes in here).
 */
export function senderLine(t: Translate, sender: BroadcastSender): string {
  const name = addressName(t, { greeting: sender.greeting ?? null, name: sender.name });
  switch (sender.role) {
    case "ketua":
      return t("announce-from-ketua", { rt: sender.area ?? "", name });
    case "koordinator":
      if (sender.area === null || sender.areaKind === null) return t("announce-from-koordinator", { name });
      return t(sender.areaKind === "kelurahan" ? "announce-from-koordinator-kelurahan" : "announce-from-koordinator-kecamatan", { area: sender.area, name });
    case "admin":
      return t("announce-from-admin", { name });
  }
}

/**
 * What a recipient gets: the sender line (in italics), a blank line, then the announcement with its
 * own formatting moved past the line (Telegram counts offsets in UTF-16 units, as JavaScript does).
 * Without a sender (announcements from before the line, or an erased sender) it is the text alone.
 */
export function announcementBody(t: Translate, sender: BroadcastSender | null, text: string, entities: readonly unknown[] | null): { text: string; entities: unknown[] | null } {
  if (!sender) return { text, entities: entities ? [...entities] : null };
  const line = senderLine(t, sender);
  const prefix = text === "" ? line : line + SEPARATOR;
  const moved = (entities ?? []).map((entity) => ({ ...(entity as Entity), offset: (entity as Entity).offset + prefix.length }));
  return { text: prefix + text, entities: [{ type: "italic", offset: 0, length: line.length }, ...moved] };
}

/**
 * The longest caption a poster may carry: Telegram's 1,024 less the sender line in its longest
 * language, so every recipient's copy fits.
 */
export function captionRoom(texts: Texts, sender: BroadcastSender | null): number {
  if (!sender) return CAPTION_MAX_LENGTH;
  const longest = Math.max(...SUPPORTED_LOCALES.map((locale) => senderLine((key, vars) => texts.t(locale, key, vars), sender).length));
  return CAPTION_MAX_LENGTH - longest - SEPARATOR.length;
}

/** One copy's Bot API call: a text message, or the poster with the text as its caption. */
export function announcementCopy(
  t: Translate,
  announcement: { sender: BroadcastSender | null; text: string; entities: readonly unknown[] | null; photoFileId: string | null },
): { method: "sendMessage" | "sendPhoto"; payload: Record<string, unknown> } {
  const body = announcementBody(t, announcement.sender, announcement.text, announcement.entities);
  if (announcement.photoFileId === null) return { method: "sendMessage", payload: { text: body.text, ...(body.entities ? { entities: body.entities } : {}) } };
  return {
    method: "sendPhoto",
    payload: { photo: announcement.photoFileId, ...(body.text ? { caption: body.text } : {}), ...(body.entities?.length ? { caption_entities: body.entities } : {}) },
  };
}
