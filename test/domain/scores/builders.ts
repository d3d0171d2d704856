import { and, eq } from "drizzle-orm";
import type { Database } from "../../../src/db/client.js";
import {
  bankAccount,
  depositLine,
  event,
  eventOccurrence,
  ledgerEntry,
  participation,
  person,
  readingSession,
  wasteBank,
  wastePrice,
  wasteType,
} from "../../../src/db/schema/index.js";
import type { EventKind } from "../../../src/domain/events/events.js";
import type { ParticipationKind } from "../../../src/domain/participation/participation.js";
import type { RtDetails } from "../../../src/domain/rt/rt.js";

/** An instant written as WIB wall-clock time: wib("2026-12-06T23:30"). */
export function wib(local: string): Date {
  return new Date(`${local}:00+07:00`);
}

export const DAY = 24 * 60 * 60 * 1000;

let sequence = 0;
const next = () => ++sequence;

/** Persons to take part; households come with their participation rows. */
export async function addResidents(db: Database, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await db
    .insert(person)
    .values(Array.from({ length: count }, () => ({ telegramId: 700_000 + next(), displayName: `Warga ${sequence}` })))
    .returning({ id: person.id });
  return rows.map((row) => row.id);
}

export type ParticipationRow = {
  rtId: number;
  personId: number;
  kind: ParticipationKind;
  at: Date;
  /** Defaults to one household per person. */
  household?: string | null;
  verified?: boolean;
  revoked?: boolean;
  occurrenceId?: number | null;
};

export async function participate(db: Database, rows: ParticipationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(participation).values(
    rows.map((row) => ({
      sourceKey: `test:${next()}`,
      rtId: row.rtId,
      personId: row.personId,
      householdLabel: row.household === undefined ? `Rumah ${row.personId}` : row.household,
      kind: row.kind,
      occurredAt: row.at,
      verified: row.verified ?? true,
      source: "test",
      occurrenceId: row.occurrenceId ?? null,
      recordedBy: null,
      recordedAt: row.at,
      revokedAt: row.revoked ? row.at : null,
    })),
  );
}

/** Each of `personIds` took part once in `kind` at `at`, one household each. */
export async function everyoneDid(db: Database, rt: RtDetails, personIds: number[], kind: ParticipationKind, at: Date): Promise<void> {
  await participate(db, personIds.map((personId) => ({ rtId: rt.id, personId, kind, at })));
}

type OccurrenceKind = EventKind;

/** Occurrences of one event of the RT; returns their ids in the order of `starts`. */
export async function addOccurrences(
  db: Database,
  rtId: number,
  kind: OccurrenceKind,
  starts: Date[],
  options: { minutes?: number; cancelled?: boolean } = {},
): Promise<number[]> {
  if (starts.length === 0) return [];
  const minutes = options.minutes ?? 120;
  const [created] = await db
    .insert(event)
    .values({ rtId, kind, place: "Pos kamling", firstStartsAt: starts[0]!, durationMinutes: minutes, recurrence: { kind: "none" } })
    .returning({ id: event.id });
  const rows = await db
    .insert(eventOccurrence)
    .values(
      starts.map((startsAt) => ({
        eventId: created!.id,
        rtId,
        kind,
        startsAt,
        endsAt: new Date(startsAt.getTime() + minutes * 60_000),
        place: "Pos kamling",
        cancelledAt: options.cancelled ? startsAt : null,
      })),
    )
    .returning({ id: eventOccurrence.id });
  return rows.map((row) => row.id);
}

/** `personIds` checked in at the occurrence (one household each unless `household` says otherwise). */
export async function checkIns(
  db: Database,
  rtId: number,
  occurrenceId: number,
  kind: OccurrenceKind,
  at: Date,
  personIds: number[],
  options: { household?: (personId: number) => string; revoked?: boolean; verified?: boolean } = {},
): Promise<void> {
  await participate(
    db,
    personIds.map((personId) => ({
      rtId, personId, kind, at, occurrenceId, revoked: options.revoked, verified: options.verified,
      ...(options.household ? { household: options.household(personId) } : {}),
    })),
  );
}

export type Bank = { id: number; kgTypeId: number; literTypeId: number; kgPriceId: number; literPriceId: number; officer: number };

