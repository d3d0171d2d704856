import { AUDIENCES } from "../../domain/people/audience.js";
import { defineButton, page } from "./button.js";

/** /audit's pages (was `au`): admins only. */
export const auditPage = defineButton("audit.page", AUDIENCES.admins, { page });

export const AUDIT_BUTTONS = [auditPage];
