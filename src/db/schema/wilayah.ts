import { index, pgTable, text } from "drizzle-orm/pg-core";

/** Official Kemendagri codes and names, loaded from idn-area-data at start. */
export const kecamatan = pgTable("kecamatan", {
  code: text("code").primaryKey(),
  regencyCode: text("regency_code").notNull(),
  name: text("name").notNull(),
}, (table) => [index("kecamatan_regency_idx").on(table.regencyCode)]);

export const kelurahan = pgTable("kelurahan", {
  code: text("code").primaryKey(),
  kecamatanCode: text("kecamatan_code").notNull().references(() => kecamatan.code),
  name: text("name").notNull(),
}, (table) => [index("kelurahan_kecamatan_idx").on(table.kecamatanCode)]);
