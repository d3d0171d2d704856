/**
 * Files people sent the bot, fetched back from Telegram by file_id (the evidence pack's photos):
 * getFile names the file's path, then one GET of `<apiRoot>/file/bot<token>/<path>`. Both go through
 * the bot's injectable transport, so tests and the console never reach the network. A file is
 * bounded in size and time; anything else (refused, too big, too slow) is an error for the caller
 * to report in its own words. Errors never carry the token or the path (it embeds the token's URL).
 */
export type DownloadFile = (fileId: string) => Promise<Uint8Array>;

export type FileDownloaderOptions = {
  token: string;
  fetch: typeof fetch;
  apiRoot?: string;
  /** Larger files are refused before or while reading them. Telegram's bots get at most 20 MB. */
  maxBytes?: number;
  /** For getFile and the download together. */
  timeoutMs?: number;
};

export const FILE_MAX_BYTES = 10 * 1024 * 1024;
export const FILE_TIMEOUT_MS = 15_000;

export class FileDownloadError extends Error {
  constructor(readonly reason: "refused" | "too-large" | "failed") {
    super(`telegram file not downloaded: ${reason}`);
    this.name = "FileDownloadError";
  }
}

export function createFileDownloader(options: FileDownloaderOptions): DownloadFile {
  const apiRoot = options.apiRoot ?? "https://api.telegram.org";
  const maxBytes = options.maxBytes ?? FILE_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? FILE_TIMEOUT_MS;
  return async (fileId) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let path: string;
    try {
      const response = await options.fetch(`${apiRoot}/bot${options.token}/getFile`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ file_id: fileId }),
        signal,
      });
      const answer = (await response.json()) as { ok: boolean; result?: { file_path?: string; file_size?: number } };
      if (!answer.ok || !answer.result?.file_path) throw new FileDownloadError("refused");
      if ((answer.result.file_size ?? 0) > maxBytes) throw new FileDownloadError("too-large");
      path = answer.result.file_path;
    } catch (error) {
      throw error instanceof FileDownloadError ? error : new FileDownloadError("failed");
    }
    try {
      const response = await options.fetch(`${apiRoot}/file/bot${options.token}/${path}`, { signal });
      if (!response.ok || !response.body) throw new FileDownloadError("refused");
      if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw new FileDownloadError("too-large");
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw new FileDownloadError("too-large");
        }
        chunks.push(value);
      }
      return Buffer.concat(chunks);
    } catch (error) {
      throw error instanceof FileDownloadError ? error : new FileDownloadError("failed");
    }
  };
}
