import { readFileSync } from "node:fs";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../../src/db/schema/index.js";
import { columnName, NO_PERSONAL_DATA, PERSONAL_DATA } from "../../../src/domain/people/personal-data-map.js";

const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

/**
 * The columns the erasure scan searches (text, json, arrays, bigint), as the schema declares them.
 * A bigint that is its table's id or points at another table holds an id, not a Telegram id.
 */
function searchableColumns(): string[] {
  return tables.flatMap((table) => {
    const config = getTableConfig(table);
    const references = new Set(config.foreignKeys.flatMap((fk) => fk.reference().columns.map((column) => column.name)));
    return config.columns
      .filter((column) => {
        const type = column.getSQLType();
        if (/^(text|varchar|char|json|jsonb)/.test(type) || type.endsWith("[]")) return true;
        return /^big(int|serial)/.test(type) && !column.primary && !references.has(column.name);
      })
      .map((column) => `${config.name}.${column.name}`);
  });
}

const mapped = PERSONAL_DATA.flatMap((entry) => entry.columns.map(columnName));
const outside = PERSONAL_DATA.flatMap((entry) => entry.outsideSchema ?? []);
const declaredFree = NO_PERSONAL_DATA.flatMap((entry) => entry.columns.map(columnName));

describe("the personal data map", () => {
  it("decides every column that could hold a name, household, Telegram id or free text: erased, or holding none", () => {
    expect(tables.length).toBeGreaterThan(25);
    const decided = new Set([...mapped, ...declaredFree]);
    expect(searchableColumns().filter((column) => !decided.has(column))).toEqual([]);
  });

  it("lists each column once, in one place", () => {
    const all = [...mapped, ...declaredFree];
    expect(all.filter((column, index) => all.indexOf(column) !== index)).toEqual([]);
  });

  it("keeps each entry to one table, so its erasure is about that table", () => {
    for (const entry of PERSONAL_DATA) {
      const tablesOf = [...entry.columns.map((column) => columnName(column).split(".")[0]), ...(entry.outsideSchema ?? []).map((column) => column.split(".").slice(0, 2).join("."))];
      expect(new Set(tablesOf).size).toBe(1);
    }
  });

  it("is the map README's privacy section shows", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Privacy and audit"), readme.indexOf("## Architecture"));
    for (const column of [...mapped, ...outside]) expect(section, column).toContain(`\`${column}\``);
  });

  it("knows the job queue's tables, which the schema does not declare: a job names who asked", () => {
    expect(outside).toEqual(expect.arrayContaining(["pgboss.job.data", "pgboss.archive.data"]));
  });
});
