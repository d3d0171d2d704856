import type { Logger } from "../logger.js";
import { redactError } from "./redact.js";

type ProcessEvents = Pick<NodeJS.Process, "on" | "once">;

/**
 * A stray rejection or exception (a Telegram call nobody awaited, a timer in a library) is
 * logged, without secrets, and the bot goes on: one bad promise must not take every chat down.
 */
export function survivePromiseFailures(logger: Logger, secrets: readonly string[], target: ProcessEvents = process): void {
  target.on("unhandledRejection", (reason: unknown) => {
    logger.error({ err: redactError(reason, secrets) }, "unhandled promise rejection (survived)");
  });
  target.on("uncaughtException", (error: Error) => {
    logger.error({ err: redactError(error, secrets) }, "uncaught exception (survived)");
  });
}

/**
 * SIGTERM (systemd, Docker) or SIGINT (Ctrl-C) stops the app gracefully and exits 0; a shutdown
 * that fails or passes its deadline exits 1. A second signal while stopping changes nothing.
 */
export function stopOnSignals(
  app: { stop(): Promise<void> },
  logger: Logger,
  options: { exit?: (code: number) => void; target?: ProcessEvents } = {},
): (reason: string, code?: number) => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const target = options.target ?? process;
  let stopping = false;
  const stop = (reason: string, code = 0) => {
    if (stopping) {
      logger.warn({ reason }, "already stopping");
      return;
    }
    stopping = true;
    logger.info({ reason }, "stop requested");
    app.stop().then(
      () => exit(code),
      () => exit(1),
    );
  };
  target.on("SIGTERM", () => stop("SIGTERM"));
  target.on("SIGINT", () => stop("SIGINT"));
  return stop;
}
