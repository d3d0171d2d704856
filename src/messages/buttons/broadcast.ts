import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, flag, id, oneOf } from "./button.js";

/** The stop button under an announcement's progress (was `bc`, announcers); the sender or an admin is checked in the domain. */
export const broadcastStop = defineButton("broadcast.stop", AUDIENCES.announcers, { broadcast: id });

// /umumkan's own buttons (unlisted before, so anyone's press passed): the audience of /umumkan,
// the only way to see them.
/** Who the announcement is for. */
export const announceAudience = defineButton("announce.to", AUDIENCES.announcers, { audience: oneOf("rt-members", "area-ketua", "area-residents") });
/** A ketua with a linked group: where it goes. */
export const announceChannel = defineButton("announce.via", AUDIENCES.announcers, { channel: oneOf("private", "group", "both") });
/** Pin it in the group or not. Its own family, so an old pin button is never taken for "send". */
export const announcePin = defineButton("announce.pin", AUDIENCES.announcers, { pin: flag });

/** At the confirmation: send now, or choose a time first. */
export const announceWhen = defineButton("announce.when", AUDIENCES.announcers, { when: oneOf("now", "later") });

export const BROADCAST_BUTTONS = [broadcastStop, announceAudience, announceChannel, announcePin, announceWhen];
