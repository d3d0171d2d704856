import { InlineKeyboard } from "grammy";
import { parsePrice, type MeasureUnit } from "../../domain/bank-sampah/amounts.js";
import { addWasteType, createWasteBank, DEFAULT_WASTE_TYPES, listWasteTypes, priceHistory, retireWasteType, setPrice } from "../../domain/bank-sampah/banks.js";
import { coordinatesBanks, managedBanks, parseBankName, parseWasteTypeName, rtsWithoutWasteBank } from "../../domain/bank-sampah/management.js";
import { headedRtId } from "../../domain/people/actor.js";
import { dateTimeRefusal, type Parsed } from "../../domain/people/text-input.js";
import { coversKelurahan } from "../../domain/roles/scope.js";
import { getRt } from "../../domain/rt/rt.js";
import { parseDateTime } from "../../domain/schedule/parse-datetime.js";
import { addDays, wibDate, wibInstant } from "../../domain/schedule/wib.js";
import { bankDetailsView, loadBankDetails, priceListText } from "../../messages/bank-sampah.js";
import { bankOpen, bankOpenRt, bankPrices } from "../../messages/buttons/bank-sampah.js";
import type { ConversationContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { formatUnitPrice, formatWib, rtNumber } from "../../messages/format.js";
import { chooseBank, pickFromList } from "./bank-sampah.js";
import { holdRight } from "./form-right.js";
import { askText, explain, runOnce, waitForChoice, type Convo } from "./prompts.js";
import { pickKelurahan } from "./staff.js";

export const CREATE_WASTE_BANK = "create-waste-bank";
export const BANK_PRICES = "bank-prices";

type FreeRt = { id: number; number: number };

/** Toggle buttons for the RTs a new bank serves; "Selesai" once at least one is chosen. */
async function chooseRts(conversation: Convo, ctx: ConversationContext, free: FreeRt[], kelurahan: string): Promise<FreeRt[] | null> {
  let chosen = new Set<number>();
  const keyboard = () => {
    const k = new InlineKeyboard();
    free.forEach((place, index) => {
      // The button carries the state it sets, so a double tap does not undo itself.
      k.text(`${chosen.has(place.id) ? "✅" : "⬜"} ${ctx.t("bank-rt-label", { rt: rtNumber(place.number) })}`, bankOpenRt.data({ rt: place.id, chosen: !chosen.has(place.id) }));
      if (index % 4 === 3) k.row();
    });
    return k.row().text(ctx.t("button-done"), bankOpen.data({ step: "done" })).text(ctx.t("button-cancel"), bankOpen.data({ step: "cancel" }));
  };
  await ctx.reply(ctx.t("bank-choose-rts", { kelurahan }), { reply_markup: keyboard() });
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, [bankOpen.data({ step: "done" }), bankOpen.data({ step: "cancel" }), ...free.flatMap((place) => [true, false].map((on) => bankOpenRt.data({ rt: place.id, chosen: on })))]);
    const step = bankOpen.read(data)?.step;
    if (step === "cancel") {
      await press.editMessageText(press.t("action-cancelled"));
      return null;
    }
    if (step === "done") {
      if (chosen.size > 0) {
        await press.editMessageReplyMarkup();
        return free.filter((place) => chosen.has(place.id));
      }
      await press.reply(press.t("bank-rts-needed"));
      continue;
    }
    const { rt: id, chosen: on } = bankOpenRt.read(data)!;
    // Already so (a double tap): nothing to redraw.
    if (chosen.has(id) === on) continue;
    chosen = new Set(chosen);
    if (on) chosen.add(id);
    else chosen.delete(id);
    await press.editMessageReplyMarkup({ reply_markup: keyboard() });
  }
}

/**
 * Opens a bank: a ketua for their own RT (just the name), a koordinator for one or more RTs of a
 * kelurahan in their area (kelurahan → RTs → name). Ends on the bank's page, to appoint officers.
 */
