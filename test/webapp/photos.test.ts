import { eq } from "drizzle-orm";
import { encode } from "fast-png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessmentRound, evidence } from "../../src/db/schema/index.js";
import { FileDownloadError } from "../../src/delivery/telegram-files.js";
import { addEvidence, removeEvidence, type EvidenceTarget } from "../../src/domain/evidence/evidence.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { createLogger } from "../../src/logger.js";
import type { App } from "../../src/runtime/app.js";
import { createPhotoServer, imageTypeOf, PhotoCache, type CachedPhoto } from "../../src/webapp/photos.js";
import { SESSION_COOKIE } from "../../src/webapp/session.js";
import { addOccurrences } from "../domain/scores/builders.js";
import { withTestDatabase } from "../helpers/database.js";
import { addAdmin, addKetua, addKoordinator, addRt, KECAMATAN_TELANAIPURA, KELURAHAN_BULURAN_KENALI, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import { serviceDeps } from "../helpers/service-deps.js";
import type { TestUser } from "../helpers/test-bot.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { appUrl, getPage, signIn, visibleText } from "./client.js";

const database = withTestDatabase();
/** Friday 4 December 2026, 10.00 WIB. */
const NOW = new Date("2026-12-04T03:00:00Z");
const stub = new TelegramStub();
/** Every line the app logged, parsed. */
const logged: Record<string, unknown>[] = [];
let app: App;

beforeAll(async () => {
  const sink = { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) };
  app = await startWebAppTestApp(database, stub, { clock: () => NOW, logger: createLogger("debug", sink) });
});

afterAll(async () => {
  await app.stop();
});

/** A small real PNG, a gradient, so two photos never have the same bytes. */
function png(width: number, height: number, blue = 200): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = ((i / 3) % width) * 4;
    data[i + 1] = 120;
    data[i + 2] = blue;
  }
  return encode({ width, height, data, channels: 3, depth: 8 });
}

let nextFile = 1;

/** A photo the RT's ketua sent with /bukti, its file at the fake Telegram (unless `bytes` is null); its evidence id. */
async function addPhoto(ketua: TestUser, rtId: number, bytes: Uint8Array | null, target: EvidenceTarget = { kind: "indicator", code: "B5" }, caption: string | null = null): Promise<{ id: number; fileId: string }> {
  const fileId = `photos-test-file-${nextFile++}`;
  if (bytes) stub.telegram.putFile(fileId, bytes);
  const actor = await loadActor(database.db, ketua.id, []);
  const { added } = await addEvidence(serviceDeps(database.db, NOW), actor, { rtId, target, photos: [{ fileId, fileUniqueId: `u-${fileId}`, caption }], requestKey: `photos-test:${fileId}` });
  expect(added).toBe(1);
  const [row] = await database.db.select({ id: evidence.id }).from(evidence).where(eq(evidence.fileId, fileId));
  return { id: row!.id, fileId };
}

async function sessionOf(user: TestUser): Promise<string> {
  const answer = await signIn(app.port, signInitData({ botToken: TOKEN, user: { id: user.id, first_name: user.first_name, language_code: "id" }, authDate: NOW }));
  expect(answer.status).toBe(204);
  return answer.cookie!;
}

/** GETs a photo: the status, the headers, the bytes. */
async function getPhoto(path: string, cookie: string | null, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const response = await fetch(appUrl(app.port, path), { headers: { ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}), ...headers }, redirect: "manual" });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** getFile calls (and file downloads) the fake Telegram has answered for this file id. */
function fetchesOf(fileId: string): { getFile: number; download: number } {
  const calls = stub.telegram.calls.filter((call) => call.payload.file_id === fileId);
  return { getFile: calls.filter((call) => call.method === "getFile").length, download: calls.filter((call) => call.method === "downloadFile").length };
}

