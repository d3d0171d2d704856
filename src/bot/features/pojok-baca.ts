import { InlineKeyboard } from "grammy";
import { Composer } from "../composer.js";
import { getBook, listCatalogue, retireBook, setCopies, type BookView } from "../../domain/pojok-baca/catalogue.js";
import { keptRtId } from "../../domain/pojok-baca/keepers.js";
import { listMyLoans, listOpenLoans, takeBack, type LoanView } from "../../domain/pojok-baca/loans.js";
import { judgeReading, listPendingReadings, type ReadingLogView } from "../../domain/pojok-baca/reading-log.js";
import { BOOK_COPIES_MAX } from "../../domain/pojok-baca/text.js";
import { daysBetween, wibDate } from "../../domain/schedule/wib.js";
import { getRt } from "../../domain/rt/rt.js";
import type { BotContext } from "../context.js";
import { ADD_BOOK, LEND_BOOK, LOG_READING, LOG_READING_SESSION } from "../conversations/pojok-baca.js";
import type { BotDeps } from "../deps.js";
import { chunkLines, formatWibDay, rtVars } from "../../messages/format.js";
import { clampPage, pageCount } from "../keyboards/paginate.js";
import { onButton } from "../buttons.js";
import type { ButtonFamily } from "../../messages/buttons/button.js";
import { noop } from "../../messages/buttons/common.js";
import { bookAdd, bookCard, bookCopies, bookPage, bookRetire, bookRetireConfirm, bookReturn, loanPage, readingConfirm, readingReject } from "../../messages/buttons/pojok-baca.js";
import { readingDecisionKeyboard, readingRequestText } from "../../messages/pojok-baca.js";

const PAGE = 8;
const PENDING_LISTED = 10;

/** Whole days a loan is overdue on the WIB calendar (0 while it is not). */
function daysLate(loan: Pick<LoanView, "dueAt">, now: Date): number {
  return Math.max(0, daysBetween(wibDate(loan.dueAt), wibDate(now)));
}

/** One item per row, ◀ n/m ▶ under them, and any extra rows. */
function listKeyboard(items: { label: string; data: string }[], page: number, pages: ButtonFamily<{ page: number }>, extra: { label: string; data: string }[] = []): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const current = clampPage(page, items.length, PAGE);
  for (const item of items.slice(current * PAGE, (current + 1) * PAGE)) keyboard.text(item.label, item.data).row();
  const count = pageCount(items.length, PAGE);
  if (count > 1) {
    if (current > 0) keyboard.text("◀", pages.data({ page: current - 1 }));
    keyboard.text(`${current + 1}/${count}`, noop.data({}));
    if (current < count - 1) keyboard.text("▶", pages.data({ page: current + 1 }));
    keyboard.row();
  }
  for (const item of extra) keyboard.text(item.label, item.data).row();
  return keyboard;
}

