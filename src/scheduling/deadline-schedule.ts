/**
 * Send times for messages with deadlines, on a queue that sends one message every `spacingMs`
 * (the delivery engine's rate). A message sent at t takes the engine from t to t + spacingMs.
 *
 * The rule: backward scheduling ("as late as possible"). Taken from the latest deadline down, each
 * message is sent at its deadline, or just early enough to leave room for the message after it
 * and for the messages already queued. So reminders go out at their own time when there is room,
 * and are pulled earlier, just enough, when too many fall due together. If the earliest ones would
 * have to start before `now`, the schedule is infeasible: those are pushed forward from `now` in
 * the order given (deadline order), and whatever ends up after its deadline is late (queued
 * anyway, as early as possible).
 */

/** A stretch of time [start, end) in which the engine is busy with messages queued earlier. */
export type BusyInterval = { start: number; end: number };

/** Counts of queued messages per time bucket (e.g. per second of their not_before). */
export type QueuedBucket = { atMs: number; count: number };

const EPSILON = 1e-6;

export function spacingForRate(messagesPerSecond: number): number {
  if (!(messagesPerSecond > 0)) throw new RangeError(`rate must be positive, got ${messagesPerSecond}`);
  return 1000 / messagesPerSecond;
}

/**
 * When the engine will be busy with already-queued messages. It sends them in not_before order at
 * the same rate, so a bucket's messages run back to back from the bucket's start, or from where the
 * previous bucket's ran out; anything overdue runs from `now`. Sorted, merged intervals.
 */
export function busyIntervals(buckets: readonly QueuedBucket[], nowMs: number, spacingMs: number): BusyInterval[] {
  const sorted = buckets.filter((bucket) => bucket.count > 0).sort((a, b) => a.atMs - b.atMs);
  const intervals: BusyInterval[] = [];
  let cursor = nowMs;
  for (const bucket of sorted) {
    const start = Math.max(cursor, bucket.atMs);
    const end = start + bucket.count * spacingMs;
    const last = intervals[intervals.length - 1];
    if (last && last.end >= start - EPSILON) last.end = Math.max(last.end, end);
    else intervals.push({ start, end });
    cursor = end;
  }
  return intervals;
}

/**
 * A send time for each message. `deadlinesMs` must be in the order the messages should be served
 * when they compete (ascending deadline; ties broken by the caller, e.g. earliest event first).
 * Returns the send times in the same order, strictly increasing by at least `spacingMs`, never
 * before `nowMs`, never overlapping `busy`; a message is late when its time is after its deadline.
 */
export function scheduleByDeadline(deadlinesMs: ArrayLike<number>, nowMs: number, spacingMs: number, busy: readonly BusyInterval[] = []): Float64Array {
  const count = deadlinesMs.length;
  const times = new Float64Array(count);
  // Backward pass: latest deadline first, each as late as its deadline, the next message and
  // the busy intervals allow.
  let next = Infinity;
  let interval = busy.length - 1;
  let earliest = Infinity;
  for (let i = count - 1; i >= 0; i--) {
    let time = Math.min(deadlinesMs[i]!, next - spacingMs);
    while (interval >= 0) {
      const { start, end } = busy[interval]!;
      if (start >= time + spacingMs - EPSILON) interval--; // entirely after: after every later message too
      else if (end <= time + EPSILON) break; // entirely before
      else {
        time = start - spacingMs;
        interval--;
      }
    }
    times[i] = time;
    next = time;
    earliest = Math.min(earliest, time);
  }
  if (earliest >= nowMs - EPSILON) return times;

  // Infeasible: push the messages that would need the past forward from now, in the given
  // order, until one keeps its backward time (all after it keep theirs too).
  let cursor = nowMs;
  let free = 0;
  for (let i = 0; i < count; i++) {
    if (times[i]! >= cursor - EPSILON) break;
    let time = cursor;
    while (free < busy.length) {
      const { start, end } = busy[free]!;
      if (end <= time + EPSILON) free++;
      else if (start < time + spacingMs - EPSILON) {
        time = end;
        free++;
      } else break;
    }
    times[i] = time;
    cursor = time + spacingMs;
  }
  return times;
}

export function isLate(sendAtMs: number, deadlineMs: number): boolean {
  return sendAtMs > deadlineMs + EPSILON;
}

/**
 * The fewest messages that must miss their deadline under any schedule from `now` at this rate:
 * for each deadline, the messages due by then beyond the room left by then. Zero means everything
 * fits in the time available.
 */
export function minimumLate(deadlinesMs: readonly number[], nowMs: number, spacingMs: number, busy: readonly BusyInterval[] = []): number {
  const sorted = [...deadlinesMs].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i + 1 < sorted.length && sorted[i + 1] === sorted[i]) continue;
    worst = Math.max(worst, i + 1 - room(nowMs, sorted[i]!, spacingMs, busy));
  }
  return worst;
}

/** How many messages can start in [from, by] without overlapping `busy`. */
function room(from: number, by: number, spacingMs: number, busy: readonly BusyInterval[]): number {
  if (by < from - EPSILON) return 0;
  let total = 0;
  let gapStart = from;
  const horizon = by + spacingMs; // the last message may start at `by`
  for (const { start, end } of busy) {
    if (end <= gapStart) continue;
    if (start >= horizon) break;
    total += Math.max(0, Math.floor((start - gapStart) / spacingMs + EPSILON));
    gapStart = Math.max(gapStart, end);
  }
  if (horizon > gapStart) total += Math.floor((horizon - gapStart) / spacingMs + EPSILON);
  return total;
}
