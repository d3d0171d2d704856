/**
 * The ronda (night watch) rota: who watches at the pos kamling on which night.
 *
 * Pure and deterministic: no clock, no randomness, no I/O. The caller turns the ketua's settings
 * (weekdays, number of weeks, people per shift) into dated nights and the opted-in residents into
 * volunteers; this module only decides who goes where.
 *
 * The rota is built in three steps, each of which keeps what the earlier ones guaranteed.
 *
 * 1. Staffing (hard). Every night gets min(perShift, people available that night), or min(needed, …)
 *    for a night that some are on already. Nights do not compete for people (nobody has a cap on
 *    shifts), so this is always achievable; a greedy pass in date order fills each night with the
 *    available people who have the fewest shifts so far,
 *    preferring those who did not watch the night before.
 *
 * 2. Fairness. With every night's head count fixed, the possible vectors of shift counts per
 *    volunteer form an M-convex set (they are the volunteer-side degrees of a bipartite b-matching).
 *    The rota minimises, over that set,
 *        sum over volunteers of  BIG * count² + rank * count,
 *    where `rank` orders volunteers by (priorShifts, id) and BIG exceeds every rank. The first term
 *    is the fairness itself: on an M-convex set, minimising the sum of squares is the same as being
 *    "decreasingly minimal" (the counts sorted from high to low are lexicographically smallest), which
 *    also minimises the largest count and maximises the smallest. So counts differ by at most one
 *    whenever any rota achieves that. The second term only decides *who* gets the extra shift among
 *    equally fair rotas: fewer prior shifts first, then lower id; it never trades fairness away.
 *    For a separable convex objective on an M-convex set a local optimum is global, and the local
 *    moves are exactly "volunteer A gives one shift to volunteer B, possibly through a chain of
 *    replacements (B takes C's place on one night, C takes A's on another, …)". The pass searches
 *    such chains by breadth-first search and applies improving ones until none is left.
 *
 * 3. No back-to-back nights "where avoidable". Two nights are back to back when their dates are
 *    consecutive calendar days. With every count frozen (so steps 1 and 2 stay exactly as they are),
 *    a local search swaps two people between two nights (A from night x to y, B from y to x, both
 *    available, neither already there) whenever that lowers the total number of back-to-back pairs,
 *    until no such swap exists. "Avoidable" therefore means: avoidable by such a swap without changing
 *    anyone's count. It is a local optimum, not a proof that no other rota does better. When nobody
 *    is unavailable and there are at least 2 × perShift volunteers, a round robin in rank order has
 *    the very counts of step 2 and no back-to-back nights; the greedy pass, which prefers people who
 *    did not watch the night before, plus these swaps reach such a rota (the tests check it).
 */

import { dayNumber, isValidDate, weekdayOf, type LocalDate } from "../schedule/wib.js";

export type RotaNight = {
  key: string;
  date: string /* YYYY-MM-DD (WIB) */;
  weekday: number /* 0=Minggu … 6=Sabtu */;
  /** People this night still needs, when some are on it already (an agreed swap); perShift otherwise. */
  needed?: number;
};
export type RotaVolunteer = {
  id: number;
  unavailableWeekdays: number[];
  unavailableDates: string[];
  /** Shifts already done before this rota, for fairness across rotas (a tie-breaker only). */
  priorShifts?: number;
};
export type RotaInput = { nights: RotaNight[] /* in date order */; perShift: number; volunteers: RotaVolunteer[] };
export type Rota = {
  /** Same order as the input nights; ids ascending within a night. */
  assignments: { nightKey: string; volunteerIds: number[] }[];
  /** Nights that could not be fully staffed because too few people are available. */
  shortfalls: { nightKey: string; missing: number }[];
  /** Shifts per volunteer in this rota, every volunteer included (0 for those never on). */
  counts: Map<number, number>;
};

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of a night's "YYYY-MM-DD", or undefined when it is not a real date. */
function localDateOf(text: string): LocalDate | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date) ? date : undefined;
}

export function isAvailable(volunteer: RotaVolunteer, night: RotaNight): boolean {
  return !volunteer.unavailableWeekdays.includes(night.weekday) && !volunteer.unavailableDates.includes(night.date);
}

