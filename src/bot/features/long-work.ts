import type { LongWork } from "../background.js";
import { bankExportWork } from "./bank-export.js";
import { digestWork } from "./digests.js";
import { evidencePackWork } from "./evidence.js";
import { kasExportWork } from "./kas.js";
import { recapWork } from "./recap.js";
import { rotaWork } from "./ronda.js";

/** Every long work the job queue may be handed, by name: a job names one of these, and its data. */
export const LONG_WORK: readonly LongWork<never>[] = [digestWork, recapWork, rotaWork, kasExportWork, bankExportWork, evidencePackWork] as readonly LongWork<never>[];
