ALTER TYPE "public"."event_kind" ADD VALUE 'kebun_toga';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'kerja_bakti_sanitasi';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'senam_lansia';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'posyandu';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'pengajian';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'yasinan';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'karang_taruna';--> statement-breakpoint
ALTER TYPE "public"."event_kind" ADD VALUE 'pkk';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'kebun_toga';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'kerja_bakti_sanitasi';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'senam_lansia';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'posyandu';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'pengajian';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'yasinan';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'karang_taruna';--> statement-breakpoint
ALTER TYPE "public"."participation_kind" ADD VALUE 'pkk';--> statement-breakpoint
ALTER TABLE "indicator_score" ADD COLUMN "request_key" text;--> statement-breakpoint
ALTER TABLE "indicator_score" ADD CONSTRAINT "indicator_score_request_key_unique" UNIQUE("request_key");