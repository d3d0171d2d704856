import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { TELEGRAM_SCRIPT_URL } from "../../src/webapp/layout.js";
import { TELEGRAM_WEB_APP_STUB } from "./telegram-web-app.js";

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). playwright-core downloads no browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Why the browser tests cannot run on this machine, or null when they can. */
export const browserMissing: string | null = existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is missing: apt-get install chromium (.ci/run installs it)`;

/** A phone's screen, as the issue asks: readable at 360 px wide. */
export const PHONE_VIEWPORT = { width: 360, height: 740 };

/** Telegram's light theme (Android), as a client passes it in tgWebAppThemeParams. */
export const LIGHT_THEME: Record<string, string> = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#a8a8a8",
  link_color: "#2678b6",
  button_color: "#50a8eb",
  button_text_color: "#ffffff",
  secondary_bg_color: "#efeff3",
  section_separator_color: "#e7e7e7",
  destructive_text_color: "#cc2929",
};

/** Telegram's night theme. */
export const DARK_THEME: Record<string, string> = {
  bg_color: "#212d3b",
  text_color: "#ffffff",
  hint_color: "#7d8b99",
  link_color: "#5eabe1",
  button_color: "#5289c1",
  button_text_color: "#ffffff",
  secondary_bg_color: "#151e27",
  section_separator_color: "#0d1218",
  destructive_text_color: "#ec3942",
};

/** Chromium's own console line for an HTTP error answer; such answers are in `errorResponses` instead. */
const RESOURCE_STATUS_LINE = /^Failed to load resource: the server responded with a status of \d+/;

/**
 * What went wrong in a page, collected while the test runs, for tests to assert there is nothing
 * (or exactly the refusal they expect):
 * - consoleErrors: console.error and Chromium's error lines, and uncaught exceptions;
 * - failedRequests: requests that got no answer (network error, blocked);
 * - errorResponses: answers with a status of 400 or more, as "<status> <path>";
 * - outsideRequests: requests for anything but the app and Telegram's script (refused: the tests
 *   need no network, and a page that fetches from elsewhere is a finding).
 */
export type PageProblems = {
  consoleErrors: string[];
  failedRequests: string[];
  errorResponses: string[];
  outsideRequests: string[];
};

export type LaunchParams = {
  /** The signed initData (test/helpers/init-data.ts), or null: opened outside Telegram. */
  initData: string | null;
  theme?: Record<string, string>;
  platform?: string;
  version?: string;
};

export type MiniAppPage = { page: Page; problems: PageProblems };

export type MiniAppContext = {
  context: BrowserContext;
  /**
   * Opens `url` as a Telegram client opens a Mini App: launch parameters in the fragment, Telegram's
   * script answered by the stub. Resolves once the first page has loaded (the boot page then goes
   * on by itself: wait for what should follow).
   */
  open(url: string, launch: LaunchParams): Promise<MiniAppPage>;
};

export type BrowserHarness = {
  /** A fresh browser context (its own cookies and storage) on a phone's screen; closed after the test. */
  newContext(): Promise<MiniAppContext>;
};

function launchFragment(launch: LaunchParams): string {
  const params = new URLSearchParams();
  if (launch.initData !== null) params.set("tgWebAppData", launch.initData);
  params.set("tgWebAppVersion", launch.version ?? "8.0");
  params.set("tgWebAppPlatform", launch.platform ?? "android");
  params.set("tgWebAppThemeParams", JSON.stringify(launch.theme ?? LIGHT_THEME));
  return params.toString();
}

function watch(page: Page, problems: PageProblems): void {
  page.on("console", (message) => {
    if (message.type() === "error" && !RESOURCE_STATUS_LINE.test(message.text())) problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.errorResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
}

async function newMiniAppContext(browser: Browser): Promise<MiniAppContext> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
  });
  // Shorter than vitest's test timeout, so a page that never shows what is awaited says so itself.
  context.setDefaultTimeout(10_000);
  const outside: string[] = [];
  // Registered first, so it is matched last: whatever is not the local app nor Telegram's script.
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.hostname !== "localhost",
    (route) => {
      outside.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  await context.route(TELEGRAM_SCRIPT_URL, (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: TELEGRAM_WEB_APP_STUB }));
  return {
    context,
    async open(url, launch) {
      const page = await context.newPage();
      const problems: PageProblems = { consoleErrors: [], failedRequests: [], errorResponses: [], outsideRequests: outside };
      watch(page, problems);
      await page.goto(`${url}#${launchFragment(launch)}`);
      return { page, problems };
    },
  };
}

/**
 * The browser of a test file: Debian's chromium, launched once before the file's tests and closed
 * after them; `newContext()` gives a test a fresh context, closed when the test ends. Call it inside
 * a `describe.skipIf(browserMissing !== null)` block, so a machine without chromium skips the file.
 */
export function withBrowser(): BrowserHarness {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // No sandbox: CI runs as root, where Chromium's sandbox will not start. The pages are our own.
      chromiumSandbox: false,
      // A container's /dev/shm is small; no GPU on a CI machine.
      args: ["--disable-dev-shm-usage", "--disable-gpu"],
    });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  return {
    async newContext() {
      if (!browser) throw new Error("the browser is open only inside hooks and tests");
      const made = await newMiniAppContext(browser);
      contexts.push(made.context);
      return made;
    },
  };
}

/** The text a person reads on the page (as rendered: hidden parts left out), spaces folded. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.locator("body").innerText()).replace(/\s+/g, " ").trim();
}

/**
 * The little of the DOM these functions touch inside the page: the project compiles without the
 * DOM's types (it is a server), and a function given to `evaluate` runs in the page, where
 * `globalThis` is the window (the cast is gone once compiled).
 */
type InPage = {
  document: { documentElement: { scrollWidth: number; clientWidth: number }; cookie: string };
  sessionStorage: { getItem(key: string): string | null };
  getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
};

/** How far the page reaches past the screen's width, in CSS pixels: 0 when nothing needs a sideways scroll. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { documentElement } = (globalThis as unknown as InPage).document;
    return documentElement.scrollWidth - documentElement.clientWidth;
  });
}

/** The events the page posted to Telegram (ready, expand, …) through the stub, oldest first. */
export async function postedEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (JSON.parse((globalThis as unknown as InPage).sessionStorage.getItem("__telegram_stub_events") ?? "[]") as { type: string }[]).map((event) => event.type));
}

/** A CSS property of an element as drawn (`"background-color"` → `"rgb(255, 255, 255)"`). */
export async function computedStyle(element: Locator, property: string): Promise<string> {
  return element.evaluate((node, name) => (globalThis as unknown as InPage).getComputedStyle(node).getPropertyValue(name), property);
}

/** The cookies the page's scripts can read (an HttpOnly session cookie is not among them). */
export async function scriptCookies(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as InPage).document.cookie);
}

const SCREENSHOTS = new URL("../../docs/screenshots/", import.meta.url);

/**
 * A full-page PNG of what the page shows; with SCREENSHOTS=1 also written to
 * docs/screenshots/<name>.png (the README's pictures), so an ordinary run changes no file.
 */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: lowercase letters, digits and dashes only`);
  const png = await page.screenshot({ fullPage: true, animations: "disabled" });
  if (process.env.SCREENSHOTS === "1") {
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(new URL(`${name}.png`, SCREENSHOTS), png);
  }
  return png;
}