export async function addBank(db: Database, kelurahanCode: string): Promise<Bank> {
  const createdAt = new Date("2026-01-01T00:00:00Z");
  const [officer] = await addResidents(db, 1);
  const [bank] = await db.insert(wasteBank).values({ kelurahanCode, name: "Bank Sampah Test", createdAt }).returning({ id: wasteBank.id });
  const [kg] = await db.insert(wasteType).values({ wasteBankId: bank!.id, name: "Plastik", unit: "kg", createdAt }).returning({ id: wasteType.id });
  const [liter] = await db.insert(wasteType).values({ wasteBankId: bank!.id, name: "Jelantah", unit: "liter", createdAt }).returning({ id: wasteType.id });
  const [kgPrice] = await db.insert(wastePrice).values({ wasteTypeId: kg!.id, rupiahPerUnit: 2000, effectiveFrom: createdAt, setAt: createdAt }).returning({ id: wastePrice.id });
  const [literPrice] = await db.insert(wastePrice).values({ wasteTypeId: liter!.id, rupiahPerUnit: 3000, effectiveFrom: createdAt, setAt: createdAt }).returning({ id: wastePrice.id });
  return { id: bank!.id, kgTypeId: kg!.id, literTypeId: liter!.id, kgPriceId: kgPrice!.id, literPriceId: literPrice!.id, officer: officer! };
}

/**
 * A deposit straight into the ledger: `grams` of the kg type and `millilitres` of the liter type;
 * `reversed` reverses it whole, `reversedLine` only that line (1 is the kg line when there are grams).
 */
export async function addDeposit(
  db: Database,
  bank: Bank,
  params: { rtId: number; personId: number; at: Date; grams?: number; millilitres?: number; reversed?: boolean; reversedLine?: number },
): Promise<number> {
  let [account] = await db.select({ id: bankAccount.id }).from(bankAccount).where(eqAccount(bank.id, params.personId));
  if (!account) {
    [account] = await db.insert(bankAccount).values({ wasteBankId: bank.id, personId: params.personId, openedAt: params.at, updatedAt: params.at }).returning({ id: bankAccount.id });
  }
  const lines = [
    ...(params.grams ? [{ wasteTypeId: bank.kgTypeId, quantity: params.grams, unit: "kg" as const, priceId: bank.kgPriceId, rupiahPerUnit: 2000 }] : []),
    ...(params.millilitres ? [{ wasteTypeId: bank.literTypeId, quantity: params.millilitres, unit: "liter" as const, priceId: bank.literPriceId, rupiahPerUnit: 3000 }] : []),
  ].map((line, index) => ({ ...line, lineNo: index + 1, value: Math.floor((line.quantity * line.rupiahPerUnit) / 1000) }));
  const amount = lines.reduce((sum, line) => sum + line.value, 0);
  const common = { accountId: account!.id, wasteBankId: bank.id, personId: params.personId, rtId: params.rtId, recordedBy: bank.officer, recordedAt: params.at };
  const [entry] = await db
    .insert(ledgerEntry)
    .values({ ...common, requestKey: `test:${next()}`, kind: "deposit", amount, occurredAt: params.at })
    .returning({ id: ledgerEntry.id });
  await db.insert(depositLine).values(lines.map((line) => ({ ...line, entryId: entry!.id })));
  if (params.reversed) {
    await db.insert(ledgerEntry).values({ ...common, requestKey: `test:${next()}`, kind: "reversal", amount: -amount, reversesEntryId: entry!.id, reason: "salah timbang", occurredAt: params.at });
  }
  if (params.reversedLine !== undefined) {
    const line = lines.find((candidate) => candidate.lineNo === params.reversedLine)!;
    await db.insert(ledgerEntry).values({
      ...common, requestKey: `test:${next()}`, kind: "reversal", amount: -line.value, reversesEntryId: entry!.id, reversesLineNo: line.lineNo, reason: "salah timbang", occurredAt: params.at,
    });
  }
  return entry!.id;
}

function eqAccount(wasteBankId: number, personId: number) {
  return and(eq(bankAccount.wasteBankId, wasteBankId), eq(bankAccount.personId, personId));
}

export async function addReadingSessions(db: Database, rtId: number, times: Date[], attendees = 5): Promise<void> {
  if (times.length === 0) return;
  const [keeper] = await addResidents(db, 1);
  await db.insert(readingSession).values(
    times.map((heldAt) => ({ requestKey: `test:${next()}`, rtId, activity: "membaca_bersama" as const, heldAt, attendeeCount: attendees, recordedBy: keeper!, recordedAt: heldAt })),
  );
}
