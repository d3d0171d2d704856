CREATE TYPE "public"."greeting" AS ENUM('pak', 'bu', 'kak', 'name');--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "greeting" "greeting";