/** Rejects inputs that are programming errors rather than facts about the RT. */
function validate(input: RotaInput): void {
  if (!Number.isInteger(input.perShift) || input.perShift < 1) throw new RangeError(`perShift must be a positive integer, got ${input.perShift}`);
  const keys = new Set<string>();
  for (const night of input.nights) {
    if (keys.has(night.key)) throw new RangeError(`duplicate night key ${night.key}`);
    keys.add(night.key);
    const date = localDateOf(night.date);
    if (date === undefined) throw new RangeError(`night ${night.key} has an invalid date ${night.date}`);
    // The caller derives both from the same WIB date; a mismatch means one of them is wrong.
    const weekday = weekdayOf(date);
    if (night.weekday !== weekday) throw new RangeError(`night ${night.key}: ${night.date} is weekday ${weekday}, not ${night.weekday}`);
    if (night.needed !== undefined && (!Number.isInteger(night.needed) || night.needed < 0)) throw new RangeError(`night ${night.key}: needed must be a whole number, got ${night.needed}`);
  }
  const ids = new Set<number>();
  for (const volunteer of input.volunteers) {
    if (!Number.isSafeInteger(volunteer.id)) throw new RangeError(`volunteer id must be an integer, got ${volunteer.id}`);
    if (ids.has(volunteer.id)) throw new RangeError(`duplicate volunteer id ${volunteer.id}`);
    ids.add(volunteer.id);
  }
}

/**
 * Working state. Volunteers are referred to by rank (index into `volunteers`, sorted by
 * priorShifts then id), so "lower index" is "goes first" everywhere below.
 */
type Model = {
  volunteers: RotaVolunteer[];
  nightCount: number;
  demand: number[];
  /** Per night, the ranks of the people available, ascending. */
  availableAt: number[][];
  canDo: Uint8Array[];
  on: Uint8Array[];
  count: number[];
  day: number[];
  /** Night indices per calendar day, to find the nights just before and after one. */
  nightsOnDay: Map<number, number[]>;
};

function neededOn(input: RotaInput, night: number): number {
  return input.nights[night]!.needed ?? input.perShift;
}

function buildModel(input: RotaInput): Model {
  const volunteers = [...input.volunteers].sort((a, b) => (a.priorShifts ?? 0) - (b.priorShifts ?? 0) || a.id - b.id);
  const day = input.nights.map((night) => dayNumber(localDateOf(night.date)!));
  const nightsOnDay = new Map<number, number[]>();
  day.forEach((d, index) => nightsOnDay.set(d, [...(nightsOnDay.get(d) ?? []), index]));
  const canDo = input.nights.map((night) => Uint8Array.from(volunteers, (volunteer) => (isAvailable(volunteer, night) ? 1 : 0)));
  const availableAt = canDo.map((row) => volunteers.map((_, rank) => rank).filter((rank) => row[rank] === 1));
  return {
    volunteers,
    nightCount: input.nights.length,
    demand: availableAt.map((ranks, night) => Math.min(neededOn(input, night), ranks.length)),
    availableAt,
    canDo,
    on: input.nights.map(() => new Uint8Array(volunteers.length)),
    count: volunteers.map(() => 0),
    day,
    nightsOnDay,
  };
}

function isOn(model: Model, night: number, rank: number): boolean {
  return model.on[night]![rank] === 1;
}

/** Whether `rank` watches on a night dated one day before or after `night`. */
function watchesBesides(model: Model, rank: number, night: number, offset: -1 | 1): boolean {
  const neighbours = model.nightsOnDay.get(model.day[night]! + offset) ?? [];
  return neighbours.some((other) => isOn(model, other, rank));
}

function greedyFill(model: Model): void {
  for (let night = 0; night < model.nightCount; night++) {
    const candidates = model.availableAt[night]!.map((rank) => ({ rank, watchedYesterday: watchesBesides(model, rank, night, -1) ? 1 : 0 }));
    candidates.sort((a, b) => model.count[a.rank]! - model.count[b.rank]! || a.watchedYesterday - b.watchedYesterday || a.rank - b.rank);
    for (const { rank } of candidates.slice(0, model.demand[night])) {
      model.on[night]![rank] = 1;
      model.count[rank]!++;
    }
  }
}

/** Moving one shift from `giver` to `taker` lowers BIG·c² + rank·c (see the module comment). */
function improves(model: Model, giver: number, taker: number): boolean {
  const gap = model.count[giver]! - model.count[taker]!;
  return gap >= 2 || (gap === 1 && taker < giver);
}

