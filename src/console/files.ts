import { mkdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { UploadedFile } from "../testing/fake-telegram.js";

/** Where `npm run console` puts what the bot sends as files (gitignored). */
export const DEFAULT_FILES_DIR = "console-files";

/** A file name made of safe characters only: nothing typed or generated can leave the folder. */
function safePart(text: string, fallback: string): string {
  const cleaned = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+|-+$/g, "")
    .slice(0, 80);
  return cleaned || fallback;
}

/**
 * Saves the documents and photos the bot sends (XLSX exports, PNG charts) so they can be opened,
 * each under the chat's name and the message's id, which no two files share. The folder is
 * created on the first file.
 */
export class FileShelf {
  constructor(private readonly dir: string) {}

  /** Writes the file and answers its path as a person would type it (relative to here when inside). */
  save(params: { chatName: string; messageId: number; file: UploadedFile }): string {
    mkdirSync(this.dir, { recursive: true });
    const name = `${safePart(params.chatName.toLowerCase(), "chat")}-${params.messageId}-${safePart(params.file.filename, params.file.field)}`;
    const path = join(this.dir, name);
    writeFileSync(path, params.file.bytes);
    const shown = relative(process.cwd(), path);
    return shown && !shown.startsWith("..") && !isAbsolute(shown) ? shown : path;
  }
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KB`;
}
