import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { assessmentRound, assessmentScore, evidence, ledgerEntry, residentReport } from "../../src/db/schema/index.js";
import { appointOfficer, createWasteBank } from "../../src/domain/bank-sampah/banks.js";
import { reverse } from "../../src/domain/bank-sampah/receipts.js";
import { addEvidence } from "../../src/domain/evidence/evidence.js";
import { loadActor } from "../../src/domain/people/actor.js";
import { columnName, NO_PERSONAL_DATA, PERSONAL_DATA } from "../../src/domain/people/personal-data-map.js";
import { addKetua, addKoordinator, addMember, addPerson, addPetugas, addRt, KELURAHAN_SIMPANG_IV_SIPIN, newUser } from "../helpers/fixtures.js";
import { type TestUser, withTestBot } from "../helpers/test-bot.js";

const { database, harness } = withTestBot();

/**
 * Someone whose every trace is distinctive, so a search of the whole database finds any copy: a
 * Telegram id beyond 32 bits (as real ones are), a name, a household and a book title no fixture uses.
 */
const KINANTI: TestUser = { id: 7_412_963_085, first_name: "Kinanti" };
const NAME = "Kinanti Zebrinawati";
const HOUSEHOLD = "Rumah Kuning Gang Zamrud";
const TITLE = "Hikayat Kelelawar Ungu";
const NEEDLES = [NAME, HOUSEHOLD, TITLE, String(KINANTI.id)];

type Hit = { column: string; value: string };

/**
 * Every column of every table in the public schema that can hold text or a Telegram id (text,
 * varchar, json, jsonb, arrays, bigint), searched for each needle as a case-insensitive substring.
 * Nothing here names a table: one added tomorrow is searched too.
 */
async function scan(needles: readonly string[]): Promise<Hit[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(database.db, sql`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bigint')
    order by c.table_name, c.column_name
  `);
  expect(columns.length).toBeGreaterThan(50); // the scan sees the schema, not nothing
  const hits: Hit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const value = sql`lower(${sql.identifier(column)}::text)`;
    const matches = sql.join(needles.map((needle) => sql`strpos(${value}, ${needle.toLowerCase()}) > 0`), sql` or `);
    const rows = await queryRows<{ value: string }>(database.db, sql`select ${sql.identifier(column)}::text as value from ${sql.identifier(table)} where ${matches} limit 3`);
    hits.push(...rows.map((row) => ({ column: `${table}.${column}`, value: row.value.slice(0, 200) })));
  }
  return hits;
}

/**
 * RT 05 with its ketua, a petugas (who keeps the reading corner), a koordinator and a waste bank
 * whose officer is Sari; a neighbour, Tono, so the RT is not empty.
 */
async function neighbourhood(people: { ketua?: TestUser; sari?: TestUser } = {}) {
  const db = database.db;
  const place = await addRt(db, 5);
  const ketua = people.ketua ?? newUser("Harun");
  const petugas = newUser("Rina");
  const koordinator = newUser("Koordinator");
  const sari = people.sari ?? newUser("Sari");
  const tono = newUser("Tono");
  await addKetua(db, ketua, place.id);
  await addPetugas(db, petugas, place.id);
  await addMember(db, tono, place.id, "Rumah Tono");
  await addKoordinator(db, koordinator, { kelurahanCode: KELURAHAN_SIMPANG_IV_SIPIN });
  const sariIds = await addMember(db, sari, place.id, "Rumah Sari");
  const bank = await createWasteBank(db, await loadActor(db, koordinator.id, []), { name: "Bank Sampah Melati", rtIds: [place.id] }, new Date("2026-09-01T00:00:00Z"));
  await appointOfficer(db, await loadActor(db, koordinator.id, []), { wasteBankId: bank.id, personId: sariIds.personId }, new Date("2026-09-01T00:00:00Z"));
  return { place, ketua, petugas, sari, tono };
}

/** Kinanti registers, is approved, reports a book, has a deposit recorded and reversed; Sari starts another. */
async function kinantiLivesHere() {
  const { place, ketua, petugas, sari } = await neighbourhood();
  await harness.send(KINANTI, `/start ${place.inviteCode}`);
  await harness.press(KINANTI, "Saya setuju");
  await harness.send(KINANTI, NAME);
  await harness.press(KINANTI, "saja");
  await harness.send(KINANTI, HOUSEHOLD);
  await harness.press(KINANTI, "Kirim permintaan");
  expect(harness.lastText(ketua)).toContain(NAME);
  await harness.press(ketua, "Setujui");
  expect(harness.lastText(KINANTI)).toContain("Anda sudah menjadi warga");

  await harness.send(KINANTI, "/baca");
  await harness.send(KINANTI, TITLE);
  await harness.press(KINANTI, "30 menit");
  await harness.press(KINANTI, "Kirim");
  expect(harness.lastText(petugas)).toContain(TITLE);

  await harness.send(sari, "/setor");
  await harness.send(sari, "Kinanti");
  await harness.press(sari, "Kinanti");
  await harness.press(sari, "Kardus");
  await harness.send(sari, "2,5");
  await harness.press(sari, "Simpan");
  expect(harness.lastText(KINANTI)).toContain("Rp 4.500");
  // The officer takes it back, giving a reason that names her.
  const [entry] = await database.db.select({ id: ledgerEntry.id }).from(ledgerEntry);
  await reverse(harness.deps, { actor: await loadActor(database.db, sari.id, []), entryId: entry!.id, reason: `Timbangan ${NAME} keliru`, requestKey: "reversal:scan" });
  // A second deposit left at the choice of resident: Sari's form holds Kinanti's name and household.
  await harness.send(sari, "/setor");
  await harness.send(sari, "Kinanti");
  expect(harness.buttons(sari).join(" ")).toContain(HOUSEHOLD);
  return { ketua, petugas, sari };
}

