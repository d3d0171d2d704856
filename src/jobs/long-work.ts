import type { Database } from "../db/client.js";
import { uploadPayload } from "../delivery/attachments.js";
import { anyQueuedUnder, enqueueMessages, PRIORITY } from "../delivery/outbox.js";

/**
 * One request for long work, as the job queue stores it: plain data, so any process can rebuild
 * the work after a crash. Who asked (their chat, person and language, read when they asked), when
 * they asked (the work is what they would have got then), and what: `data`, the work's own params.
 */
export type LongWorkEnvelope = {
  /** The registered work's name (`defineLongWork`). */
  work: string;
  /** Names the request (the work and the message or button press that asked): queued once, delivered once. */
  key: string;
  chatId: number;
  telegramId: number;
  personId: number | null;
  locale: string;
  /** ISO time of the request. */
  requestedAt: string;
  data: unknown;
};

/** One message of a result, queued in the outbox under `<job key>:<part>`; PRIORITY.notification unless said. */
export type ResultPart = { part: string; method?: "sendMessage" | "sendPhoto" | "sendDocument" | "editMessageText"; payload: Record<string, unknown>; priority?: number };

export type ResultDeps = { db: Database; clock: () => Date; wakeDelivery: () => void };

/**
 * What long work produced goes to the person through the outbox, all parts in one insert, keyed by
 * the request: a retry after a crash between the insert and the job's completion queues nothing twice.
 */
export async function deliverResult(deps: ResultDeps, to: Pick<LongWorkEnvelope, "key" | "chatId" | "personId">, parts: readonly ResultPart[]): Promise<number> {
  if (parts.length === 0) return 0;
  const base = { chatId: to.chatId, personId: to.personId, notBefore: deps.clock() };
  const queued = await enqueueMessages(
    deps.db,
    parts.map((part) => ({ ...base, priority: part.priority ?? PRIORITY.notification, dedupeKey: `${to.key}:${part.part}`, method: part.method ?? "sendMessage", payload: part.payload })),
  );
  deps.wakeDelivery();
  return queued;
}

/**
 * Whether the request's result (or a refusal) was queued already: a job failed by pg-boss while its
 * handler still ran (a shutdown past its grace, an expiry) may have delivered after all.
 */
export function resultQueued(deps: Pick<ResultDeps, "db">, key: string): Promise<boolean> {
  return anyQueuedUnder(deps.db, `${key}:`);
}

/** A file part: the bytes ride in the outbox row (delivery/attachments.ts). */
export function filePart(part: string, method: "sendPhoto" | "sendDocument", filename: string, bytes: Uint8Array, caption?: string): ResultPart {
  return { part, method, payload: uploadPayload(method, filename, bytes, caption === undefined ? {} : { caption }) };
}

export function textPart(part: string, text: string): ResultPart {
  return { part, payload: { text } };
}
