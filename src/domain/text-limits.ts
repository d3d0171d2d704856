/**
 * The longest text each free-text field takes, in characters after tidying (white space folded,
 * invisible characters dropped). One table, so the limits can be read and changed in one place;
 * each parser refuses longer text before anything is stored, with `input-too-long` naming the
 * limit. The modules that parse a field re-export its limit under the name they have always used.
 *
 * Telegram itself caps a message's text at 4,096 characters and a caption at 1,024; the only
 * captions the bot reads are those of evidence photos (/bukti), held to `evidenceCaption`.
 */
export const TEXT_LIMITS = {
  /** A person's name as the RT sees it (registration). */
  displayName: 64,
  /** The household (KK) line of a membership: "Keluarga Pak Budi, No. 12/B". */
  householdLabel: 60,
  /** Where an event or a ronda watch takes place. */
  place: 80,
  /** Free notes of an event for residents. */
  eventNotes: 500,
  /** An announcement (/umumkan): under Telegram's 4,096 with room for the header of a forwarded copy. */
  announcement: 3_500,
  /** A waste bank's name: written like a place. */
  wasteBankName: 60,
  /** A waste type's name: "Plastik PET (botol)". */
  wasteTypeName: 40,
  /** Why a ledger entry is reversed; kept for good. */
  reversalReason: 200,
  /** Part of a name or a member code, to find a resident at the waste bank. */
  residentQuery: 64,
  /** The note of a manual indicator score (/nilai). */
  manualScoreNote: 500,
  /** A book's title in the reading corner's catalogue and in reading reports. */
  bookTitle: 120,
  bookAuthor: 80,
  /** What a reading-corner session of kind "lainnya" was. */
  activityNote: 80,
  /** A date or time as typed ("Minggu 07.00", "besok jam 7 pagi"): longer is not a date. */
  dateTime: 100,
  /** The day of a reading session or an assessment ("kemarin", "21/11/2026"). */
  sessionDate: 40,
  /** An assessor's note on one indicator on site (/nilaitim). */
  assessmentNote: 500,
  /** Why an assessor's score differs from what the records give (/nilaitim); kept for good. */
  overrideReason: 300,
  /** The caption of an evidence photo (/bukti): a line or two, printed under the photo in the evidence pack. */
  evidenceCaption: 300,
  /** issue 17: what a kas RT spending was for, or a note on an income; kept in the RT's book. */
  kasPurpose: 200,
  /** Why a kas RT entry is reversed; kept for good. */
  kasReason: 200,
  /** What a resident reports (/lapor): a few sentences, shown under the photo (a caption holds 1,024). */
  reportDescription: 500,
  /** Why a ketua refuses a report; the reporter reads it. */
  reportReason: 300,
  /** A musyawarah poll's question and each of its options (/polling): Telegram's own limits for sendPoll. */
  pollQuestion: 300,
  pollOption: 100,
} as const satisfies Record<string, number>;

export type TextField = keyof typeof TEXT_LIMITS;

/** Telegram's own ceilings: nothing longer can arrive, and nothing longer can be sent. */
export const TELEGRAM_TEXT_MAX = 4_096;
export const TELEGRAM_CAPTION_MAX = 1_024;

/**
 * Characters that show as nothing: Unicode's default-ignorable code points (zero-width spaces and
 * joiners, the byte-order mark, soft hyphens, variation selectors, tag characters, the direction
 * marks and overrides that would turn the rest of a bot message around, the Hangul fillers) and the
 * braille blank, which is a symbol to Unicode but a blank to the eye. Every parser of free text
 * drops them first (`withoutInvisible`), so text made only of them is empty.
 */
export const INVISIBLE_CHARACTERS = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * The invisible characters that take room on screen (Hangul fillers, the braille blank): between
 * words they read as a space, so they become one; the rest of INVISIBLE_CHARACTERS is dropped.
 */
const BLANK_CHARACTERS = /[\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** The text as it looks: blanks as spaces, the characters that show as nothing dropped (NFC first). */
export function withoutInvisible(text: string): string {
  return text.normalize("NFC").replace(BLANK_CHARACTERS, " ").replace(INVISIBLE_CHARACTERS, "");
}

/** Nothing a reader would see: only white space and invisible characters (or nothing at all). */
export function looksBlank(text: string): boolean {
  return withoutInvisible(text).trim().length === 0;
}