export function createPojokBacaFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  // Button presses come from private chats only (the bot's messages there).
  const presses = new Composer<BotContext>();
  feature.use(presses);

  /** The RT whose corner this person keeps; the commands are for keepers only (commands.ts). */
  const keeperRt = async (ctx: BotContext) => {
    const rtId = keptRtId(ctx.actor);
    if (rtId === null) await ctx.reply(ctx.t("error-not-allowed"));
    return rtId;
  };

  feature.command("sesibaca", (ctx) => ctx.conversation.enter(LOG_READING_SESSION));
  feature.command("pinjam", (ctx) => ctx.conversation.enter(LEND_BOOK));
  feature.command("baca", (ctx) => ctx.conversation.enter(LOG_READING));

  // Catalogue: /buku lists the titles; a title opens its card (copies, retire).
  const bookLine = (ctx: BotContext, b: BookView, index: number) =>
    ctx.t("book-line", { n: index + 1, title: b.title, author: b.author ?? "-", available: b.available, copies: b.copies });

  const catalogueScreen = async (ctx: BotContext, rtId: number, page: number) => {
    const books = await listCatalogue(deps.db, rtId);
    const place = await getRt(deps.db, rtId);
    const current = clampPage(page, books.length, PAGE);
    const shown = books.slice(current * PAGE, (current + 1) * PAGE);
    const text = books.length === 0
      ? ctx.t("book-catalogue-empty", rtVars(place))
      : [ctx.t("book-catalogue-title", { ...rtVars(place), count: books.length }), ...shown.map((b, i) => bookLine(ctx, b, current * PAGE + i))].join("\n");
    const keyboard = listKeyboard(books.map((b) => ({ label: b.title, data: bookCard.data({ book: b.id }) })), current, bookPage, [{ label: ctx.t("button-book-add"), data: bookAdd.data({}) }]);
    return { text, keyboard };
  };

  const cardOf = (ctx: BotContext, b: BookView) => {
    const keyboard = new InlineKeyboard();
    // The buttons carry the number they set, so a double tap sets it once.
    if (b.copies - 1 >= Math.max(1, b.lent)) keyboard.text(ctx.t("button-book-fewer"), bookCopies.data({ book: b.id, copies: b.copies - 1 }));
    if (b.copies < BOOK_COPIES_MAX) keyboard.text(ctx.t("button-book-more"), bookCopies.data({ book: b.id, copies: b.copies + 1 }));
    keyboard.row().text(ctx.t("button-book-retire"), bookRetire.data({ book: b.id })).row().text(ctx.t("button-back"), bookPage.data({ page: 0 }));
    const text = ctx.t("book-card", { title: b.title, author: b.author ?? "-", copies: b.copies, lent: b.lent, available: b.available });
    return { text, keyboard };
  };

  /** Telegram refuses an edit that changes nothing (a double tap): only edit when it would. */
  const show = async (ctx: BotContext, screen: { text: string; keyboard?: InlineKeyboard }) => {
    const shown = ctx.callbackQuery?.message;
    const same = shown?.text === screen.text && JSON.stringify(shown.reply_markup?.inline_keyboard ?? []) === JSON.stringify(screen.keyboard?.inline_keyboard.filter((row) => row.length > 0) ?? []);
    if (same) return;
    await ctx.editMessageText(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  };

  /** The book a keeper's button names, if it is of their RT. */
  const keptBook = async (ctx: BotContext, bookId: number) => {
    const b = await getBook(deps.db, bookId);
    if (keptRtId(ctx.actor) !== b.rtId) {
      await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true });
      return null;
    }
    return b;
  };

  feature.command("buku", async (ctx) => {
    const rtId = await keeperRt(ctx);
    if (rtId === null) return;
    const { text, keyboard } = await catalogueScreen(ctx, rtId, 0);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  onButton(presses, bookPage, async (ctx, { page }) => {
    const rtId = keptRtId(ctx.actor);
    if (rtId === null) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await show(ctx, await catalogueScreen(ctx, rtId, page));
  });

  onButton(presses, bookAdd, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    // An old /buku message tapped in the middle of another form: that form ends here.
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(ADD_BOOK);
  });

  onButton(presses, bookCard, async (ctx, values) => {
    const b = await keptBook(ctx, values.book);
    if (!b) return;
    await ctx.answerCallbackQuery();
    await show(ctx, b.retired ? { text: ctx.t("book-retired-already", { title: b.title }) } : cardOf(ctx, b));
  });

  onButton(presses, bookCopies, async (ctx, values) => {
    const { copies } = values;
    if (copies < 1 || copies > BOOK_COPIES_MAX) return void (await ctx.answerCallbackQuery({ text: ctx.t("fallback-stale-button") }));
    const { book: b, changed } = await setCopies(deps.db, ctx.actor, values.book, copies);
    await ctx.answerCallbackQuery(changed ? { text: ctx.t("book-copies-set", { title: b.title, copies: b.copies }) } : undefined);
    await show(ctx, cardOf(ctx, b));
  });

  onButton(presses, bookRetire, async (ctx, values) => {
    const b = await keptBook(ctx, values.book);
    if (!b) return;
    await ctx.answerCallbackQuery();
    if (b.retired) return show(ctx, { text: ctx.t("book-retired-already", { title: b.title }) });
    await show(ctx, {
      text: ctx.t("book-retire-confirm", { title: b.title }),
      keyboard: new InlineKeyboard().text(ctx.t("button-book-retire-yes"), bookRetireConfirm.data({ book: b.id })).text(ctx.t("button-cancel"), bookCard.data({ book: b.id })),
    });
  });

  onButton(presses, bookRetireConfirm, async (ctx, values) => {
    const { book: b, retired } = await retireBook(deps.db, ctx.actor, values.book, deps.clock());
    await ctx.answerCallbackQuery();
    await show(ctx, { text: ctx.t(retired ? "book-retired" : "book-retired-already", { title: b.title }) });
  });

  // Loans out now: one "Kembali" button per loan.
  const loansScreen = async (ctx: BotContext, rtId: number, page: number) => {
    const open = await listOpenLoans(deps.db, rtId);
    if (open.length === 0) return { text: ctx.t("loan-none-open") };
    const locale = await ctx.i18n.getLocale();
    const now = deps.clock();
    const current = clampPage(page, open.length, PAGE);
    const lines = open.slice(current * PAGE, (current + 1) * PAGE).map((loan) => {
      const late = daysLate(loan, now);
      const vars = { title: loan.title, name: loan.borrowerName ?? "-", day: formatWibDay(loan.dueAt, locale), days: late };
      return late > 0 ? ctx.t("loan-line-overdue", vars) : ctx.t("loan-line", vars);
    });
    const items = open.map((loan) => ({ label: ctx.t("button-loan-return", { title: loan.title, name: loan.borrowerName ?? "-" }), data: bookReturn.data({ loan: loan.id, page: current }) }));
    return { text: [ctx.t("loan-open-title", { count: open.length }), ...lines].join("\n"), keyboard: listKeyboard(items, current, loanPage) };
  };

  feature.command("kembali", async (ctx) => {
    const rtId = await keeperRt(ctx);
    if (rtId === null) return;
    const { text, keyboard } = await loansScreen(ctx, rtId, 0);
    await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
  });

  onButton(presses, loanPage, async (ctx, { page }) => {
    const rtId = keptRtId(ctx.actor);
    if (rtId === null) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await show(ctx, await loansScreen(ctx, rtId, page));
  });

  onButton(presses, bookReturn, async (ctx, values) => {
    // The borrower's notice is queued with the return: a failed answer below loses nothing.
    const { loan, returned } = await takeBack(deps, ctx.actor, values.loan);
    await ctx.answerCallbackQuery({ text: ctx.t(returned ? "loan-returned" : "loan-returned-already", { title: loan.title, name: loan.borrowerName ?? "-" }) });
    await show(ctx, await loansScreen(ctx, loan.rtId, values.page));
  });

  feature.command("pinjamanku", async (ctx) => {
    const loans = await listMyLoans(deps.db, ctx.actor.person!.id);
    if (loans.length === 0) return void (await ctx.reply(ctx.t("loan-mine-empty")));
    const locale = await ctx.i18n.getLocale();
    const now = deps.clock();
    const lines = loans.map((loan) => {
      const late = daysLate(loan, now);
      const vars = { title: loan.title, day: formatWibDay(loan.dueAt, locale), days: late };
      return late > 0 ? ctx.t("loan-mine-line-overdue", vars) : ctx.t("loan-mine-line", vars);
    });
    for (const text of chunkLines(ctx.t("loan-mine-title", { count: loans.length }), lines)) await ctx.reply(text);
  });

  // Self-reported reading: keepers confirm or reject, once.
  const decidedText = (ctx: BotContext, log: ReadingLogView, locale: string) => {
    const key = log.status === "confirmed" ? "reading-log-decided-confirmed" : "reading-log-decided-rejected";
    return `${readingRequestText(ctx.t, log, locale)}\n\n${ctx.t(key, { by: log.decidedByName ?? "-" })}`;
  };

  feature.command("konfirmasibaca", async (ctx) => {
    const rtId = await keeperRt(ctx);
    if (rtId === null) return;
    const pending = (await listPendingReadings(deps.db, rtId)).filter((log) => log.personId !== ctx.actor.person?.id);
    if (pending.length === 0) return void (await ctx.reply(ctx.t("reading-log-none-pending")));
    const locale = await ctx.i18n.getLocale();
    await ctx.reply(ctx.t("reading-log-pending-title", { count: pending.length }));
    for (const log of pending.slice(0, PENDING_LISTED)) {
      await ctx.reply(readingRequestText(ctx.t, log, locale), { reply_markup: readingDecisionKeyboard(ctx.t, log.id) });
    }
    if (pending.length > PENDING_LISTED) await ctx.reply(ctx.t("reading-log-more", { count: pending.length - PENDING_LISTED }));
  });

  const judge = async (ctx: BotContext, logId: number, approve: boolean) => {
    // The resident's notice is queued with the decision: a failed answer below loses nothing.
    const { log, decided } = await judgeReading(deps, ctx.actor, { logId, approve });
    const locale = await ctx.i18n.getLocale();
    if (!decided) {
      const key = log.status === "confirmed" ? "reading-log-already-confirmed" : "reading-log-already-rejected";
      await ctx.answerCallbackQuery({ text: ctx.t(key, { by: log.decidedByName ?? "-" }), show_alert: true });
    } else {
      await ctx.answerCallbackQuery({ text: ctx.t(approve ? "reading-log-confirmed" : "reading-log-rejected", { name: log.name ?? "-" }) });
    }
    await show(ctx, { text: decidedText(ctx, log, locale) });
  };
  onButton(presses, readingConfirm, (ctx, { log }) => judge(ctx, log, true));
  onButton(presses, readingReject, (ctx, { log }) => judge(ctx, log, false));

  return composer;
}
