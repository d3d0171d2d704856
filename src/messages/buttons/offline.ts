import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, fixedButton, id, oneOf, page, requestKey, shaped } from "./button.js";

/**
 * issue 17: residents without Telegram, kept by the RT's ketua (or acting ketua) and petugas
 * (AUDIENCES.officers). Which RT is checked again by the service at every press.
 */
/** The list, one page of it (the card's "« Daftar" goes to the first). */
export const offlineList = defineButton("offline.list", AUDIENCES.officers, { page });
export const offlineAdd = fixedButton("offline.add", AUDIENCES.officers);
/** Under /anggota: the list of residents without Telegram, as a new message (the member list stays). */
export const offlineShow = fixedButton("offline.show", AUDIENCES.officers);
export const offlineOpen = defineButton("offline.open", AUDIENCES.officers, { person: id });
/** A resident's card: rename, claim link, remove from the RT, erase on their behalf (the last two asked twice). */
export const offlineAct = defineButton("offline.act", AUDIENCES.officers, { action: oneOf("rename", "link", "remove", "erase"), person: id });
export const offlineConfirm = defineButton("offline.ok", AUDIENCES.officers, { action: oneOf("remove", "erase"), person: id });
/** The recording form's summary: save under the form's key, or cancel. */
export const offlineSave = defineButton("offline.save", AUDIENCES.officers, { choice: oneOf("save", "cancel"), key: requestKey });

/** The claim link's "Ya, ini saya": anyone who opened the link (who they are is checked by the service). */
export const claimConfirm = defineButton("offline.claim", "anyone", { choice: oneOf("yes", "no"), code: shaped(/[A-Za-z0-9_-]{16,40}/) });

export const OFFLINE_BUTTONS = [offlineList, offlineShow, offlineAdd, offlineOpen, offlineAct, offlineConfirm, offlineSave, claimConfirm];
