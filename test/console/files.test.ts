import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileShelf } from "../../src/console/files.js";

const root = mkdtempSync(join(tmpdir(), "bantar-shelf-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("FileShelf", () => {
  it("creates its folder on the first file and keeps hostile names inside it", () => {
    const dir = join(root, "console-files");
    const shelf = new FileShelf(dir);
    expect(existsSync(dir)).toBe(false);
    const names = ["../../etc/passwd", "", "..", "Rekap 😀\u200b; DROP TABLE--.xlsx", "x".repeat(500)];
    const paths = names.map((filename, i) => shelf.save({ chatName: "Pak Harun/../..", messageId: i + 1, file: { field: "document", filename, bytes: Buffer.from("x") } }));
    for (const path of paths) expect(path.startsWith(dir)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(names.length);
    expect(readdirSync(dir).every((name) => /^[A-Za-z0-9._-]+$/.test(name) && name.length <= 200)).toBe(true);
  });
});