describe("after /hapusdata, nothing in the database names the person", () => {
  it("leaves no name, household, Telegram id or reported title in any column of any table", async () => {
    await kinantiLivesHere();
    // Before: the scan finds them where they live, so it would see them after too.
    const before = new Set((await scan(NEEDLES)).map((hit) => hit.column));
    for (const column of ["person.telegram_id", "person.display_name", "membership.household_label", "reading_log.title", "ledger_entry.reason", "outbox.payload", "bot_state.value"]) {
      expect(before).toContain(column);
    }

    await harness.send(KINANTI, "/hapusdata");
    await harness.press(KINANTI, "Ya, hapus data saya");
    expect(harness.lastText(KINANTI)).toContain("sudah dihapus");

    expect(await scan(NEEDLES)).toEqual([]);
  });
});

describe("after /hapusdata by a ketua and by a waste bank officer, nothing in the database names them", () => {
  const HARUN: TestUser = { id: 6_301_774_215, first_name: "Harunsyah Pelitabumi" };
  const SARI: TestUser = { id: 6_309_552_871, first_name: "Sariwangi Lestaribumi" };
  const ANNOUNCEMENT = "Rapat warga di balai Teratai Biru malam Jumat";

  it("leaves no trace of their names, Telegram ids or the announcement the ketua wrote", async () => {
    const { ketua, sari, tono } = await neighbourhood({ ketua: HARUN, sari: SARI });
    // The ketua announces to the RT: the broadcast keeps the text and the ketua's chat for its progress.
    await harness.send(ketua, "/umumkan");
    await harness.send(ketua, ANNOUNCEMENT);
    await harness.press(ketua, "Kirim");
    // Each copy names its sender: erasure must blank that too.
    expect(harness.lastText(tono)).toBe(`Dari Ketua RT 05, Harunsyah Pelitabumi\n\n${ANNOUNCEMENT}`);
    // The officer records Tono's deposit: Tono's receipt names her.
    await harness.send(sari, "/setor");
    await harness.send(sari, "Tono");
    await harness.press(sari, "Tono");
    await harness.press(sari, "Kardus");
    await harness.send(sari, "2,5");
    await harness.press(sari, "Simpan");
    expect(harness.lastText(tono)).toContain(SARI.first_name);

    const needles = [HARUN.first_name, String(HARUN.id), ANNOUNCEMENT, SARI.first_name, String(SARI.id)];
    const before = new Set((await scan(needles)).map((hit) => hit.column));
    for (const column of ["broadcast.text", "broadcast.progress_chat_id", "outbox.payload", "person.display_name"]) expect(before).toContain(column);

    for (const user of [ketua, sari]) {
      await harness.send(user, "/hapusdata");
      await harness.press(user, "Ya, hapus data saya");
      expect(harness.lastText(user)).toContain("sudah dihapus");
    }
    expect(await scan(needles)).toEqual([]);
  });
});

describe("after /hapusdata by a resident who reported a problem (/lapor), nothing names them", () => {
  const WULAN: TestUser = { id: 7_519_004_377, first_name: "Wulandari Kenanga" };
  const REPORT = "Got di depan Rumah Biru Gang Kecubung tersumbat";

  it("removes what they wrote, their photo, place and link, and the reason quoting them; the report's category and status stay", async () => {
    const { place, ketua } = await neighbourhood();
    await addMember(database.db, WULAN, place.id, "Rumah Biru Gang Kecubung");
    await harness.send(WULAN, "/lapor");
    await harness.press(WULAN, "Saluran");
    await harness.send(WULAN, REPORT);
    const update = harness.messageUpdate(WULAN, "x");
    const message = update.message as unknown as Record<string, unknown>;
    delete message.text;
    delete message.entities;
    message.photo = [{ file_id: "wulan-photo-file", file_unique_id: "wulan-photo-unique", width: 800, height: 600 }];
    await harness.deliver(update);
    await harness.send(WULAN, "Lewati lokasi");
    await harness.press(WULAN, "Kirim laporan");
    await harness.send(ketua, "/laporanrt");
    await harness.press(ketua, "#");
    await harness.press(ketua, "Tolak");
    await harness.send(ketua, `Bu ${WULAN.first_name}, got itu urusan dinas PU`);
    const needles = [REPORT, WULAN.first_name, String(WULAN.id), "wulan-photo"];
    const before = new Set((await scan(needles)).map((hit) => hit.column));
    for (const column of ["resident_report.description", "resident_report.reject_reason", "resident_report.photo_file_id", "outbox.payload"]) expect(before).toContain(column);

    await harness.send(WULAN, "/hapusdata");
    await harness.press(WULAN, "Ya, hapus data saya");
    expect(await scan(needles)).toEqual([]);
    expect(await database.db.select({ category: residentReport.category, status: residentReport.status, reporter: residentReport.reporterPersonId }).from(residentReport)).toEqual([{ category: "saluran", status: "ditolak", reporter: null }]);
  });
});