export function createCreateWasteBankConversation(deps: BotDeps) {
  return async function createWasteBankConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const setting = await conversation.external(async (outside) => {
      const managed = await managedBanks(deps.db, outside.actor);
      const headed = managed.headedRtWithoutBank === null ? null : await getRt(deps.db, managed.headedRtWithoutBank);
      return { coordinator: managed.coordinator, headed };
    });
    let rtIds: number[];
    let suggestion: string;
    if (setting.coordinator) {
      const kelurahan = await pickKelurahan(conversation, ctx, deps);
      if (!kelurahan) return;
      const free = await conversation.external(() => rtsWithoutWasteBank(deps.db, kelurahan.code));
      if (free.length === 0) return void (await ctx.reply(ctx.t("bank-no-free-rt", { kelurahan: kelurahan.name })));
      const chosen = await chooseRts(conversation, ctx, free, kelurahan.name);
      if (!chosen) return;
      rtIds = chosen.map((place) => place.id);
      suggestion = chosen.length === 1
        ? ctx.t("bank-name-suggestion-rt", { rt: rtNumber(chosen[0]!.number), kelurahan: kelurahan.name })
        : ctx.t("bank-name-suggestion-kelurahan", { kelurahan: kelurahan.name });
    } else {
      if (!setting.headed) return void (await ctx.reply(ctx.t("error-rt-has-waste-bank")));
      const headed = setting.headed.id;
      await holdRight(conversation, ctx, (actor) => headedRtId(actor) === headed);
      rtIds = [headed];
      suggestion = ctx.t("bank-name-suggestion-rt", { rt: rtNumber(setting.headed.number), kelurahan: setting.headed.kelurahanName });
    }
    const name = await askText(conversation, ctx, ctx.t("bank-ask-name"), parseBankName, parseBankName(suggestion).ok ? [{ label: suggestion, data: bankOpen.data({ step: "suggested-name" }), value: suggestion }] : []);
    const outcome = await runOnce(conversation, async (outside) => {
      const bank = await createWasteBank(deps.db, outside.actor, { name, rtIds }, deps.clock());
      return { details: await loadBankDetails(deps.db, bank.id), canAddRt: coversKelurahan(outside.actor, bank), backToList: coordinatesBanks(outside.actor) };
    });
    if (!outcome.ok) return explain(ctx, outcome);
    const { details, canAddRt, backToList } = outcome.value;
    await ctx.reply(ctx.t("bank-created", { bank: details.name, types: DEFAULT_WASTE_TYPES.length }));
    const view = bankDetailsView(ctx.t, details, { canAddRt, backToList });
    await ctx.reply(view.text, { reply_markup: view.keyboard });
  };
}

type PricedType = { id: number; name: string; unit: MeasureUnit; rupiahPerUnit: number; next: { rupiahPerUnit: number; effectiveFrom: number } | null };

/** When a new price starts: now, at the next midnight (WIB), or a moment typed. Resolved when saved. */
type Effective = { kind: "now" } | { kind: "tomorrow" } | { kind: "at"; ms: number };

function resolveEffective(effective: Effective, now: Date): Date {
  if (effective.kind === "now") return now;
  if (effective.kind === "tomorrow") return wibInstant(addDays(wibDate(now), 1), { hour: 0, minute: 0 });
  // A day typed without an hour starts at its midnight; today's midnight is past, so: now.
  return new Date(Math.max(effective.ms, now.getTime()));
}


type PriceAction = NonNullable<ReturnType<typeof bankPrices.read>>["action"];
const priceButton = (action: PriceAction) => bankPrices.data({ action });
const actionOf = (data: string): PriceAction | undefined => bankPrices.read(data)?.action;
const PRICE_ACTIONS = (["price", "add", "retire", "history", "done"] as const).map(priceButton);

/**
 * /harga: the bank's types and prices, then change a price (from now, from midnight, or from a
 * date typed), add a type, stop a type, or read a type's price history; again until "Selesai".
 */
