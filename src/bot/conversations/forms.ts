import { findCommand } from "../commands.js";
import type { BotDeps } from "../deps.js";
import { ANNOUNCE, createAnnounceConversation } from "./announce.js";
import { createDecisionConversation, createKencanaAwardConversation, createKencanaRecordConversation, DECISION, KENCANA_AWARD, KENCANA_RECORD } from "./award.js";
import { BANK_PRICES, CREATE_WASTE_BANK, createCreateWasteBankConversation, createPricesConversation } from "./bank-sampah-admin.js";
import { BANK_DEPOSIT, BANK_REVERSAL, BANK_WITHDRAWAL, createDepositConversation, createReversalConversation, createWithdrawalConversation } from "./bank-sampah.js";
import { createEvidenceConversation, EVIDENCE_FORM } from "./evidence.js";
import { CREATE_EVENT, createCreateEventConversation, createEditEventConversation, EDIT_EVENT } from "./events.js";
import { guardedForm, type FormBody } from "./form-right.js";
import {
  ADD_BOOK,
  createAddBookConversation,
  createLendBookConversation,
  createLogReadingConversation,
  createLogReadingSessionConversation,
  LEND_BOOK,
  LOG_READING,
  LOG_READING_SESSION,
} from "./pojok-baca.js";
import { createRegistrationConversation, REGISTRATION } from "./registration.js";
import { createReminderSettingsConversation, REMINDER_SETTINGS } from "./reminder-settings.js";
import { ASSIGN_NIGHT, createAssignNightConversation, createRondaSetupConversation, RONDA_SETUP } from "./ronda.js";
import { createOpenRoundConversation, OPEN_ROUND } from "./rounds.js";
import { createManualScoreConversation, MANUAL_SCORE } from "./scores.js";
import { createTeamScoreConversation, TEAM_SCORE } from "./onsite.js";
import { createTeamInviteConversation, createVisitConversation, TEAM_INVITE, VISIT_FORM } from "./team.js";
import { createReassessmentConversation, createSelfAssessmentConversation, REASSESSMENT_VISIT, SELF_ASSESSMENT } from "./keeping.js";
import { BULK_SCORE, createBulkScoreConversation } from "./bulk-score.js";
import { createOfflineRecordConversation, createOfflineRenameConversation, OFFLINE_RECORD, OFFLINE_RENAME } from "./offline.js";
import { createKasJimpitanConversation, createKasRecordConversation, createKasReversalConversation, KAS_JIMPITAN, KAS_RECORD, KAS_REVERSAL } from "./kas.js";
import { createRejectConversation, createReportConversation, REPORT_FORM, REPORT_REJECT_FORM } from "./reports.js";
import { createPollConversation, POLL_FORM } from "./polls.js";
import { APPOINT_KOORDINATOR, CREATE_RT, createAppointKoordinatorConversation, createCreateRtConversation, createHouseholdCountConversation, HOUSEHOLD_COUNT } from "./staff.js";

/** A form's arguments differ (registration takes where it started); the plugin passes them on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBody = FormBody<any[]>;

/**
 * Every multi-step form, with the command that opens it (directly, or through a button of its
 * screen): the form needs that command's audience for as long as it runs, checked again with
 * every answer (form-right.ts), and narrows it to the bank, RT or area it works on.
 */
