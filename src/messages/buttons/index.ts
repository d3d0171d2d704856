import type { ButtonFamily } from "./button.js";
import { BANK_BUTTONS } from "./bank-sampah.js";
import { COMMON_BUTTONS } from "./common.js";
import { POJOK_BACA_BUTTONS } from "./pojok-baca.js";
import { SCORE_BUTTONS } from "./scores.js";
import { AUDIT_BUTTONS } from "./audit.js";
import { BROADCAST_BUTTONS } from "./broadcast.js";
import { EVENT_BUTTONS } from "./events.js";
import { RONDA_BUTTONS } from "./ronda.js";
import { PEOPLE_BUTTONS } from "./people.js";
import { ONSITE_BUTTONS } from "./onsite.js";
import { EVIDENCE_BUTTONS } from "./evidence.js";
import { TEAM_BUTTONS } from "./team.js";
import { KEEPING_BUTTONS } from "./keeping.js";
import { ROUND_BUTTONS } from "./rounds.js";
import { AWARD_BUTTONS } from "./award.js";
import { UNSCORED_BUTTONS } from "./unscored.js";
import { OFFLINE_BUTTONS } from "./offline.js";
import { KAS_BUTTONS } from "./kas.js";
import { REPORT_BUTTONS } from "./reports.js";
import { POLL_BUTTONS } from "./polls.js";
import { INDIKATOR_BUTTONS } from "./indikator.js";

/**
 * Every button family the bot writes. The authorization middleware reads a press through this list
 * and refuses what it cannot read; an area's families are added here when they are defined.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of families of different value types
export const BUTTON_FAMILIES: readonly ButtonFamily<any>[] = [
  ...COMMON_BUTTONS,
  ...POJOK_BACA_BUTTONS,
  ...SCORE_BUTTONS,
  ...AUDIT_BUTTONS,
  ...BROADCAST_BUTTONS,
  ...EVENT_BUTTONS,
  ...RONDA_BUTTONS,
  ...BANK_BUTTONS,
  ...PEOPLE_BUTTONS,
  ...ONSITE_BUTTONS,
  ...EVIDENCE_BUTTONS,
  ...TEAM_BUTTONS,
  ...KEEPING_BUTTONS,
  ...ROUND_BUTTONS,
  ...AWARD_BUTTONS,
  ...UNSCORED_BUTTONS,
  ...OFFLINE_BUTTONS,
  ...KAS_BUTTONS,
  ...REPORT_BUTTONS,
  ...POLL_BUTTONS,
  ...INDIKATOR_BUTTONS,
];

const byPrefix = new Map<string, ButtonFamily<unknown>>();
for (const family of BUTTON_FAMILIES) {
  if (byPrefix.has(family.prefix)) throw new Error(`button prefix "${family.prefix}" defined twice`);
  byPrefix.set(family.prefix, family);
}

/** The family of a press and its values, or undefined for data no family writes (forged or retired). */
export function readButton(data: string): { family: ButtonFamily<unknown>; values: unknown } | undefined {
  const family = byPrefix.get(data.split(":", 1)[0]!);
  const values = family?.read(data);
  return family && values !== undefined ? { family, values } : undefined;
}