/** Simpang IV Sipin: RT 01 (ketua Harun) and RT 02 (ketua Yusuf); Buluran Kenali: RT 03; a koordinator of Simpang IV Sipin and one of Buluran Kenali. */
async function area() {
  const rt1 = await addRt(database.db, 1, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt2 = await addRt(database.db, 2, KELURAHAN_SIMPANG_IV_SIPIN);
  const rt3 = await addRt(database.db, 3, KELURAHAN_BULURAN_KENALI);
  const ketua1 = newUser("Harun");
  await addKetua(database.db, ketua1, rt1.id);
  const ketua2 = newUser("Yusuf");
  await addKetua(database.db, ketua2, rt2.id);
  const ketua3 = newUser("Andi");
  await addKetua(database.db, ketua3, rt3.id);
  const koordinator = newUser("Dewi");
  await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const neighbour = newUser("Fajar");
  await addKoordinator(database.db, neighbour, { kelurahanCode: KELURAHAN_BULURAN_KENALI });
  return { rt1, rt2, rt3, ketua1, ketua2, ketua3, koordinator, neighbour };
}

describe("GET /app/photo/<evidenceId>", () => {
  it("serves the bytes Telegram holds for the photo, once fetched: the second request (and a revalidation) comes from the cache", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const bytes = png(64, 48);
    const photo = await addPhoto(ketua1, rt1.id, bytes);
    const cookie = await sessionOf(koordinator);

    const first = await getPhoto(`/photo/${photo.id}`, cookie);
    expect(first.status).toBe(200);
    expect(first.bytes).toEqual(bytes);
    expect(first.headers.get("content-type")).toBe("image/png");
    expect(first.headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(fetchesOf(photo.fileId)).toEqual({ getFile: 1, download: 1 });

    const second = await getPhoto(`/photo/${photo.id}`, cookie);
    expect(second.status).toBe(200);
    expect(second.bytes).toEqual(bytes);
    expect(second.headers.get("etag")).toBe(etag);
    expect(fetchesOf(photo.fileId)).toEqual({ getFile: 1, download: 1 });

    // The browser's copy is still good: 304, no body, still no call to Telegram.
    const revalidated = await getPhoto(`/photo/${photo.id}`, cookie, { "if-none-match": etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.bytes.byteLength).toBe(0);
    expect(revalidated.headers.get("etag")).toBe(etag);
    const stale = await getPhoto(`/photo/${photo.id}`, cookie, { "if-none-match": '"another"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes).toEqual(bytes);

    // Its own ketua reads it too (the RT page's right), from the same cache.
    const own = await getPhoto(`/photo/${photo.id}`, await sessionOf(ketua1));
    expect(own.status).toBe(200);
    expect(own.bytes).toEqual(bytes);
    expect(fetchesOf(photo.fileId)).toEqual({ getFile: 1, download: 1 });
  });

  it("refuses a reader who may not open the photo's RT (another kelurahan's koordinator, another RT's ketua) with 403, before asking Telegram", async () => {
    const { rt1, rt3, ketua1, ketua2, ketua3, koordinator, neighbour } = await area();
    const ours = await addPhoto(ketua1, rt1.id, png(20, 20));
    const theirs = await addPhoto(ketua3, rt3.id, png(21, 20));

    const dewi = await sessionOf(koordinator);
    const refused = await getPhoto(`/photo/${theirs.id}`, dewi);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(new TextDecoder().decode(refused.bytes)).toContain("Halaman ini di luar wilayah Anda.");
    expect(fetchesOf(theirs.fileId)).toEqual({ getFile: 0, download: 0 });

    const fajar = await sessionOf(neighbour);
    expect((await getPhoto(`/photo/${ours.id}`, fajar)).status).toBe(403);
    expect((await getPhoto(`/photo/${ours.id}`, await sessionOf(ketua2))).status).toBe(403);
    expect(fetchesOf(ours.fileId)).toEqual({ getFile: 0, download: 0 });

    // Their own koordinator, a kecamatan's, and an admin may.
    expect((await getPhoto(`/photo/${theirs.id}`, fajar)).status).toBe(200);
    const camat = newUser("Rahmat");
    await addKoordinator(database.db, camat, { kecamatanCode: KECAMATAN_TELANAIPURA });
    expect((await getPhoto(`/photo/${ours.id}`, await sessionOf(camat))).status).toBe(200);
    const admin = newUser("Admin");
    await addAdmin(database.db, admin);
    expect((await getPhoto(`/photo/${theirs.id}`, await sessionOf(admin))).status).toBe(200);
  });

  it("answers 404 to ids that name no photo it serves: unknown, forged, huge, non-numeric, and a team's on-site photo", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const photo = await addPhoto(ketua1, rt1.id, png(10, 10));
    const team = await addPhoto(ketua1, rt1.id, png(11, 10));
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: NOW })
      .returning({ id: assessmentRound.id });
    await database.db.update(evidence).set({ roundId: round!.id }).where(eq(evidence.id, team.id));
    const cookie = await sessionOf(koordinator);
    const paths = [
      `/photo/${photo.id + 1000}`,
      `/photo/${team.id}`,
      "/photo/0",
      "/photo/-1",
      `/photo/0${photo.id}`,
      "/photo/abc",
      `/photo/${photo.id}abc`,
      "/photo/1e3",
      `/photo/${photo.id}.5`,
      "/photo/9007199254740993",
      "/photo/2147483648",
      "/photo/99999999999999999999999999999999",
      `/photo/${photo.id}/`,
      "/photo/",
      `/photo/${"9".repeat(5000)}`,
    ];
    for (const path of paths) {
      const answer = await getPhoto(path, cookie);
      expect(answer.status, path).toBe(404);
      expect(new TextDecoder().decode(answer.bytes), path).toContain("Halaman ini tidak ada.");
    }
    expect(fetchesOf(team.fileId)).toEqual({ getFile: 0, download: 0 });
    expect((await getPhoto(`/photo/${photo.id}`, cookie)).status).toBe(200);
  });

  it("stops serving a removed photo (404), even though it was in the cache", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const photo = await addPhoto(ketua1, rt1.id, png(30, 30));
    const cookie = await sessionOf(koordinator);
    expect((await getPhoto(`/photo/${photo.id}`, cookie)).status).toBe(200);

    const { removed } = await removeEvidence(serviceDeps(database.db, NOW), await loadActor(database.db, ketua1.id, []), { evidenceId: photo.id });
    expect(removed).toBe(true);
    const gone = await getPhoto(`/photo/${photo.id}`, cookie);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("content-type")).toBe("text/html; charset=utf-8");
    // Not even a "not modified" for a browser still holding it.
    expect((await getPhoto(`/photo/${photo.id}`, cookie, { "if-none-match": "*" })).status).toBe(404);
  });

  it("answers 401 without a session, and with a tampered one, and asks Telegram nothing", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const photo = await addPhoto(ketua1, rt1.id, png(12, 12));
    const none = await getPhoto(`/photo/${photo.id}`, null);
    expect(none.status).toBe(401);
    const cookie = await sessionOf(koordinator);
    const tampered = await getPhoto(`/photo/${photo.id}`, `${cookie.slice(0, -2)}xx`);
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get("set-cookie")).toContain(`${SESSION_COOKIE}=;`);
    expect(fetchesOf(photo.fileId)).toEqual({ getFile: 0, download: 0 });
  });

  it("answers 502 when Telegram does not give the file (or gives something that is not an image), logging only why", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const caption = "Kebun TOGA Bu Sumarni di Gang Mawar";
    const missing = await addPhoto(ketua1, rt1.id, null, { kind: "indicator", code: "B5" }, caption);
    const notImage = await addPhoto(ketua1, rt1.id, new TextEncoder().encode("<html><script>alert(1)</script></html>"));
    const cookie = await sessionOf(koordinator);
    const from = logged.length;

    const failed = await getPhoto(`/photo/${missing.id}`, cookie);
    expect(failed.status).toBe(502);
    expect(visibleText(new TextDecoder().decode(failed.bytes))).toContain("Foto ini belum bisa diambil dari Telegram. Coba lagi sebentar.");
    expect(fetchesOf(missing.fileId)).toEqual({ getFile: 1, download: 0 });
    const html = await getPhoto(`/photo/${notImage.id}`, cookie);
    expect(html.status).toBe(502);
    expect(new TextDecoder().decode(html.bytes)).not.toContain("<script>alert");

    const lines = logged.slice(from).filter((line) => line.msg === "mini app photo not fetched");
    expect(lines.map((line) => line.reason)).toEqual(["refused", "not-an-image"]);
    const text = JSON.stringify(logged.slice(from));
    for (const secret of [missing.fileId, notImage.fileId, caption, TOKEN, rt1.kelurahanName, "Harun", "Dewi"]) expect(text).not.toContain(secret);

    // Not kept as a failure: once Telegram has the file, it is served.
    stub.telegram.putFile(missing.fileId, png(9, 9));
    expect((await getPhoto(`/photo/${missing.id}`, cookie)).status).toBe(200);
  });

  it("serves the photo of an occurrence as well as of an indicator", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const [occurrence] = await addOccurrences(database.db, rt1.id, "ronda", [new Date("2026-12-01T14:00:00Z")]);
    const bytes = png(16, 16, 10);
    const photo = await addPhoto(ketua1, rt1.id, bytes, { kind: "occurrence", occurrenceId: occurrence! });
    const answer = await getPhoto(`/photo/${photo.id}`, await sessionOf(koordinator));
    expect(answer.status).toBe(200);
    expect(answer.bytes).toEqual(bytes);
  });
});

