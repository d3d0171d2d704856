import type { Database } from "../../db/client.js";
import { supportedLocale } from "../../messages/locale.js";
import { noticeTo, type Notice, type Recipient } from "../../messages/notices.js";
import { translateIn, type Texts, type Translate } from "../../messages/translate.js";
import { findLocale } from "../people/person.js";

/**
 * A notice to one person in the language they chose (looked up on `db`, the service's
 * transaction); none for someone who erased their data.
 */
export async function noticeInTheirLanguage(
  db: Database,
  texts: Texts,
  recipient: Recipient,
  event: string,
  text: (t: Translate, locale: string) => string,
  keyboard?: (t: Translate) => NonNullable<Notice["replyMarkup"]>,
): Promise<Notice[]> {
  if (recipient.telegramId === null) return [];
  const locale = supportedLocale(recipient.locale ?? (await findLocale(db, recipient.telegramId)));
  const t = translateIn(texts, locale);
  return noticeTo(recipient, event, text(t, locale), keyboard?.(t));
}
