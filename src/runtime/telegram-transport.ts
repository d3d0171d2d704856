type Fetch = typeof fetch;

export type TelegramTransport = {
  fetch: Fetch;
  /** Ends every request still waiting on Telegram, and fails any later one at once (shutdown past its grace period). */
  abortAll(): void;
};

export type TelegramTransportOptions = {
  /** A call to Telegram that takes longer fails (as a network error), instead of holding an update or a send. */
  timeoutMs: number;
  /** getUpdates is a long poll of `timeout` seconds: it gets that much on top. */
  longPollSeconds?: number;
};

/**
 * The way to Telegram for the bot and the outbox alike. grammY's own client timeout is 500 s,
 * and a hung request would hold an update (and shutdown) for that long; here every call ends
 * after `timeoutMs`, and shutdown can cut the rest short.
 */
export function createTelegramTransport(inner: Fetch, options: TelegramTransportOptions): TelegramTransport {
  const open = new Set<AbortController>();
  let cut = false;
  const wrapped = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const url = String(input instanceof Request ? input.url : input);
    const longPoll = url.endsWith("/getUpdates") ? (options.longPollSeconds ?? 30) * 1000 : 0;
    // One controller per request, released when it settles (AbortSignal.any would keep a listener
    // per request on a shared signal for as long as the process lives).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`Telegram did not answer within ${options.timeoutMs + longPoll} ms`)), options.timeoutMs + longPoll);
    const callerSignal = init?.signal;
    const follow = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) follow();
    if (cut) controller.abort(new Error("shutting down: no more calls to Telegram"));
    callerSignal?.addEventListener("abort", follow, { once: true });
    open.add(controller);
    try {
      return await inner(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", follow);
      open.delete(controller);
    }
  }) as Fetch;
  return {
    fetch: wrapped,
    abortAll() {
      cut = true;
      for (const controller of open) controller.abort(new Error("shutting down: Telegram request cut short"));
    },
  };
}
