import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { person, reminderSetting } from "../../db/schema/index.js";
import { DomainError } from "../errors.js";
import { requireHeadedRt, type Actor } from "../people/actor.js";

/** When an RT's reminders go out; null turns one off. Clock times are WIB "HH:MM". */
export type ReminderSettings = { eveningBefore: string | null; hoursBefore: number | null; rondaDutyAt: string | null };

/** The defaults of issue 4: the evening before at 19.00, 2 hours before, ronda duty at 17.00. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { eveningBefore: "19:00", hoursBefore: 2, rondaDutyAt: "17:00" };
export const HOURS_BEFORE_MAX = 24;

export async function getReminderSettings(db: Database, rtId: number): Promise<ReminderSettings> {
  const [row] = await db.select().from(reminderSetting).where(eq(reminderSetting.rtId, rtId));
  return row ? { eveningBefore: row.eveningBefore, hoursBefore: row.hoursBefore, rondaDutyAt: row.rondaDutyAt } : DEFAULT_REMINDER_SETTINGS;
}

export async function saveReminderSettings(db: Database, actor: Actor, settings: ReminderSettings, now: Date): Promise<ReminderSettings> {
  const rtId = requireHeadedRt(actor);
  const values = { rtId, ...settings, updatedAt: now };
  await db.insert(reminderSetting).values(values).onConflictDoUpdate({ target: reminderSetting.rtId, set: values });
  return settings;
}

/**
 * What a resident chose in /pengingat: the RT's reminders as the ketua set them ("rt"), one of them
 * alone (the evening before, the morning of at MORNING_TIME, or hours before), or none ("off").
 * Duty reminders of a ronda shift are not affected.
 */
export const PERSONAL_REMINDER_CHOICES = ["rt", "evening", "morning", "before", "off"] as const;
export type PersonalReminderChoice = (typeof PERSONAL_REMINDER_CHOICES)[number];

/** The choices a resident of this RT has: the evening or hours-before one only while the RT sends it. */
export function availableChoices(settings: ReminderSettings): PersonalReminderChoice[] {
  return PERSONAL_REMINDER_CHOICES.filter((choice) => (choice === "evening" ? settings.eveningBefore !== null : choice === "before" ? (settings.hoursBefore ?? 0) > 0 : true));
}

export async function getPersonalReminders(db: Database, personId: number): Promise<PersonalReminderChoice> {
  const [row] = await db.select({ off: person.eventRemindersOffAt, when: person.eventReminderWhen }).from(person).where(eq(person.id, personId));
  if (!row) throw new DomainError("not-allowed");
  if (row.off) return "off";
  return (row.when as PersonalReminderChoice | null) ?? "rt";
}

function requireActiveMember(actor: Actor): { personId: number; rtId: number } {
  if (!actor.person || actor.membership?.status !== "active") throw new DomainError("not-registered");
  return { personId: actor.person.id, rtId: actor.membership.rtId };
}

/**
 * The resident's choice with what their RT offers. A stored choice the RT no longer sends (the
 * ketua turned it off) is reported as "rt": that is what the reminders do until it is back.
 */
export async function personalReminders(db: Database, actor: Actor): Promise<{ choice: PersonalReminderChoice; settings: ReminderSettings; choices: PersonalReminderChoice[] }> {
  const { personId, rtId } = requireActiveMember(actor);
  const settings = await getReminderSettings(db, rtId);
  const choices = availableChoices(settings);
  const stored = await getPersonalReminders(db, personId);
  return { choice: choices.includes(stored) ? stored : "rt", settings, choices };
}

/**
 * Stores a resident's choice; one the RT does not send now is refused. Choosing again is the same
 * row: a double tap changes nothing. "off" keeps the choice made before it, for when it is back on.
 */
export async function choosePersonalReminders(db: Database, actor: Actor, choice: PersonalReminderChoice, now: Date): Promise<PersonalReminderChoice> {
  const { personId, rtId } = requireActiveMember(actor);
  if (!availableChoices(await getReminderSettings(db, rtId)).includes(choice)) throw new DomainError("reminder-choice-unavailable");
  if (choice === "off") {
    await db.update(person).set({ eventRemindersOffAt: sql`coalesce(${person.eventRemindersOffAt}, ${now.toISOString()}::timestamptz)` }).where(eq(person.id, personId));
  } else {
    await db.update(person).set({ eventRemindersOffAt: null, eventReminderWhen: choice === "rt" ? null : choice }).where(eq(person.id, personId));
  }
  return choice;
}
