/**
 * Check-in opens a little before the start and stays open a little after the end. Kept apart from
 * attendance.ts so the scores (metrics.ts) can read the window without importing the check-in
 * service, which itself reads the scores to say what a check-in counted for (issue 17).
 */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;
export const CHECKIN_CLOSES_AFTER_MS = 30 * 60_000;
