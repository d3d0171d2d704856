import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, encodePage, GZIP_MIN_BYTES } from "../../src/webapp/compress.js";

describe("acceptsGzip", () => {
  it("takes gzip when named or covered by * with a weight above 0", () => {
    for (const header of ["gzip", "gzip, deflate, br", "deflate, GZIP", "br;q=1.0, gzip;q=0.8, *;q=0.1", "x-gzip", "*", "identity, *;q=0.5", ["br", "gzip"], " gzip ; q=0.001 "]) {
      expect(acceptsGzip(header), String(header)).toBe(true);
    }
  });

  it("refuses it when absent, weighed 0 (even with * above 0), or oddly weighed", () => {
    for (const header of [undefined, "", "identity", "br, deflate", "gzip;q=0", "gzip;q=0.000", "gzip;q=0, *;q=1", "*;q=0", "gzip;q=abc", "gzip;q=-1", "gzipx", ",,;;", "a".repeat(10_000)]) {
      expect(acceptsGzip(header), String(header).slice(0, 40)).toBe(false);
    }
  });
});

describe("encodePage", () => {
  const page = `<!doctype html><p>${"Simpang IV Sipin · ".repeat(200)}</p>`;

  it("gzips a page the client takes gzip for, and it reads back the same", () => {
    const encoded = encodePage("gzip, deflate", page);
    expect(encoded.headers).toEqual({ vary: "accept-encoding", "content-encoding": "gzip" });
    expect(Buffer.isBuffer(encoded.body)).toBe(true);
    expect(gunzipSync(encoded.body as Buffer).toString("utf8")).toBe(page);
  });

  it("sends it as it is otherwise, and a page under GZIP_MIN_BYTES always", () => {
    expect(encodePage("identity", page)).toEqual({ body: page, headers: { vary: "accept-encoding" } });
    expect(encodePage(undefined, page)).toEqual({ body: page, headers: { vary: "accept-encoding" } });
    const small = "é".repeat(GZIP_MIN_BYTES / 2 - 1);
    expect(encodePage("gzip", small)).toEqual({ body: small, headers: { vary: "accept-encoding" } });
    // Counted in bytes, not characters: 512 two-byte characters are gzipped.
    expect(encodePage("gzip", "é".repeat(GZIP_MIN_BYTES / 2)).headers["content-encoding"]).toBe("gzip");
  });
});
