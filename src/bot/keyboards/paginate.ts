import { InlineKeyboard } from "grammy";
import { noop } from "../../messages/buttons/common.js";

export type Choice = { label: string; data: string };

export const PAGE_SIZE = 8;
/** A kota has about a dozen kecamatan: show them on one screen, no paging. */
export const KECAMATAN_PAGE_SIZE = 16;

/**
 * Data of buttons that only show something (the page counter). One handler answers it before any
 * conversation sees it: re-showing the same page would be an edit Telegram refuses with a 400.
 */
export const NOOP_DATA = noop.data({});

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function clampPage(page: number, total: number, pageSize = PAGE_SIZE): number {
  return Math.min(Math.max(0, Number.isFinite(page) ? Math.trunc(page) : 0), pageCount(total, pageSize) - 1);
}

/**
 * A page of choices, two per row, with ◀ ▶ to move between pages, and any extra rows (back, cancel)
 * at the bottom. `pageData` writes a page button's data (a button family's builder, or a prefix the
 * page number is appended to).
 */
export function paginatedKeyboard(choices: Choice[], page: number, pageData: string | ((page: number) => string), extraRows: Choice[][] = [], pageSize = PAGE_SIZE): InlineKeyboard {
  const pageButton = typeof pageData === "string" ? (n: number) => `${pageData}${n}` : pageData;
  const current = clampPage(page, choices.length, pageSize);
  const keyboard = new InlineKeyboard();
  choices.slice(current * pageSize, (current + 1) * pageSize).forEach((choice, index) => {
    keyboard.text(choice.label, choice.data);
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row();
  const pages = pageCount(choices.length, pageSize);
  if (pages > 1) {
    if (current > 0) keyboard.text("◀", pageButton(current - 1));
    keyboard.text(`${current + 1}/${pages}`, NOOP_DATA);
    if (current < pages - 1) keyboard.text("▶", pageButton(current + 1));
    keyboard.row();
  }
  for (const row of extraRows) {
    for (const choice of row) keyboard.text(choice.label, choice.data);
    keyboard.row();
  }
  return keyboard;
}