/**
 * Looks for a chain that moves one shift away from `giver` and applies the best one found.
 * The chain is giver → v1 → … → taker: v1 takes giver's place on some night, v2 takes v1's place on
 * another, and so on; everyone in between keeps their count.
 */
function moveOneShift(model: Model, giver: number): boolean {
  const volunteerCount = model.volunteers.length;
  const reached = new Uint8Array(volunteerCount);
  const expanded = new Uint8Array(model.nightCount);
  const viaNight = new Int32Array(volunteerCount).fill(-1);
  const viaVolunteer = new Int32Array(volunteerCount).fill(-1);
  const queue = [giver];
  reached[giver] = 1;
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    for (let night = 0; night < model.nightCount; night++) {
      // Who can replace `from` on a night does not depend on who is replaced, so each night once.
      if (expanded[night] || !isOn(model, night, from)) continue;
      expanded[night] = 1;
      for (const rank of model.availableAt[night]!) {
        if (reached[rank] || isOn(model, night, rank)) continue;
        reached[rank] = 1;
        viaNight[rank] = night;
        viaVolunteer[rank] = from;
        queue.push(rank);
      }
    }
  }
  let taker = -1;
  for (const rank of queue) {
    if (rank === giver || !improves(model, giver, rank)) continue;
    if (taker === -1 || model.count[rank]! < model.count[taker]! || (model.count[rank] === model.count[taker] && rank < taker)) taker = rank;
  }
  if (taker === -1) return false;
  // The nights along a breadth-first path are distinct, so the replacements do not interfere.
  for (let rank = taker; rank !== giver; rank = viaVolunteer[rank]!) {
    const night = viaNight[rank]!;
    model.on[night]![viaVolunteer[rank]!] = 0;
    model.on[night]![rank] = 1;
  }
  model.count[giver]!--;
  model.count[taker]!++;
  return true;
}

function balance(model: Model): void {
  // Every move lowers the objective, an integer bounded below, so this ends; a pass with no move
  // means no improving chain exists from anyone, which on an M-convex set is the global optimum.
  for (let moved = true; moved; ) {
    moved = false;
    const givers = model.volunteers.map((_, rank) => rank).sort((a, b) => model.count[b]! - model.count[a]! || b - a);
    // A move never lowers the smallest count, so someone at it now has nobody below to give to.
    const lowest = Math.min(...model.count);
    for (const giver of givers) {
      if (model.count[giver]! > lowest && moveOneShift(model, giver)) moved = true;
    }
  }
}

/** Back-to-back pairs of one volunteer: nights x, y with y dated the day after x. */
function backToBack(model: Model, rank: number): number {
  let pairs = 0;
  for (let night = 0; night < model.nightCount; night++) {
    if (!isOn(model, night, rank)) continue;
    for (const next of model.nightsOnDay.get(model.day[night]! + 1) ?? []) if (isOn(model, next, rank)) pairs++;
  }
  return pairs;
}

function swap(model: Model, a: number, x: number, b: number, y: number): void {
  model.on[x]![a] = 0;
  model.on[y]![b] = 0;
  model.on[x]![b] = 1;
  model.on[y]![a] = 1;
}

/** Tries to swap `a` off night `x` with someone on another night; keeps the first swap that helps. */
function relieve(model: Model, a: number, x: number): boolean {
  for (let y = 0; y < model.nightCount; y++) {
    if (y === x || isOn(model, y, a) || !model.canDo[y]![a]) continue;
    for (const b of model.availableAt[x]!) {
      if (b === a || !isOn(model, y, b) || isOn(model, x, b)) continue;
      const before = backToBack(model, a) + backToBack(model, b);
      swap(model, a, x, b, y);
      if (backToBack(model, a) + backToBack(model, b) < before) return true;
      swap(model, b, x, a, y);
    }
  }
  return false;
}

function separateConsecutiveNights(model: Model): void {
  // Each kept swap lowers the number of back-to-back pairs, so this ends.
  for (let improved = true; improved; ) {
    improved = false;
    for (let x = 0; x < model.nightCount; x++) {
      for (let a = 0; a < model.volunteers.length; a++) {
        if (!isOn(model, x, a) || !(watchesBesides(model, a, x, -1) || watchesBesides(model, a, x, 1))) continue;
        if (relieve(model, a, x)) improved = true;
      }
    }
  }
}

