import { describe, expect, it } from "vitest";
import { pacedFetch } from "../../src/delivery/paced-fetch.js";
import { Pacer, TELEGRAM_LIMITS } from "../../src/delivery/pacer.js";
import { flush, ManualClock } from "./manual-clock.js";

function okFetch(calls: string[]): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0]) => {
    calls.push(String(input));
    return new Response(JSON.stringify({ ok: true, result: true }), { status: 200 });
  }) as typeof fetch;
}

function upload(): RequestInit {
  // A multipart stream, as grammY sends an InputFile: its chat id cannot be read without consuming it.
  const body = new ReadableStream({ start: (controller) => controller.close() });
  return { method: "POST", body, duplex: "half" } as RequestInit;
}

describe("pacedFetch", () => {
  it("paces uploads too: streamed sendDocument calls wait for a slot like any message", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(TELEGRAM_LIMITS, clock);
    const calls: string[] = [];
    const send = pacedFetch(pacer, okFetch(calls));
    const done = [1, 2, 3].map(() => send("https://api.telegram.org/botX/sendDocument", upload()));
    await flush();
    // Uploads share one per-chat key, so they go one a second, not all at once.
    expect(calls).toHaveLength(1);
    await clock.advance(1_100);
    expect(calls).toHaveLength(2);
    await clock.advance(1_100);
    await Promise.all(done);
    expect(calls).toHaveLength(3);
  });

  it("does not pace calls that send nothing to a chat", async () => {
    const pacer = new Pacer(TELEGRAM_LIMITS, new ManualClock());
    const calls: string[] = [];
    const send = pacedFetch(pacer, okFetch(calls));
    await Promise.all([1, 2, 3].map(() => send("https://api.telegram.org/botX/getMe", { method: "POST", body: "{}" })));
    expect(calls).toHaveLength(3);
  });
});
