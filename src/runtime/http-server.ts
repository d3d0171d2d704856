import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import { RefusalLog } from "./refusals.js";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** Telegram's updates are far smaller; anything bigger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

export type Health = {
  ok: boolean;
  database: boolean;
  /** Seconds the oldest due outbox message has waited; null when the database did not answer. */
  outboxLagSeconds: number | null;
  /** When this instance last handled an update (ISO), or null. */
  lastUpdateAt: string | null;
  mode: "polling" | "webhook";
  /** Webhook requests refused for a missing or wrong secret since this instance started. */
  webhookRefused: number;
};

export type WebhookEndpoint = {
  /** The path of WEBHOOK_URL: updates are taken there, by POST only. */
  path: string;
  secret: string;
  /** Handles one update; false when the instance no longer takes updates (shutting down). */
  handle(update: Update): Promise<boolean>;
};

/** The Mini App (src/webapp): every request under its base path is its own, by any method. */
export type WebAppEndpoint = {
  basePath: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

/** GET /metrics: Prometheus' text, beside /healthz and exposed as it is; with a token, only to its bearer. */
export type MetricsEndpoint = {
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  scrape(): Promise<{ contentType: string; body: string }>;
};

export type HttpServerOptions = {
  port: number;
  host?: string;
  logger: Logger;
  health(): Promise<Health>;
  webhook?: WebhookEndpoint;
  /** Served only when WEBAPP_URL is set. */
  webapp?: WebAppEndpoint;
  metrics?: MetricsEndpoint;
  /** Counts and logs (at a bounded rate) webhook requests refused for their secret; one of its own if not given. */
  refusals?: RefusalLog;
};

export type HttpServer = {
  /** The port listened on (the real one when 0 was asked for). */
  port: number;
  /** Stops accepting connections and ends idle ones; requests in progress are answered. */
  stopAccepting(): void;
  /** Stops accepting, and cuts the connections still open (call once the updates are done). */
  close(): Promise<void>;
};

/** Constant time, whatever the lengths: the secret's length is not given away either. */
function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `Authorization: Bearer <token>`, compared in constant time. */
function bearerIs(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return sameSecret(match?.[1], token);
}

/**
 * The one HTTP server of an instance (node:http): GET /healthz and GET /metrics in both modes, in webhook mode
 * POST <path> for Telegram, and the Mini App under its path when it is enabled. An update is answered 200 once handled and 500 if handling failed, so
 * Telegram delivers it again (the dedupe claim was released); 401 without the right secret (and
 * nothing is handled), 503 while shutting down.
 */
export const WEBHOOK_REFUSED = "webhook requests without the right secret refused";

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger, webhook, webapp, metrics } = options;
  const refusals = options.refusals ?? new RefusalLog({ logger, message: WEBHOOK_REFUSED });
  let accepting = true;

  async function onWebhook(req: IncomingMessage, res: ServerResponse, endpoint: WebhookEndpoint): Promise<void> {
    if (!sameSecret(req.headers[SECRET_HEADER], endpoint.secret)) {
      // Counted, and logged at most once a minute: a flood of them is one line, not one each.
      refusals.note();
      req.resume();
      return send(res, 401, { ok: false, error: "unauthorized" });
    }
    const body = await readBody(req);
    if (body === null) return send(res, 413, { ok: false, error: "too large" });
    let update: Update;
    try {
      update = JSON.parse(body.toString("utf8")) as Update;
    } catch {
      return send(res, 400, { ok: false, error: "not JSON" });
    }
    if (typeof update?.update_id !== "number") return send(res, 400, { ok: false, error: "not an update" });
    if (!accepting) return send(res, 503, { ok: false, error: "shutting down" });
    try {
      const handled = await endpoint.handle(update);
      if (!handled) return send(res, 503, { ok: false, error: "shutting down" });
      send(res, 200);
    } catch (error) {
      // Logged where it failed (the update's logger); here only the answer that makes Telegram retry.
      logger.debug({ err: error, updateId: update.update_id }, "update failed; answered 500 for redelivery");
      send(res, 500, { ok: false, error: "update failed" });
    }
  }

  async function onHealth(res: ServerResponse): Promise<void> {
    const health = await options.health();
    send(res, health.ok ? 200 : 503, health);
  }

  async function onMetrics(req: IncomingMessage, res: ServerResponse, endpoint: MetricsEndpoint): Promise<void> {
    if (endpoint.token !== undefined && !bearerIs(req.headers.authorization, endpoint.token)) {
      res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "unauthorized" }));
      return;
    }
    const { contentType, body } = await endpoint.scrape();
    res.writeHead(200, { "content-type": contentType }).end(body);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let work: Promise<void>;
    if (req.method === "GET" && path === "/healthz") work = onHealth(res);
    else if (metrics && req.method === "GET" && path === "/metrics") work = onMetrics(req, res, metrics);
    else if (webhook && path === webhook.path && req.method === "POST") work = onWebhook(req, res, webhook);
    else if (webapp && (path === webapp.basePath || path.startsWith(`${webapp.basePath}/`))) work = webapp.handle(req, res);
    else {
      req.resume();
      work = Promise.resolve(send(res, 404, { ok: false, error: "not found" }));
    }
    work.catch((error: unknown) => {
      logger.error({ err: error }, "http request failed");
      if (!res.headersSent) send(res, 500, { ok: false });
      else res.destroy();
    });
  });
  // Behind a proxy keep-alive sockets are reused; while draining, a reused socket still gets 503.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const stopAccepting = () => {
    if (!accepting) return;
    accepting = false;
    server.close();
    server.closeIdleConnections();
  };
  return {
    port,
    stopAccepting,
    async close() {
      stopAccepting();
      server.closeAllConnections();
      refusals.flush();
    },
  };
}
