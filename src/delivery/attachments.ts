import { InputFile } from "grammy";

/**
 * A file carried inside an outbox row's payload, base64 in the jsonb, for sendPhoto and
 * sendDocument. Meant for a few small files a week (a digest's chart and workbook, tens of kB),
 * not bulk media: every copy lives in the row until the row is pruned.
 */
export type OutboxUpload = { field: "photo" | "document"; filename: string; base64: string };

const FIELD_OF_METHOD: Record<string, OutboxUpload["field"]> = { sendPhoto: "photo", sendDocument: "document" };

/** The payload of an outbox row that uploads `bytes` as the method's file. */
export function uploadPayload(method: "sendPhoto" | "sendDocument", filename: string, bytes: Uint8Array, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const upload: OutboxUpload = { field: FIELD_OF_METHOD[method]!, filename, base64: Buffer.from(bytes).toString("base64") };
  return { ...extra, upload };
}

export class BadUploadError extends Error {}

/**
 * What the engine hands to Telegram: a row's payload with its `upload` turned into an InputFile
 * under the field its method expects. Rows without an upload pass through unchanged; an upload on
 * another method, or under the wrong field, is refused rather than sent half-formed.
 */
export function toApiPayload(method: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (!("upload" in payload)) return payload;
  const { upload, ...rest } = payload;
  const expected = FIELD_OF_METHOD[method];
  if (
    !expected ||
    typeof upload !== "object" || upload === null ||
    (upload as OutboxUpload).field !== expected ||
    typeof (upload as OutboxUpload).filename !== "string" ||
    typeof (upload as OutboxUpload).base64 !== "string"
  ) {
    throw new BadUploadError(`the upload of this ${method} row is malformed`);
  }
  const { field, filename, base64 } = upload as OutboxUpload;
  return { ...rest, [field]: new InputFile(Buffer.from(base64, "base64"), filename) };
}
