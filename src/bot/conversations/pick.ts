import { pick } from "../../messages/buttons/common.js";
import type { ConversationContext } from "../context.js";
import { PAGE_SIZE, paginatedKeyboard } from "../keyboards/paginate.js";
import { waitForChoice, type Convo } from "./prompts.js";

/**
 * Shows a paged list of choices in one message and waits for one. Returns null on "Batal".
 * `id` (a short word) keeps two pickers of one conversation from reacting to each other's buttons.
 */
export async function pickOne<T>(
  conversation: Convo,
  ctx: ConversationContext,
  id: string,
  prompt: string,
  items: T[],
  label: (item: T) => string,
  pageSize = PAGE_SIZE,
): Promise<T | null> {
  const button = (action: "item" | "page" | "cancel", index: number) => pick.data({ picker: id, action, index });
  const choices = items.map((item, index) => ({ label: label(item), data: button("item", index) }));
  const cancel = [[{ label: ctx.t("button-cancel"), data: button("cancel", 0) }]];
  const pageData = (page: number) => button("page", page);
  await ctx.reply(prompt, { reply_markup: paginatedKeyboard(choices, 0, pageData, cancel, pageSize) });
  const ours = new RegExp(`^${pick.prefix}:${id}:`);
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, ours);
    const pressed = pick.read(data);
    if (!pressed) continue;
    const { action, index: value } = pressed;
    if (action === "cancel") {
      await press.editMessageText(press.t("action-cancelled"));
      return null;
    }
    if (action === "page") {
      await press.editMessageText(prompt, { reply_markup: paginatedKeyboard(choices, value, pageData, cancel, pageSize) });
      continue;
    }
    const item = items[value];
    if (item === undefined) continue;
    await press.editMessageText(`${prompt}\n→ ${label(item)}`);
    return item;
  }
}
