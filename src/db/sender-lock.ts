import postgres from "postgres";

/**
 * Advisory lock class of the outbox sender ("bans" as ASCII): two-int keys, a class apart from the
 * chat locks' (CHAT_LOCK_CLASS), so no chat's hash ever meets it; the migration lock's single
 * bigint key lives in another key space altogether.
 */
export const SENDER_LOCK_CLASS = 0x62616e73;
export const SENDER_LOCK_KEY = 1;
/** The channel instances tell the sender on: replies they sent, a 429 they saw, a row they queued. */
export const SENDER_CHANNEL = "bantar_sender";
/** How long the seat's connection may take to answer check() before this process stops sending. */
export const CHECK_TIMEOUT_MS = 3_000;

/**
 * The seat of the one outbox sender among the instances sharing a PostgreSQL: a session advisory
 * lock held on a connection of its own (apart from the pool, as the chat locks are), and the
 * channel the other instances reach the holder on. An instance that dies loses its connection and
 * PostgreSQL frees the seat at once; another takes it on its next try.
 */
export type SenderLock = {
  /** Tries to take the seat, never waiting; true when this process holds it now. */
  tryTake(): Promise<boolean>;
  /** Whether the seat is still ours: false from the moment its connection closed. */
  readonly held: boolean;
  /** Asks the connection while holding the seat; a connection that does not answer loses it. */
  check(): Promise<boolean>;
  /** Called once each time a held seat is lost with its connection; answers how to stop being called. */
  onLost(listener: () => void): () => void;
  /** Gives the seat back (stopping); the connection stays open for notices. */
  release(): Promise<void>;
  /** Sends a notice to whoever holds the seat (no one listening: it is dropped, as intended). */
  notify(payload: string): Promise<void>;
  /**
   * Receives the notices of the other instances (postgres.js listens on a connection of its own);
   * answers how to stop receiving them (a stopped app leaves no listener on a shared lock).
   */
  listen(onNotice: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export function openSenderLock(url: string, options: { applicationName?: string } = {}): SenderLock {
  // Each close of the connection frees the seat if it held it (a session lock lives with its session).
  let generation = 0;
  let heldIn: number | null = null;
  const lostListeners: (() => void)[] = [];
  const lose = () => {
    if (heldIn === null) return;
    heldIn = null;
    for (const listener of lostListeners) listener();
  };
  const sql = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 10,
    onnotice: () => {},
    onclose: () => {
      generation++;
      lose();
    },
    // A dead host or a cut network frees the seat in about 10 s, not after the kernel's two hours:
    // PostgreSQL probes this session's socket and drops it (these are startup parameters, set per session).
    connection: {
      application_name: options.applicationName ?? "bantar-sender",
      tcp_keepalives_idle: 5,
      tcp_keepalives_interval: 2,
      tcp_keepalives_count: 2,
      tcp_user_timeout: 10_000,
    },
  });
  return {
    get held() {
      return heldIn !== null && heldIn === generation;
    },
    async tryTake() {
      if (this.held) return true;
      const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${SENDER_LOCK_CLASS}::int4, ${SENDER_LOCK_KEY}::int4) as locked`;
      if (!row?.locked) return false;
      heldIn = generation;
      return true;
    },
    async check() {
      if (!this.held) return false;
      // No answer within CHECK_TIMEOUT_MS: this process stops sending at once (fenced), though
      // PostgreSQL may still count the seat as ours until the keepalives above drop the session;
      // the next tryTake() takes it again if it was never lost (release() unlocks as often as taken).
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sql`select 1`.execute(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("the sender's connection did not answer")), CHECK_TIMEOUT_MS);
          }),
        ]);
      } catch {
        lose();
      } finally {
        clearTimeout(timer);
      }
      return this.held;
    },
    onLost(listener) {
      lostListeners.push(listener);
      return () => {
        const at = lostListeners.indexOf(listener);
        if (at >= 0) lostListeners.splice(at, 1);
      };
    },
    async release() {
      if (!this.held) return;
      heldIn = null;
      // A session lock counts its takings: one taken again after a failed check needs two unlocks.
      for (let i = 0; i < 10; i++) {
        const rows = await sql<{ unlocked: boolean }[]>`select pg_advisory_unlock(${SENDER_LOCK_CLASS}::int4, ${SENDER_LOCK_KEY}::int4) as unlocked`.catch(() => []);
        if (!rows[0]?.unlocked) break;
      }
    },
    async notify(payload) {
      await sql`select pg_notify(${SENDER_CHANNEL}, ${payload})`;
    },
    async listen(onNotice) {
      const { unlisten } = await sql.listen(SENDER_CHANNEL, onNotice);
      return async () => {
        await unlisten().catch(() => {});
      };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
