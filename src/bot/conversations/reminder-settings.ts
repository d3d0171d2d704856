import { getReminderSettings, HOURS_BEFORE_MAX, saveReminderSettings, type ReminderSettings } from "../../domain/events/reminder-settings.js";
import { headedRtId } from "../../domain/people/actor.js";
import { dateTimeRefusal, parseWholeNumber } from "../../domain/people/text-input.js";
import { parseTime } from "../../domain/schedule/parse-datetime.js";
import { formatLocalTime } from "../../domain/schedule/wib.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { reminderSetting } from "../../messages/buttons/events.js";
import { holdRight } from "./form-right.js";
import { askText, explain, runOnce, type Convo } from "./prompts.js";

export const REMINDER_SETTINGS = "reminder-settings";

const OFF_WORDS = new Set(["mati", "matikan", "tidak", "off", "-"]);

/** "19.00" → "19:00"; "mati" → null (that reminder off). */
function parseClockOrOff(text: string) {
  if (OFF_WORDS.has(text.trim().toLowerCase())) return { ok: true as const, value: null };
  const parsed = parseTime(text);
  return parsed.ok && !parsed.nextDay ? { ok: true as const, value: formatLocalTime(parsed.time) } : dateTimeRefusal<string | null>(parsed.ok ? "invalid-time" : parsed.reason);
}

const show = (value: string | null) => (value === null ? null : value.replace(":", "."));

/** /aturpengingat: when the RT's reminders go out; each can be kept, changed or turned off. */
export function createReminderSettingsConversation(deps: BotDeps) {
  return async function reminderSettings(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const { rtId, current } = await conversation.external(async (outside) => {
      const rtId = headedRtId(outside.actor);
      return { rtId, current: rtId === null ? null : await getReminderSettings(deps.db, rtId) };
    });
    if (rtId === null || !current) return void (await ctx.reply(ctx.t("error-not-allowed")));
    // The RT's settings are shown and changed: only while its ketua still heads it.
    await holdRight(conversation, ctx, (actor) => headedRtId(actor) === rtId);
    const off = ctx.t("reminder-setting-off");
    const keep = (value: string) => ({ label: ctx.t("button-keep", { value }), data: reminderSetting.data({ choice: "keep" }) });
    const offButton = { label: ctx.t("button-turn-off"), data: reminderSetting.data({ choice: "off" }), value: null };

    await ctx.reply(ctx.t("reminder-settings-current", { evening: show(current.eveningBefore) ?? off, hours: current.hoursBefore ?? 0, duty: show(current.rondaDutyAt) ?? off }));
    const eveningBefore = await askText<string | null>(conversation, ctx, ctx.t("reminder-ask-evening"), parseClockOrOff, [
      { ...keep(show(current.eveningBefore) ?? off), value: current.eveningBefore },
      offButton,
    ]);
    const hours = await askText<number>(conversation, ctx, ctx.t("reminder-ask-hours", { max: HOURS_BEFORE_MAX }), (text) => parseWholeNumber(text, 0, HOURS_BEFORE_MAX), [
      { ...keep(String(current.hoursBefore ?? 0)), value: current.hoursBefore ?? 0 },
      { ...offButton, value: 0 },
    ]);
    const rondaDutyAt = await askText<string | null>(conversation, ctx, ctx.t("reminder-ask-duty"), parseClockOrOff, [
      { ...keep(show(current.rondaDutyAt) ?? off), value: current.rondaDutyAt },
      offButton,
    ]);
    const settings: ReminderSettings = { eveningBefore, hoursBefore: hours === 0 ? null : hours, rondaDutyAt };
    const outcome = await runOnce(conversation, (outside) => saveReminderSettings(deps.db, outside.actor, settings, deps.clock()));
    if (!outcome.ok) return explain(ctx, outcome);
    await ctx.reply(ctx.t("reminder-settings-saved", { evening: show(settings.eveningBefore) ?? off, hours: settings.hoursBefore ?? 0, duty: show(settings.rondaDutyAt) ?? off }));
  };
}
