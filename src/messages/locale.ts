import { SUPPORTED_LOCALES, type Locale } from "../domain/people/person.js";

/** Indonesian first: the language of every message unless a person chose another. */
export const DEFAULT_LOCALE: Locale = "id";

/** A stored or offered language the bot speaks, else the default. The one resolver for jobs, services and the bot. */
export function supportedLocale(locale: string | null | undefined): Locale {
  return locale && (SUPPORTED_LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : DEFAULT_LOCALE;
}