export function createPricesConversation(deps: BotDeps) {
  return async function bankPricesConversation(conversation: Convo, ctx: ConversationContext): Promise<void> {
    const bank = await chooseBank(conversation, ctx, deps);
    if (!bank) return;
    const locale = await ctx.i18n.getLocale();
    const typeLabel = (type: PricedType) => ctx.t("bank-type-button", { type: type.name, price: formatUnitPrice(type.rupiahPerUnit, type.unit, locale) });
    for (;;) {
      const types = await conversation.external(async (): Promise<PricedType[]> =>
        (await listWasteTypes(deps.db, bank.id, deps.clock())).map((type) => ({
          id: type.id,
          name: type.name,
          unit: type.unit,
          rupiahPerUnit: type.rupiahPerUnit,
          next: type.next ? { rupiahPerUnit: type.next.rupiahPerUnit, effectiveFrom: type.next.effectiveFrom.getTime() } : null,
        })),
      );
      const menu = new InlineKeyboard();
      if (types.length > 0) menu.text(ctx.t("button-bank-price-change"), priceButton("price")).row();
      menu.text(ctx.t("button-bank-type-add"), priceButton("add")).row();
      if (types.length > 0) menu.text(ctx.t("button-bank-type-retire"), priceButton("retire")).row().text(ctx.t("button-bank-price-history"), priceButton("history")).row();
      menu.text(ctx.t("button-done"), priceButton("done"));
      await ctx.reply(priceListText(ctx.t, locale, bank.name, types), { reply_markup: menu });
      const { data, ctx: press } = await waitForChoice(conversation, types.length > 0 ? PRICE_ACTIONS : [priceButton("add"), priceButton("done")]);
      await press.editMessageReplyMarkup();
      if (data === priceButton("done")) return void (await press.reply(press.t("bank-prices-done")));

      if (data === priceButton("add")) {
        const name = await askText(conversation, ctx, ctx.t("bank-ask-type-name"), parseWasteTypeName);
        await ctx.reply(ctx.t("bank-choose-unit", { type: name }), {
          reply_markup: new InlineKeyboard().text(ctx.t("button-unit-kg"), priceButton("unit-kg")).text(ctx.t("button-unit-liter"), priceButton("unit-liter")).row().text(ctx.t("button-cancel"), priceButton("unit-cancel")),
        });
        const unitPress = await waitForChoice(conversation, [priceButton("unit-kg"), priceButton("unit-liter"), priceButton("unit-cancel")]);
        await unitPress.ctx.editMessageReplyMarkup();
        const unitAction = actionOf(unitPress.data);
        if (unitAction === "unit-cancel") {
          await unitPress.ctx.reply(unitPress.ctx.t("action-cancelled"));
          continue;
        }
        const unit: MeasureUnit = unitAction === "unit-kg" ? "kg" : "liter";
        const price = await askText(conversation, ctx, ctx.t("bank-ask-price", { type: name, unit }), parsePrice);
        const outcome = await runOnce(conversation, (outside) => addWasteType(deps.db, outside.actor, bank.id, { name, unit, rupiahPerUnit: price }, deps.clock()));
        if (!outcome.ok) await explain(ctx, outcome);
        else await ctx.reply(ctx.t("bank-type-added", { type: name, price: formatUnitPrice(price, unit, locale) }));
        continue;
      }

      const type = await pickFromList(conversation, ctx, "price", ctx.t("bank-choose-price-type"), types, (type) => type.id, typeLabel);
      if (!type) continue;

      if (data === priceButton("history")) {
        const history = await conversation.external(async () => ({
          now: deps.clock().getTime(),
          rows: (await priceHistory(deps.db, type.id)).map((row) => ({ rupiahPerUnit: row.rupiahPerUnit, effectiveFrom: row.effectiveFrom.getTime() })),
        }));
        const lines = history.rows.map((row) => {
          const vars = { price: formatUnitPrice(row.rupiahPerUnit, type.unit, locale), from: formatWib(new Date(row.effectiveFrom), locale) };
          return row.effectiveFrom > history.now ? ctx.t("bank-price-history-scheduled", vars) : ctx.t("bank-price-history-line", vars);
        });
        await ctx.reply([ctx.t("bank-price-history-title", { type: type.name }), ...lines].join("\n"));
        continue;
      }

      if (data === priceButton("retire")) {
        await ctx.reply(ctx.t("bank-retire-confirm", { type: type.name }), {
          reply_markup: new InlineKeyboard().text(ctx.t("button-bank-type-retire-yes"), priceButton("retire-yes")).text(ctx.t("button-cancel"), priceButton("retire-no")),
        });
        const confirm = await waitForChoice(conversation, [priceButton("retire-yes"), priceButton("retire-no")]);
        await confirm.ctx.editMessageReplyMarkup();
        if (actionOf(confirm.data) === "retire-no") {
          await confirm.ctx.reply(confirm.ctx.t("action-cancelled"));
          continue;
        }
        const outcome = await runOnce(conversation, (outside) => retireWasteType(deps.db, outside.actor, type.id, deps.clock()));
        if (!outcome.ok) await explain(ctx, outcome);
        else await ctx.reply(ctx.t("bank-type-retired", { type: type.name }));
        continue;
      }

      const price = await askText(conversation, ctx, ctx.t("bank-ask-new-price", { type: type.name, unit: type.unit, current: formatUnitPrice(type.rupiahPerUnit, type.unit, locale) }), parsePrice);
      const effective = await askText<Effective>(
        conversation,
        ctx,
        ctx.t("bank-ask-price-from"),
        async (text): Promise<Parsed<Effective>> => {
          const now = new Date(await conversation.external(() => deps.clock().getTime()));
          const parsed = parseDateTime(text, now);
          if (!parsed.ok) return dateTimeRefusal(parsed.reason);
          const at = parsed.kind === "datetime" ? parsed.at : wibInstant(parsed.date, { hour: 0, minute: 0 });
          return { ok: true, value: { kind: "at", ms: at.getTime() } };
        },
        [
          { label: ctx.t("button-price-from-now"), data: priceButton("from-now"), value: { kind: "now" } },
          { label: ctx.t("button-price-from-tomorrow"), data: priceButton("from-tomorrow"), value: { kind: "tomorrow" } },
        ],
      );
      const outcome = await runOnce(conversation, async (outside) => {
        const now = deps.clock();
        const from = resolveEffective(effective, now);
        await setPrice(deps.db, outside.actor, type.id, price, from, now);
        return { from: from.getTime(), now: now.getTime() };
      });
      if (!outcome.ok) {
        await explain(ctx, outcome);
        continue;
      }
      const vars = { type: type.name, price: formatUnitPrice(price, type.unit, locale), from: formatWib(new Date(outcome.value.from), locale) };
      await ctx.reply(outcome.value.from > outcome.value.now ? ctx.t("bank-price-scheduled", vars) : ctx.t("bank-price-changed", vars));
    }
  };
}
