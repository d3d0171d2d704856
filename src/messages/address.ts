import type { Translate } from "./translate.js";

/** How a person chose to be addressed; null when they never chose (the name alone). */
export type Greeting = "pak" | "bu" | "kak" | "name";
export const GREETINGS: readonly Greeting[] = ["pak", "bu", "kak", "name"];

/** Anything that has a name and a greeting: a person row, an actor's person, a member view. */
export type Addressee = { greeting: Greeting | null; name: string | null };

/**
 * The one way the bot names or addresses a person: "Pak Harun", "Bu Siti", "Kak Dewi", or "Dewi"
 * (in English "Mr Harun", "Ms Siti", "Dewi"), as they chose at registration or in /profil. Someone
 * who never chose is named alone; someone erased (no name) is "-". `t` is the reader's language:
 * `ctx.t` in an update, `translateIn(deps.i18n, locale)` in a service or job. The honorifics live
 * in locales/*.ftl as `address-<greeting>`.
 */
export function addressName(t: Translate, person: Addressee): string {
  if (person.name === null || person.name.trim() === "") return "-";
  return t(`address-${person.greeting ?? "name"}`, { name: person.name });
}
