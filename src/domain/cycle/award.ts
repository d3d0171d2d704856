/**
 * The award by the RT's size (Perwali 47/2014, as the city runs it): Besar 100 KK or more, Sedang
 * 50 to 99, Kecil under 50; uang pembinaan in whole Rupiah. There is no 1st, 2nd or 3rd place.
 */
export const AWARD_CATEGORIES = ["besar", "sedang", "kecil"] as const;
export type AwardCategory = (typeof AWARD_CATEGORIES)[number];

export const AWARD_RUPIAH: Readonly<Record<AwardCategory, number>> = { besar: 10_000_000, sedang: 7_500_000, kecil: 5_000_000 };

export function categoryOf(householdCount: number): AwardCategory {
  if (householdCount >= 100) return "besar";
  if (householdCount >= 50) return "sedang";
  return "kecil";
}
