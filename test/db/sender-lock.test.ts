import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openSenderLock, type SenderLock } from "../../src/db/sender-lock.js";

// A session lock needs a PostgreSQL server: skipped on PGlite.
const url = process.env.TEST_DATABASE_URL;

/** A TCP relay to PostgreSQL that can stop passing bytes, as a cut network does. */
async function relay(target: URL): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  let frozen = false;
  const sockets: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.push(client, upstream);
    client.on("data", (chunk) => frozen || upstream.write(chunk));
    upstream.on("data", (chunk) => frozen || client.write(chunk));
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => (frozen = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe.skipIf(!url)("the sender's seat", () => {
  it("is given up locally when its connection stops answering, without waiting for TCP", async () => {
    const target = new URL(url!);
    const proxy = await relay(target);
    cleanup.push(() => proxy.close());
    const viaProxy = new URL(url!);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const lock: SenderLock = openSenderLock(viaProxy.toString());
    cleanup.push(() => lock.close().catch(() => {}));
    let lost = 0;
    lock.onLost(() => lost++);
    expect(await lock.tryTake()).toBe(true);
    expect(await lock.check()).toBe(true);

    proxy.freeze();
    expect(await lock.check()).toBe(false);
    expect(lock.held).toBe(false);
    expect(lost).toBe(1);
  }, 20_000);
});
