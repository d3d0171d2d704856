-- Everyone who held a membership, a role or a bank-officer post before the per-person menus gets
-- their own "/" menu: the default menu now shows only a stranger's commands. The menu is pushed by
-- delivery/menus.ts once the bot starts. Idempotent: a person already marked is left as is.
INSERT INTO "command_menu" ("person_id", "chat_id")
SELECT "p"."id", "p"."telegram_id" FROM "person" "p"
WHERE "p"."telegram_id" IS NOT NULL AND (
  EXISTS (SELECT 1 FROM "membership" "m" WHERE "m"."person_id" = "p"."id" AND "m"."status" IN ('pending', 'active'))
  OR EXISTS (SELECT 1 FROM "role_assignment" "r" WHERE "r"."person_id" = "p"."id" AND "r"."revoked_at" IS NULL)
  OR EXISTS (SELECT 1 FROM "waste_bank_officer" "o" WHERE "o"."person_id" = "p"."id" AND "o"."revoked_at" IS NULL)
)
ORDER BY "p"."id"
ON CONFLICT ("person_id") DO NOTHING;
