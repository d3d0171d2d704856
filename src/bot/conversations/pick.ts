import type { ConversationContext } from "../context.js";
import { PAGE_SIZE, paginatedKeyboard } from "../keyboards/paginate.js";
import { waitForChoice, type Convo } from "./prompts.js";

/**
 * Shows a paged list of choices in one message and waits for one. Returns null on "Batal".
 * `id` keeps two pickers of one conversation from reacting to each other's buttons.
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
  const choices = items.map((item, index) => ({ label: label(item), data: `${id}:i:${index}` }));
  const cancel = [[{ label: ctx.t("button-cancel"), data: `${id}:cancel` }]];
  await ctx.reply(prompt, { reply_markup: paginatedKeyboard(choices, 0, `${id}:pg:`, cancel, pageSize) });
  for (;;) {
    const { data, ctx: press } = await waitForChoice(conversation, new RegExp(`^${id}:(i|pg|cancel)(:\\d+)?$`));
    const [, action, value] = data.split(":");
    if (action === "cancel") {
      await press.editMessageText(press.t("action-cancelled"));
      return null;
    }
    if (action === "pg") {
      await press.editMessageText(prompt, { reply_markup: paginatedKeyboard(choices, Number(value), `${id}:pg:`, cancel, pageSize) });
      continue;
    }
    const item = items[Number(value)];
    if (item === undefined) continue;
    await press.editMessageText(`${prompt}\n→ ${label(item)}`);
    return item;
  }
}
