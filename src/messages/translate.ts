/**
 * Message text outside an update (services, jobs, reports) is looked up by locale; inside an update
 * the bot's `ctx.t` has the same shape as `Translate`. Both come from locales/*.ftl.
 */
export type Vars = Record<string, string | number>;

/** Text in one language already chosen: `ctx.t`, or `translateIn(texts, locale)`. */
export type Translate = (key: string, vars?: Vars) => string;

/** The catalogue of every language (the bot's I18n instance satisfies it). */
export type Texts = { t(locale: string, key: string, vars?: Vars): string };

export function translateIn(texts: Texts, locale: string): Translate {
  return (key, vars) => texts.t(locale, key, vars);
}
