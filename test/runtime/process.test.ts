import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { stopOnSignals, survivePromiseFailures } from "../../src/runtime/process.js";
import { redactSecrets } from "../../src/runtime/redact.js";
import { BotProcess } from "./child.js";
import { TOKEN } from "./harness.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger("info", stream), lines };
}

describe("process guards", () => {
  it("a real process survives a stray rejection and an uncaught exception, and logs them without the token", async () => {
    const child = BotProcess.start("test/runtime/fixtures/stray-failures.ts", { BOT_TOKEN: TOKEN });
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(child.logged("unhandled promise rejection (survived)")).toHaveLength(1);
    expect(child.logged("uncaught exception (survived)")).toHaveLength(1);
    expect(child.logged("still alive")).toHaveLength(1);
    expect(child.output.join("\n")).not.toContain(TOKEN.split(":")[1]);
  });

  it("redacts the token, the webhook secret and anything shaped like a token", () => {
    expect(redactSecrets(`bot${TOKEN}/getMe with s3cr3t-value`, [TOKEN, "s3cr3t-value"])).toBe("bot[redacted]/getMe with [redacted]");
    expect(redactSecrets("https://api.telegram.org/bot987654321:AAH-someone_elses_token_1234/getMe")).toBe("https://api.telegram.org/bot[redacted]/getMe");
    expect(redactSecrets("chat 12345:67890 at 10:30")).toBe("chat 12345:67890 at 10:30");
  });

  it("on SIGTERM or SIGINT stops the app once and exits 0; a failed stop exits 1", async () => {
    for (const signal of ["SIGTERM", "SIGINT"]) {
      const target = new EventEmitter();
      const exits: number[] = [];
      let stops = 0;
      const app = { stop: async () => void stops++ };
      stopOnSignals(app, capture().logger, { target: target as never, exit: (code) => exits.push(code) });
      target.emit(signal);
      target.emit(signal);
      await new Promise((resolve) => setImmediate(resolve));
      expect(stops).toBe(1);
      expect(exits).toEqual([0]);
    }
    const target = new EventEmitter();
    const exits: number[] = [];
    stopOnSignals({ stop: () => Promise.reject(new Error("deadline passed")) }, capture().logger, { target: target as never, exit: (code) => exits.push(code) });
    target.emit("SIGTERM");
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
  });

  it("a fatal stop (Telegram refuses the token) exits non-zero", async () => {
    const exits: number[] = [];
    const requestStop = stopOnSignals({ stop: async () => {} }, capture().logger, { target: new EventEmitter() as never, exit: (code) => exits.push(code) });
    requestStop("fatal", 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
  });

  it("logs without exiting when handed a rejection in this process", () => {
    const target = new EventEmitter();
    const { logger, lines } = capture();
    survivePromiseFailures(logger, [TOKEN], target as never);
    target.emit("unhandledRejection", new Error(`failed: ${TOKEN}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toBe("unhandled promise rejection (survived)");
    expect(JSON.stringify(lines[0])).not.toContain(TOKEN);
  });
});
