import { DrizzleQueryError } from "drizzle-orm/errors";
import { BotError } from "grammy";
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../../src/db/errors.js";

/** Errors shaped as postgres.js makes them: a plain Error with `code`, or a PostgresError with the SQLSTATE. */
const connectionError = (code: string) => Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code });
const serverError = (code: string, message: string) => Object.assign(new Error(message), { name: "PostgresError", code, severity: "FATAL" });

describe("isDatabaseUnavailable", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "CONNECTION_ENDED", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"])("knows the connection error %s", (code) => {
    expect(isDatabaseUnavailable(connectionError(code))).toBe(true);
  });

  it.each([
    ["57P01", "terminating connection due to administrator command"],
    ["57P03", "the database system is starting up"],
    ["08006", "connection failure"],
    ["08001", "could not connect"],
  ])("knows the server's SQLSTATE %s", (code, message) => {
    expect(isDatabaseUnavailable(serverError(code, message))).toBe(true);
  });

  it("looks inside drizzle's DrizzleQueryError, grammY's BotError and an AggregateError", () => {
    const refused = connectionError("ECONNREFUSED");
    const wrapped = new DrizzleQueryError("insert into processed_update …", [1], refused);
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new BotError(wrapped, {} as never))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([connectionError("ECONNREFUSED"), connectionError("ECONNREFUSED")]))).toBe(true);
    expect(isDatabaseUnavailable(new DatabaseUnavailableError(refused))).toBe(true);
  });

  it("is false for errors of the query or the program, which a retry would not mend", () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert …", [], serverError("23505", "duplicate key value violates unique constraint")))).toBe(false);
    expect(isDatabaseUnavailable(serverError("42P01", 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("undefined is not a function"))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    const loop: { cause?: unknown } = new Error("loop");
    loop.cause = { cause: loop };
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