describe("after /hapusdata by a ketua, the notes of their self-assessment and their evidence captions are gone", () => {
  const HARUN: TestUser = { id: 6_301_774_216, first_name: "Harunsyah Pelitabumi" };
  const NOTE = "Bak sampah di rumah Bu Wulandari Kenanga rusak";
  const CAPTION = "Kerja bakti di depan rumah Pak Sastrowardoyo";

  it("blanks the notes of the self-assessment they answered and the captions they wrote; the scores and photos stay", async () => {
    const { place, ketua } = await neighbourhood({ ketua: HARUN });
    await harness.send(ketua, "/nilaimandiri");
    await harness.press(ketua, "Catatan");
    await harness.send(ketua, NOTE);
    await harness.press(ketua, "2 — baik");
    await addEvidence(harness.deps, await loadActor(database.db, ketua.id, []), {
      rtId: place.id, target: { kind: "indicator", code: "B5" }, photos: [{ fileId: "f", fileUniqueId: "uf", caption: CAPTION }], requestKey: "evidence:scan",
    });
    // A team member's note on the RT is about the RT and stays.
    const assessor = await addPerson(database.db, newUser("Penilai"));
    const [round] = await database.db
      .insert(assessmentRound)
      .values({ year: 2027, proposalDeadline: "2027-03-01", visitFrom: "2027-04-01", visitTo: "2027-05-01", decisionOn: "2027-06-01", openedAt: new Date("2026-12-01T00:00:00Z") })
      .returning({ id: assessmentRound.id });
    await database.db.insert(assessmentScore).values({ kind: "team", roundId: round!.id, rtId: place.id, personId: assessor, indicatorCode: "B5", score: 1, note: "Bak komposter belum dipakai", enteredAt: new Date("2026-12-02T00:00:00Z") });

    // The table stays append-only but for that one change: blanking a self-assessment's note.
    await expect(database.db.update(assessmentScore).set({ note: null }).where(eq(assessmentScore.kind, "team"))).rejects.toThrow();
    await expect(database.db.update(assessmentScore).set({ note: "lain" }).where(eq(assessmentScore.kind, "self"))).rejects.toThrow();
    await expect(database.db.update(assessmentScore).set({ note: null, score: 0 }).where(eq(assessmentScore.kind, "self"))).rejects.toThrow();
    await expect(database.db.delete(assessmentScore)).rejects.toThrow();

    const needles = [NOTE, CAPTION, HARUN.first_name, String(HARUN.id)];
    const before = new Set((await scan(needles)).map((hit) => hit.column));
    for (const column of ["assessment_score.note", "evidence.caption"]) expect(before).toContain(column);

    await harness.send(ketua, "/hapusdata");
    await harness.press(ketua, "Ya, hapus data saya");
    expect(harness.lastText(ketua)).toContain("sudah dihapus");
    expect(await scan(needles)).toEqual([]);
    const scores = await database.db.select({ kind: assessmentScore.kind, score: assessmentScore.score, note: assessmentScore.note }).from(assessmentScore).orderBy(assessmentScore.id);
    expect(scores).toEqual([{ kind: "self", score: 2, note: null }, { kind: "team", score: 1, note: "Bak komposter belum dipakai" }]);
    expect(await database.db.select({ caption: evidence.caption }).from(evidence)).toEqual([{ caption: null }]);
  });
});

describe("the personal data map covers the database as migrated", () => {
  it("decides every column the scan searches, tables made by raw SQL included", async () => {
    // A bigint that is its table's key or points at another table holds an id, not a Telegram id.
    const columns = await queryRows<{ name: string }>(database.db, sql`
      select c.table_name || '.' || c.column_name as name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bigint')
        and not (c.data_type = 'bigint' and exists (
          select 1 from information_schema.key_column_usage k
          join information_schema.table_constraints tc on tc.constraint_schema = k.constraint_schema and tc.constraint_name = k.constraint_name
          where k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = c.column_name
            and tc.constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')
        ))
        and c.table_name not like '\\_\\_%' -- a migrator's own bookkeeping, if it kept any here
      order by 1
    `);
    const decided = new Set([...PERSONAL_DATA, ...NO_PERSONAL_DATA].flatMap((entry) => entry.columns.map(columnName)));
    expect(columns.map((column) => column.name).filter((name) => !decided.has(name))).toEqual([]);
  });
});