/** Builds the rota for the given nights; see the module comment for what it guarantees. */
export function generateRota(input: RotaInput): Rota {
  validate(input);
  const model = buildModel(input);
  greedyFill(model);
  balance(model);
  separateConsecutiveNights(model);

  const assignments = input.nights.map((night, index) => ({
    nightKey: night.key,
    volunteerIds: model.volunteers
      .filter((_, rank) => isOn(model, index, rank))
      .map((volunteer) => volunteer.id)
      .sort((a, b) => a - b),
  }));
  const shortfalls = input.nights
    .map((night, index) => ({ nightKey: night.key, missing: neededOn(input, index) - model.demand[index]! }))
    .filter((shortfall) => shortfall.missing > 0);
  const rankOf = new Map(model.volunteers.map((volunteer, rank) => [volunteer.id, rank]));
  const counts = new Map(input.volunteers.map((volunteer) => [volunteer.id, model.count[rankOf.get(volunteer.id)!]!]));
  return { assignments, shortfalls, counts };
}

/**
 * The hard rules a rota must keep, checked against its input: every night present in order, nobody
 * unknown, twice on a night or on a night they cannot do, each night staffed with
 * min(perShift, available), shortfalls and counts consistent with the assignments.
 * Returns one sentence per violation; an empty list means the rota is valid.
 */
export function checkRota(input: RotaInput, rota: Rota): string[] {
  const violations: string[] = [];
  const volunteersById = new Map(input.volunteers.map((volunteer) => [volunteer.id, volunteer]));
  const counted = new Map(input.volunteers.map((volunteer) => [volunteer.id, 0]));
  const expectedShortfalls: Rota["shortfalls"] = [];

  if (rota.assignments.length !== input.nights.length) {
    violations.push(`rota has ${rota.assignments.length} nights, the input has ${input.nights.length}`);
  }
  input.nights.forEach((night, index) => {
    const available = input.volunteers.filter((volunteer) => isAvailable(volunteer, night)).length;
    const needed = Math.min(neededOn(input, index), available);
    if (needed < neededOn(input, index)) expectedShortfalls.push({ nightKey: night.key, missing: neededOn(input, index) - needed });
    const assignment = rota.assignments[index];
    if (!assignment) return;
    if (assignment.nightKey !== night.key) violations.push(`night ${index + 1} should be ${night.key}, the rota has ${assignment.nightKey}`);
    const seen = new Set<number>();
    for (const id of assignment.volunteerIds) {
      const volunteer = volunteersById.get(id);
      if (!volunteer) {
        violations.push(`${night.key}: volunteer ${id} is not taking part`);
        continue;
      }
      if (seen.has(id)) {
        violations.push(`${night.key}: volunteer ${id} is on the night twice`);
        continue;
      }
      seen.add(id);
      counted.set(id, (counted.get(id) ?? 0) + 1);
      if (volunteer.unavailableWeekdays.includes(night.weekday)) violations.push(`${night.key}: volunteer ${id} cannot do weekday ${night.weekday}`);
      if (volunteer.unavailableDates.includes(night.date)) violations.push(`${night.key}: volunteer ${id} cannot do ${night.date}`);
    }
    if (assignment.volunteerIds.length !== needed) {
      violations.push(`${night.key}: ${assignment.volunteerIds.length} people on watch, should be ${needed} (${available} available, ${input.perShift} per shift)`);
    }
  });

  const shortfallText = (list: Rota["shortfalls"]) => list.map((shortfall) => `${shortfall.nightKey}-${shortfall.missing}`).join(", ");
  if (shortfallText(rota.shortfalls) !== shortfallText(expectedShortfalls)) {
    violations.push(`shortfalls reported as [${shortfallText(rota.shortfalls)}], should be [${shortfallText(expectedShortfalls)}]`);
  }
  for (const [id, count] of counted) {
    if (rota.counts.get(id) !== count) violations.push(`volunteer ${id} has ${count} shifts, counts say ${rota.counts.get(id)}`);
  }
  for (const id of rota.counts.keys()) if (!counted.has(id)) violations.push(`counts name volunteer ${id}, who is not taking part`);
  return violations;
}
