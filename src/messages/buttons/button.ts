import type { Audience } from "../../domain/people/audience.js";

/**
 * A button family is defined once: how its callback data is written, how it is read back, and who
 * may press it. The authorization middleware refuses data no family reads, so a forged or retired
 * button never reaches a handler; handlers receive typed values, never regex groups.
 */
export type Field<T> = { read(text: string): T | undefined; write(value: T): string };

/** Telegram's limit for callback data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

const INTEGER = /^(0|-?[1-9]\d{0,14})$/;

/** A row id: a positive integer. */
export const id: Field<number> = {
  read: (text) => (INTEGER.test(text) && Number(text) > 0 ? Number(text) : undefined),
  write: (value) => String(value),
};
/** Any safe integer (an offset, a count). */
export const int: Field<number> = {
  read: (text) => (INTEGER.test(text) ? Number(text) : undefined),
  write: (value) => String(value),
};
/** A page number, 0-based, below 100,000. */
export const page: Field<number> = {
  read: (text) => (/^(0|[1-9]\d{0,4})$/.test(text) ? Number(text) : undefined),
  write: (value) => String(value),
};
/** Yes/no as 1/0. */
export const flag: Field<boolean> = {
  read: (text) => (text === "1" ? true : text === "0" ? false : undefined),
  write: (value) => (value ? "1" : "0"),
};
/** One of a fixed set of words. */
export function oneOf<const T extends string>(...values: readonly T[]): Field<T> {
  return { read: (text) => (values as readonly string[]).includes(text) ? (text as T) : undefined, write: (value) => value };
}
/** Free-form text of a given shape (a month "2026-11", an indicator "B3"). */
export function shaped(pattern: RegExp): Field<string> {
  const whole = new RegExp(`^(?:${pattern.source})$`);
  return { read: (text) => (whole.test(text) ? text : undefined), write: (value) => value };
}
/** A form's request key (a UUID or a shorter token): what makes a saved form idempotent. */
export const requestKey: Field<string> = shaped(/[0-9A-Za-z_-]{8,36}/);

type Values<F extends Record<string, Field<unknown>>> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export type ButtonFamily<V> = {
  readonly prefix: string;
  readonly audience: Audience;
  /** The callback data for these values; throws past Telegram's 64 bytes (a programming error). */
  data(values: V): string;
  /** The values in `data`, or undefined when it is not this family's or does not parse. */
  read(data: string): V | undefined;
  /** For grammY's `callbackQuery(...)`: data that starts with this family's prefix. */
  readonly trigger: RegExp;
};

const PREFIX = /^[a-z][a-z0-9-]{1,15}(\.[a-z][a-z0-9-]{0,15})?$/;

/**
 * `defineButton("rsvp", AUDIENCES.residents, { occurrence: id, answer: oneOf("hadir", "tidak") })`
 * writes "rsvp:12:hadir". Prefixes are readable words ("bank.setor"), not two-letter codes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each field keeps its own value type
export function defineButton<const F extends Record<string, Field<any>>>(prefix: string, audience: Audience, fields: F): ButtonFamily<Values<F>>;
export function defineButton(prefix: string, audience: Audience, fields: Record<string, Field<unknown>>): ButtonFamily<Record<string, unknown>> {
  if (!PREFIX.test(prefix)) throw new Error(`button prefix "${prefix}" is not a short lower-case word`);
  const names = Object.keys(fields);
  const escaped = prefix.replace(/\./g, "\\.");
  return {
    prefix,
    audience,
    trigger: new RegExp(`^${escaped}(:|$)`),
    data(values) {
      const data = [prefix, ...names.map((name) => fields[name]!.write(values[name]))].join(":");
      if (Buffer.byteLength(data) > CALLBACK_DATA_LIMIT) throw new Error(`callback data over ${CALLBACK_DATA_LIMIT} bytes: ${prefix}`);
      return data;
    },
    read(data) {
      const parts = data.split(":");
      if (parts[0] !== prefix || parts.length !== names.length + 1) return undefined;
      const values: Record<string, unknown> = {};
      for (const [index, name] of names.entries()) {
        const value = fields[name]!.read(parts[index + 1]!);
        if (value === undefined) return undefined;
        values[name] = value;
      }
      return values;
    },
  };
}

/** A family with no values: a single fixed button ("keluar.ya"). */
export function fixedButton(prefix: string, audience: Audience): ButtonFamily<Record<string, never>> {
  return defineButton(prefix, audience, {});
}