describe("createPhotoServer", () => {
  const quiet = createLogger("silent");

  it("drops a removed photo from its cache, and downloads a photo asked for twice at once only once", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const bytes = png(8, 8);
    const photo = await addPhoto(ketua1, rt1.id, bytes);
    const asked: string[] = [];
    const photos = createPhotoServer({
      db: database.db,
      logger: quiet,
      downloadFile: async (fileId) => {
        asked.push(fileId);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return bytes;
      },
    });
    const actor = await loadActor(database.db, koordinator.id, []);
    const [a, b] = await Promise.all([photos.answer(actor, photo.id, undefined), photos.answer(actor, photo.id, undefined)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(asked).toEqual([photo.fileId]);
    expect(photos.cache.size).toBe(1);
    expect(photos.cache.bytes).toBe(bytes.byteLength);

    await removeEvidence(serviceDeps(database.db, NOW), await loadActor(database.db, ketua1.id, []), { evidenceId: photo.id });
    expect((await photos.answer(actor, photo.id, undefined)).status).toBe(404);
    expect(photos.cache.size).toBe(0);
    expect(photos.cache.bytes).toBe(0);
  });

  it("answers 502 without a downloader, and when the download fails", async () => {
    const { rt1, ketua1, koordinator } = await area();
    const photo = await addPhoto(ketua1, rt1.id, png(8, 8));
    const actor = await loadActor(database.db, koordinator.id, []);
    expect((await createPhotoServer({ db: database.db, logger: quiet }).answer(actor, photo.id, undefined)).status).toBe(502);
    const failing = createPhotoServer({ db: database.db, logger: quiet, downloadFile: () => Promise.reject(new FileDownloadError("too-large")) });
    expect((await failing.answer(actor, photo.id, undefined)).status).toBe(502);
    expect(failing.cache.size).toBe(0);
  });
});

describe("PhotoCache", () => {
  const photo = (size: number, fileId = "f"): CachedPhoto => ({ fileId, bytes: new Uint8Array(size), contentType: "image/jpeg", etag: '"x"' });

  it("keeps the photos under its byte budget, dropping the least recently served first", () => {
    const cache = new PhotoCache(100);
    cache.set(1, photo(40));
    cache.set(2, photo(40));
    expect(cache.get(1)).toBeDefined(); // 1 is now the most recent
    cache.set(3, photo(40));
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBeDefined();
    expect(cache.get(3)).toBeDefined();
    expect(cache.bytes).toBe(80);
    // Too big alone: not kept, and nothing else is dropped for it.
    cache.set(4, photo(101));
    expect(cache.get(4)).toBeUndefined();
    expect(cache.size).toBe(2);
    // Replacing an entry counts its bytes once.
    cache.set(1, photo(10));
    expect(cache.bytes).toBe(50);
    cache.delete(3);
    cache.delete(3);
    expect(cache.bytes).toBe(10);
    expect(cache.size).toBe(1);
  });

  it("serves images only: JPEG, PNG, WebP and GIF by their first bytes", () => {
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(imageTypeOf(png(2, 2))).toBe("image/png");
    expect(imageTypeOf(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(imageTypeOf(new TextEncoder().encode("GIF89a"))).toBe("image/gif");
    expect(imageTypeOf(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(imageTypeOf(new Uint8Array([]))).toBeNull();
  });
});

describe("the RT page's photos", () => {
  it("shows the RT's latest own photos, each linking its served address, not removed ones, nor another RT's", async () => {
    const { rt1, rt2, ketua1, ketua2, koordinator } = await area();
    const kept = await addPhoto(ketua1, rt1.id, png(5, 5));
    const removed = await addPhoto(ketua1, rt1.id, png(6, 5));
    const other = await addPhoto(ketua2, rt2.id, png(7, 5));
    await removeEvidence(serviceDeps(database.db, NOW), await loadActor(database.db, ketua1.id, []), { evidenceId: removed.id });
    const page = await getPage(app.port, `/rt/${rt1.id}`, await sessionOf(koordinator));
    expect(page.status).toBe(200);
    const sources = [...page.text.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual([`/app/photo/${kept.id}`]);
    expect(page.text).not.toContain(`/app/photo/${other.id}`);
    expect(visibleText(page.text)).toContain("Foto bukti");
    const theirs = await getPage(app.port, `/rt/${rt2.id}`, await sessionOf(ketua2));
    expect([...theirs.text.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1])).toEqual([`/app/photo/${other.id}`]);
  });
});