export const FORMS: readonly { id: string; command: string; build: (deps: BotDeps) => AnyBody }[] = [
  { id: REGISTRATION, command: "start", build: createRegistrationConversation },
  { id: CREATE_RT, command: "buatrt", build: createCreateRtConversation },
  { id: APPOINT_KOORDINATOR, command: "angkatkoordinator", build: createAppointKoordinatorConversation },
  { id: HOUSEHOLD_COUNT, command: "jumlahkk", build: createHouseholdCountConversation },
  { id: ANNOUNCE, command: "umumkan", build: createAnnounceConversation },
  { id: CREATE_EVENT, command: "acara", build: createCreateEventConversation },
  { id: EDIT_EVENT, command: "ubahacara", build: createEditEventConversation },
  { id: RONDA_SETUP, command: "ronda", build: createRondaSetupConversation },
  // Opened by a button under /jadwalronda, shown to the ketua; the right is that of making the schedule.
  { id: ASSIGN_NIGHT, command: "buatjadwalronda", build: createAssignNightConversation },
  { id: REMINDER_SETTINGS, command: "aturpengingat", build: createReminderSettingsConversation },
  { id: CREATE_WASTE_BANK, command: "banksampah", build: createCreateWasteBankConversation },
  { id: BANK_PRICES, command: "harga", build: createPricesConversation },
  { id: BANK_DEPOSIT, command: "setor", build: createDepositConversation },
  { id: BANK_WITHDRAWAL, command: "tarik", build: createWithdrawalConversation },
  { id: BANK_REVERSAL, command: "koreksi", build: createReversalConversation },
  { id: LOG_READING_SESSION, command: "sesibaca", build: createLogReadingSessionConversation },
  { id: ADD_BOOK, command: "buku", build: createAddBookConversation },
  { id: LEND_BOOK, command: "pinjam", build: createLendBookConversation },
  { id: LOG_READING, command: "baca", build: createLogReadingConversation },
  { id: MANUAL_SCORE, command: "nilai", build: createManualScoreConversation },
  { id: TEAM_SCORE, command: "nilaitim", build: createTeamScoreConversation },
  { id: EVIDENCE_FORM, command: "bukti", build: createEvidenceConversation },
  // issue 15: team. The link form opens from /timpenilai's button; the visit form from /kunjungan's RT buttons.
  { id: TEAM_INVITE, command: "timpenilai", build: createTeamInviteConversation },
  { id: VISIT_FORM, command: "kunjungan", build: createVisitConversation },
  // Also opened by the quarterly invitation's button (self.open), shown to the ketua.
  { id: SELF_ASSESSMENT, command: "nilaimandiri", build: createSelfAssessmentConversation },
  { id: REASSESSMENT_VISIT, command: "kunjunganulang", build: createReassessmentConversation },
  // Opened by the button under /putaran's list of rounds.
  { id: OPEN_ROUND, command: "putaran", build: createOpenRoundConversation },
  // issue 15: award. /kencana's form is opened by the button under its list.
  { id: DECISION, command: "keputusan", build: createDecisionConversation },
  { id: KENCANA_RECORD, command: "kencana", build: createKencanaRecordConversation },
  // Admins only (the form checks it too): opened by the button under /kencana when a holder is eligible.
  { id: KENCANA_AWARD, command: "kencana", build: createKencanaAwardConversation },
  // Also opened by an RT's button on /belumdinilai.
  { id: BULK_SCORE, command: "nilaisemua", build: createBulkScoreConversation },
  // issue 17: opened by /tanpatelegram's buttons.
  { id: OFFLINE_RECORD, command: "tanpatelegram", build: createOfflineRecordConversation },
  { id: OFFLINE_RENAME, command: "tanpatelegram", build: createOfflineRenameConversation },
  // issue 17: the kas RT. The jimpitan form opens from "Catat jimpitan malam ini" (a resident on the
  // night's shift; the domain checks the shift), with the right of /kas.
  { id: KAS_RECORD, command: "kascatat", build: createKasRecordConversation },
  { id: KAS_REVERSAL, command: "kaskoreksi", build: createKasReversalConversation },
  { id: KAS_JIMPITAN, command: "kas", build: createKasJimpitanConversation },
  // issue 17: reports. /lapor's form (also opened by /start's button); the reason of a refusal, opened by a report card's "Tolak".
  { id: REPORT_FORM, command: "lapor", build: createReportConversation },
  { id: REPORT_REJECT_FORM, command: "laporanrt", build: createRejectConversation },
  // issue 17: polls. Also opened by the "Buat polling baru" button under /polling's list.
  { id: POLL_FORM, command: "polling", build: createPollConversation },
];

/** The conversation builder of a form: its body behind the guard of its command's audience. */
export function guardedBuilder(form: (typeof FORMS)[number], deps: BotDeps): AnyBody {
  const command = findCommand(form.command);
  if (!command) throw new Error(`form ${form.id} names an unknown command /${form.command}`);
  return guardedForm(command.audience, form.build(deps));
}
