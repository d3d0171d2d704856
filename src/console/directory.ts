import { and, gt, isNull } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { roleInvite } from "../db/schema/index.js";
import { loadActor, type RoleGrant } from "../domain/people/actor.js";
import { findRt, listRtsInKelurahan } from "../domain/rt/rt.js";
import { findKecamatan, findKelurahan } from "../domain/wilayah/queries.js";
import { rtNumber } from "../messages/format.js";

async function rtLabel(db: Database, rtId: number | null): Promise<string> {
  const place = rtId === null ? undefined : await findRt(db, rtId);
  return place ? `RT ${rtNumber(place.number)} ${place.kelurahanName}` : "RT ?";
}

async function areaLabel(db: Database, area: { kelurahanCode: string | null; kecamatanCode: string | null }): Promise<string> {
  if (area.kelurahanCode) return `Kel. ${(await findKelurahan(db, area.kelurahanCode))?.name ?? area.kelurahanCode}`;
  return `Kec. ${(await findKecamatan(db, area.kecamatanCode ?? ""))?.name ?? area.kecamatanCode}`;
}

async function grantLabel(db: Database, grant: RoleGrant): Promise<string> {
  switch (grant.role) {
    case "ketua_rt":
      return `ketua ${await rtLabel(db, grant.rtId)}`;
    case "petugas":
      return `petugas ${await rtLabel(db, grant.rtId)}`;
    case "bendahara":
      return `bendahara ${await rtLabel(db, grant.rtId)}`;
    case "petugas_bank":
      return `petugas bank sampah #${grant.wasteBankId}`;
    case "koordinator":
      return `koordinator ${await areaLabel(db, grant)}`;
    case "admin":
      return "admin kota";
    case "penilai":
      return `tim penilai putaran #${grant.roundId}`;
  }
}

/**
 * Who a Telegram user is right now, read from the database as the bot sees them, so the list
 * follows what happens in the demo (an approval, a handover, /hapusdata).
 */
export async function describeUser(db: Database, telegramId: number, adminTelegramIds: readonly number[]): Promise<string> {
  const actor = await loadActor(db, telegramId, adminTelegramIds);
  const parts = await Promise.all(actor.grants.map((grant) => grantLabel(db, grant)));
  if (actor.membership) {
    const place = await rtLabel(db, actor.membership.rtId);
    parts.push(actor.membership.status === "active" ? `warga ${place}` : `menunggu persetujuan ${place}`);
  }
  if (parts.length === 0) return actor.person?.consentedAt ? "belum punya RT" : "belum terdaftar";
  return parts.join(", ");
}

export type LinkLine = { label: string; payload: string };

/** Member links of the demo kelurahan's RTs, then one-time role links not yet used. */
export async function listStartLinks(db: Database, kelurahanCode: string, now: Date): Promise<LinkLine[]> {
  const rts = await listRtsInKelurahan(db, kelurahanCode);
  const links = rts.map((place) => ({ label: `warga RT ${rtNumber(place.number)} ${place.kelurahanName}`, payload: place.inviteCode }));
  const invites = await db
    .select()
    .from(roleInvite)
    .where(and(isNull(roleInvite.usedBy), gt(roleInvite.expiresAt, now)));
  for (const invite of invites) {
    const area = invite.rtId !== null ? await rtLabel(db, invite.rtId) : await areaLabel(db, invite);
    links.push({ label: `${invite.role === "ketua_rt" ? "ketua" : "koordinator"} ${area} (sekali pakai)`, payload: invite.code });
  }
  return links;
}
