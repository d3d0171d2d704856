import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Database } from "../db/client.js";
import type { DownloadFile } from "../delivery/telegram-files.js";
import { evidenceFileOf } from "../domain/evidence/evidence.js";
import type { Actor } from "../domain/people/actor.js";
import { canManageRt } from "../domain/roles/scope.js";
import { getRt } from "../domain/rt/rt.js";
import type { Logger } from "../logger.js";

/** What the photos kept in memory may weigh together; the least recently served go first. */
export const PHOTO_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Kept by the phone but asked about again each time (a 304 when unchanged, from the server's own
 * cache): the right to see a photo is checked on every read, so a removed photo, or a koordinator
 * who has left the area, stops seeing it at once, at the price of one small request per photo.
 */
const PHOTO_CACHE_CONTROL = "private, no-cache";

/** A photo's bytes as served: what they are (read from them, not trusted from anyone) and their tag. */
export type CachedPhoto = { fileId: string; bytes: Uint8Array; contentType: string; etag: string };

/**
 * The photos fetched from Telegram, by evidence id, bounded by their total size: a Map keeps
 * insertion order, so the first key is the least recently used one (each hit is moved to the end).
 */
export class PhotoCache {
  private readonly entries = new Map<number, CachedPhoto>();
  private total = 0;

  constructor(readonly maxBytes: number = PHOTO_CACHE_BYTES) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(evidenceId: number): CachedPhoto | undefined {
    const photo = this.entries.get(evidenceId);
    if (photo) {
      this.entries.delete(evidenceId);
      this.entries.set(evidenceId, photo);
    }
    return photo;
  }

  /** Keeps the photo unless it alone is over the budget; drops the least recently used until it fits. */
  set(evidenceId: number, photo: CachedPhoto): void {
    this.delete(evidenceId);
    if (photo.bytes.byteLength > this.maxBytes) return;
    this.entries.set(evidenceId, photo);
    this.total += photo.bytes.byteLength;
    for (const [id, oldest] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(id);
      this.total -= oldest.bytes.byteLength;
    }
  }

  delete(evidenceId: number): void {
    const photo = this.entries.get(evidenceId);
    if (!photo) return;
    this.entries.delete(evidenceId);
    this.total -= photo.bytes.byteLength;
  }
}

/** The image type of the bytes by their first bytes, or null: anything else is never served from our origin. */
export function imageTypeOf(bytes: Uint8Array): string | null {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  return null;
}

/** Does an If-None-Match header name this tag (or any, "*")? Weak tags compare as strong ones here (the bytes are the same). */
function matchesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const tag = part.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

export type PhotoAnswer =
  | { status: 200 | 304; photo: CachedPhoto }
  /** 404: no such photo for the dashboard (never was, removed, a team's); 403: not the reader's RT; 502: Telegram did not give it. */
  | { status: 403 | 404 | 502 };

export type PhotoServerDeps = {
  db: Database;
  /** Telegram's file by file_id, through the bot's own transport; without it no photo is served (502). */
  downloadFile?: DownloadFile;
  logger: Logger;
  cacheBytes?: number;
};

/**
 * The RT page's evidence photos, `GET <base>/photo/<evidenceId>`: the photo is looked up first (a
 * removed one is gone, from the cache too), then the reader's right over its RT is checked as the RT
 * page checks it (canManageRt), and only then are the bytes fetched from Telegram, once: they are
 * kept in a bounded cache, and two readers asking at once share one download. Nothing about the
 * photo is logged but why a download failed.
 */
export function createPhotoServer(deps: PhotoServerDeps) {
  const cache = new PhotoCache(deps.cacheBytes ?? PHOTO_CACHE_BYTES);
  const downloads = new Map<number, Promise<CachedPhoto>>();
  const log = deps.logger.child({ component: "webapp-photos" });

  async function download(downloadFile: DownloadFile, evidenceId: number, fileId: string): Promise<CachedPhoto> {
    const bytes = await downloadFile(fileId);
    const contentType = imageTypeOf(bytes);
    if (contentType === null) throw new Error("not-an-image");
    const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
    const photo = { fileId, bytes, contentType, etag };
    cache.set(evidenceId, photo);
    return photo;
  }

  function fetchOnce(downloadFile: DownloadFile, evidenceId: number, fileId: string): Promise<CachedPhoto> {
    const pending = downloads.get(evidenceId);
    if (pending) return pending;
    const started = download(downloadFile, evidenceId, fileId).finally(() => downloads.delete(evidenceId));
    downloads.set(evidenceId, started);
    return started;
  }

  async function answer(actor: Actor, evidenceId: number, ifNoneMatch: string | undefined): Promise<PhotoAnswer> {
    const file = await evidenceFileOf(deps.db, { evidenceId });
    if (!file) {
      cache.delete(evidenceId);
      return { status: 404 };
    }
    if (!canManageRt(actor, await getRt(deps.db, file.rtId))) return { status: 403 };
    let photo = cache.get(evidenceId);
    if (!photo || photo.fileId !== file.fileId) {
      if (!deps.downloadFile) return { status: 502 };
      try {
        photo = await fetchOnce(deps.downloadFile, evidenceId, file.fileId);
      } catch (error) {
        // The reason only: the error of a download never carries the token or the path, and the
        // file id and the RT are left out as well.
        log.warn({ reason: error instanceof Error && "reason" in error ? String(error.reason) : error instanceof Error ? error.message : "failed" }, "mini app photo not fetched");
        return { status: 502 };
      }
    }
    return { status: matchesTag(ifNoneMatch, photo.etag) ? 304 : 200, photo };
  }

  return { answer, cache };
}

export type PhotoServer = ReturnType<typeof createPhotoServer>;

/** Writes a photo (200) or its "not modified" (304): private to the reader's browser, a day. */
export function sendPhoto(res: ServerResponse, answer: { status: 200 | 304; photo: CachedPhoto }): void {
  const { photo } = answer;
  const headers = {
    "cache-control": PHOTO_CACHE_CONTROL,
    etag: photo.etag,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'",
  };
  if (answer.status === 304) return void res.writeHead(304, headers).end();
  res.writeHead(200, { ...headers, "content-type": photo.contentType, "content-length": String(photo.bytes.byteLength) }).end(photo.bytes);
}
