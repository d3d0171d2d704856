import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reminderSetting } from "../../db/schema/index.js";
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
