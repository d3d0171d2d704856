/**
 * A refusal the person should read about. `code` names a locale message `error-<code>`,
 * so the domain decides *what* went wrong and the bot layer only translates it.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

/** Every code a DomainError can carry; each has a locale message `error-<code>`. */
export const DOMAIN_ERROR_CODES = [
  "not-allowed",
  "not-registered",
  "no-consent",
  "already-member",
  "already-member-here",
  "already-pending",
  "rt-not-found",
  "rt-exists",
  "member-not-found",
  "request-already-decided",
  "invite-invalid",
  "invite-expired",
  "invite-used",
  "ketua-must-hand-over",
  "already-ketua",
  "target-not-member",
  "kelurahan-not-found",
  "out-of-scope",
  "group-admin-only",
  "group-linked-elsewhere",
  "group-not-linked",
  "event-not-found",
  "event-cancelled",
  "event-in-past",
  "event-time-taken",
  "checkin-code-invalid",
  "checkin-not-open",
  "checkin-closed",
  "checkin-wrong-rt",
  "ronda-not-set-up",
  "ronda-no-volunteers",
  "shift-not-found",
  "swap-not-open",
  "swap-own",
  "swap-already-on-shift",
  // pojok baca
  "book-not-found",
  "book-exists",
  "book-no-copy-free",
  "book-copies-below-lent",
  "book-has-open-loans",
  "book-already-borrowed",
  "loan-not-found",
  "borrower-not-member",
  "reading-attendee-not-member",
  "reading-attendees-exceed-count",
  "reading-session-in-future",
  "reading-log-not-found",
  "reading-log-own",
  // bank sampah
  "waste-bank-not-found",
  "waste-bank-one-kelurahan",
  "rt-has-waste-bank",
  "resident-not-served",
  "waste-type-exists",
  "waste-type-not-found",
  "price-out-of-range",
  "deposit-empty",
  "deposit-too-many-lines",
  "deposit-line-invalid",
  "deposit-prices-changed",
  "balance-limit-exceeded",
  "withdrawal-amount-invalid",
  "reversal-reason-required",
  "insufficient-balance",
  "entry-not-found",
  "entry-already-reversed",
  "reversal-of-reversal",
  "reversal-exceeds-balance",
  // skor
  "indicator-unknown",
  "indicator-automatic",
  "indicator-score-invalid",
  "indicator-date-in-future",
  "indicator-note-too-long",
  // announcements (issue 14)
  "broadcast-time-passed",
  "broadcast-caption-too-long",
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];
