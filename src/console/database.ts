import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pgliteHandle, type DatabaseHandle } from "../db/client.js";
import { MIGRATIONS_FOLDER, runMigrations } from "../db/migrate.js";
import { seedWilayah } from "../domain/wilayah/seed.js";

/** Where the console keeps its prepared database between runs (gitignored). */
export const DEFAULT_CACHE_DIR = ".console-cache";

const WILAYAH_SEED_SOURCE = fileURLToPath(new URL("../domain/wilayah/seed.ts", import.meta.url));

/** Every file under `dir`, sorted, for hashing. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

/**
 * What the prepared database depends on: the migrations, the wilayah loader and its data, PGlite's
 * own version. Any change gives a new key, so a stale cache is never used.
 */
export function preparedDatabaseKey(wilayahCode: string): string {
  const hash = createHash("sha256");
  hash.update(`v1|${wilayahCode}|pglite ${packageVersion("@electric-sql/pglite")}|idn-area-data ${packageVersion("idn-area-data")}\n`);
  for (const file of [...filesUnder(MIGRATIONS_FOLDER), WILAYAH_SEED_SOURCE]) {
    hash.update(file.slice(file.lastIndexOf("/") + 1));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * An in-memory PGlite, migrated and with the wilayah loaded. A fresh PGlite runs initdb (seconds
 * of CPU) and then the migrations; the result is saved once as a data-directory image and later
 * runs start from it, which takes about a second. `cacheDir: null` always starts fresh.
 */
export async function openPreparedDatabase(params: { wilayahCode: string; cacheDir: string | null }): Promise<DatabaseHandle> {
  const image = params.cacheDir ? join(params.cacheDir, `pglite-${preparedDatabaseKey(params.wilayahCode)}.tar`) : null;
  if (image && isFile(image)) {
    try {
      const client = new PGlite({ loadDataDir: new Blob([readFileSync(image)]) });
      await client.waitReady;
      const handle = pgliteHandle(client);
      // Nothing to apply when the key matched; kept so an image can never run behind the code.
      await runMigrations(handle);
      return handle;
    } catch {
      rmSync(image, { force: true }); // unreadable (cut short, another PGlite): made again below
    }
  }
  const client = new PGlite();
  await client.waitReady;
  const handle = pgliteHandle(client);
  try {
    await runMigrations(handle);
    await seedWilayah(handle.db, params.wilayahCode);
    if (image) await saveImage(client, image);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Written aside and renamed, so two consoles (or test files) starting together never read half an image. */
async function saveImage(client: PGlite, image: string): Promise<void> {
  try {
    const dump = await client.dumpDataDir("none");
    mkdirSync(join(image, ".."), { recursive: true });
    const partial = `${image}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, image);
  } catch {
    // A cache only: without it the next start is slower, not wrong.
  }
}
