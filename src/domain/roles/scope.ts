import { isAdmin, type Actor } from "../people/actor.js";

export type RtPlace = { id: number; kelurahanCode: string; kecamatanCode: string };

/** A kelurahan with the kecamatan it lies in (an RT, a waste bank): both codes are strings, so named. */
export type KelurahanPlace = { kelurahanCode: string; kecamatanCode: string };

/** Is this kelurahan inside one of the actor's koordinator scopes (or is the actor an admin)? */
export function coversKelurahan(actor: Actor, place: KelurahanPlace): boolean {
  if (isAdmin(actor)) return true;
  const { kelurahanCode, kecamatanCode } = place;
  return actor.grants.some(
    (grant) =>
      grant.role === "koordinator" &&
      (grant.kelurahanCode === kelurahanCode || grant.kecamatanCode === kecamatanCode),
  );
}

/** Ketua RT of this RT, a koordinator whose area holds it, or an admin. */
export function canManageRt(actor: Actor, rt: RtPlace): boolean {
  const isHead = actor.grants.some((grant) => grant.role === "ketua_rt" && grant.rtId === rt.id);
  return isHead || coversKelurahan(actor, rt);
}

export type AreaScope = { city: true } | { city: false; kelurahanCodes: string[]; kecamatanCodes: string[] };

export function areaScope(actor: Actor): AreaScope {
  if (isAdmin(actor)) return { city: true };
  const coordinator = actor.grants.filter((grant) => grant.role === "koordinator");
  return {
    city: false,
    kelurahanCodes: coordinator.flatMap((grant) => (grant.kelurahanCode ? [grant.kelurahanCode] : [])),
    kecamatanCodes: coordinator.flatMap((grant) => (grant.kecamatanCode ? [grant.kecamatanCode] : [])),
  };
}

/**
 * A kecamatan's own page and figures: the city's admin, or a koordinator of the whole kecamatan. A
 * koordinator of one kelurahan in it is not: the page shows the other kelurahan too.
 */
export function coversKecamatan(scope: AreaScope, kecamatanCode: string): boolean {
  return scope.city || scope.kecamatanCodes.includes(kecamatanCode);
}
