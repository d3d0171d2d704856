import { request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleSession } from "../../src/console/session.js";
import { DEMO_PEOPLE } from "../../src/console/demo-seed.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createLogger } from "../../src/logger.js";
import type { App } from "../../src/runtime/app.js";
import { createWebApp } from "../../src/webapp/server.js";
import { SESSION_COOKIE } from "../../src/webapp/session.js";
import { withTestDatabase } from "../helpers/database.js";
import { addKoordinator, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { signInitData } from "../helpers/init-data.js";
import { startWebAppTestApp, TOKEN } from "../runtime/harness.js";
import { TelegramStub } from "../runtime/telegram-stub.js";
import { getPage, signIn, visibleText } from "./client.js";

const NOW = new Date("2026-12-04T03:00:00Z");
const demo = (name: string) => DEMO_PEOPLE.find((person) => person.name === name)!.user.id;

describe("the production app has no development sign-in", () => {
  const database = withTestDatabase();
  let app: App;
  beforeAll(async () => {
    app = await startWebAppTestApp(database, new TelegramStub(), { clock: () => NOW });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("GET /app/dev/masuk opens no session: refused signed out, and 404 for someone signed in", async () => {
    const koordinator = newUser("Dewi");
    await addKoordinator(database.db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
    const anonymous = await getPage(app.port, `/dev/masuk?id=${koordinator.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("set-cookie")).toBeNull();
    expect(anonymous.headers.get("location")).toBeNull();
    expect((await getPage(app.port, "/dev/masuk")).status).toBe(401);

    const { cookie } = await signIn(app.port, signInitData({ botToken: TOKEN, user: { id: koordinator.id, first_name: "Dewi" }, authDate: NOW }));
    const signedIn = await getPage(app.port, `/dev/masuk?id=${koordinator.id}`, cookie);
    expect(signedIn.status).toBe(404);
    expect(signedIn.headers.get("set-cookie")).toBeNull();
  });

  it("createWebApp refuses a development sign-in on any address but http on the loopback", () => {
    const base = { db: database.db, botToken: TOKEN, adminTelegramIds: [], texts: createI18n(database.db), clock: () => NOW, logger: createLogger("silent"), devSignIn: { people: [{ telegramId: 1, label: "x" }] } };
    for (const publicUrl of ["https://bot.example.org/app", "https://127.0.0.1/app", "http://bot.example.org/app", "http://10.0.0.5:8787/app", "http://127.0.0.1.example.org/app"]) {
      expect(() => createWebApp({ ...base, publicUrl }), publicUrl).toThrow(/console only/);
    }
    expect(() => createWebApp({ ...base, publicUrl: "http://127.0.0.1:8787/app" })).not.toThrow();
  });
});

describe("the console serves the Mini App with a development sign-in", () => {
  let session: ConsoleSession;
  const output: string[] = [];
  beforeAll(async () => {
    session = await ConsoleSession.open({ write: (line) => output.push(line), clock: () => NOW, webapp: { port: 0 } });
    session.printBanner();
  });
  afterAll(async () => {
    await session.close();
  });

  const base = () => session.webappUrl!;
  const get = (url: string, cookie?: string) => fetch(url, { redirect: "manual", headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {} });
  const cookieOf = (response: Response) => new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get("set-cookie") ?? "")?.[1];

  it("listens on 127.0.0.1 only, and says where", async () => {
    expect(base()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app$/);
    expect(output).toContain(`Dasbor (Mini App) di peramban: ${base()}/dev/masuk (masuk sebagai pengguna demo mana pun; hanya di konsol).`);
    const port = new URL(base()).port;
    // Another address of this machine does not answer.
    const outside = Object.values(networkInterfaces()).flat().find((address) => address && address.family === "IPv4" && !address.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${port}/app/dev/masuk`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  });

  it("lists the demo people, each a sign-in link", async () => {
    const response = await get(`${base()}/dev/masuk`);
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const person of DEMO_PEOPLE) expect(page).toContain(`href="/app/dev/masuk?id=${person.user.id}"`);
    expect(visibleText(page)).toContain("Bu Yuliana");
  });

  it("signs in as a demo koordinator (a cookie for plain http) and shows their home page", async () => {
    const response = await get(`${base()}/dev/masuk?id=${demo("Bu Yuliana")}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/app/home");
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("Path=/app");
    expect(setCookie).not.toContain("Secure");
    const home = await get(`${base()}/home`, cookieOf(response));
    expect(home.status).toBe(200);
    const text = visibleText(await home.text());
    expect(text).toContain("Halo, ");
    expect(text).toContain("Yuliana");
    expect(text).toContain("2 RT di wilayah Anda");
    expect(text).toContain("RT 05 Simpang IV Sipin");
    expect(text).toContain("RT 07 Simpang IV Sipin");
  });

  it("a ketua goes on to the page a button named; a hostile `to` goes home", async () => {
    const rts = await session.db.query.rt.findMany();
    const rt5 = rts.find((place) => place.number === 5)!;
    const signedIn = await get(session.devSignInUrl(demo("Pak Harun"), `/rt/${rt5.id}`)!);
    expect(signedIn.headers.get("location")).toBe(`/app/rt/${rt5.id}`);
    const page = await get(`${base()}/rt/${rt5.id}`, cookieOf(signedIn));
    expect(page.status).toBe(200);
    expect(visibleText(await page.text())).toContain("RT 05 Simpang IV Sipin");
    // RT 07 is not his.
    const rt7 = rts.find((place) => place.number === 7)!;
    expect((await get(`${base()}/rt/${rt7.id}`, cookieOf(signedIn))).status).toBe(403);

    for (const to of ["//evil.example", "https://evil.example", "/../x", "/rt/5?x=1"]) {
      const hostile = await get(`${base()}/dev/masuk?id=${demo("Pak Harun")}&to=${encodeURIComponent(to)}`);
      expect(hostile.headers.get("location"), to).toBe("/app/home");
    }
  });

  it("signs in as nobody but the demo people", async () => {
    for (const id of ["999999", "0", "-1", "abc", "710002.5", "1".repeat(400)]) {
      const response = await get(`${base()}/dev/masuk?id=${encodeURIComponent(id)}`);
      expect(response.status, id).toBe(404);
      expect(response.headers.get("set-cookie"), id).toBeNull();
    }
  });

  it("answers only a request naming this machine: a page elsewhere rebinding its name to 127.0.0.1 gets no session", async () => {
    const url = new URL(`${base()}/dev/masuk?id=${demo("Dewi")}`);
    const ask = (host: string) =>
      new Promise<{ status: number; cookie: string | undefined }>((resolve, reject) => {
        const request = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: { host } }, (response) => {
          response.resume();
          const cookie = response.headers["set-cookie"]?.[0];
          resolve({ status: response.statusCode ?? 0, cookie });
        });
        request.on("error", reject);
        request.end();
      });
    for (const host of ["evil.example", "evil.example:8787", "127.0.0.1.evil.example", "localhost.evil.example:80"]) {
      const answer = await ask(host);
      expect(answer.status, host).not.toBe(303);
      expect(answer.cookie, host).toBeUndefined();
    }
    for (const host of [`127.0.0.1:${url.port}`, `localhost:${url.port}`, "LOCALHOST"]) expect((await ask(host)).status, host).toBe(303);
  });

  it("a Mini App button pressed in the console gives the sign-in link to its page", async () => {
    output.length = 0;
    await session.handle(":as yuliana");
    await session.handle("/skor");
    const line = output.find((entry) => entry.includes("📊 Buka peringkat di dasbor 🌐"))!;
    const number = /\[(\d+)\] 📊 Buka peringkat di dasbor/.exec(line)![1];
    await session.handle(`#${number}`);
    expect(output.at(-1)).toBe(`🌐 buka di peramban: ${base()}/dev/masuk?id=${demo("Bu Yuliana")}&to=%2Frts`);
  });
});
