ALTER TABLE "deposit_line" ALTER COLUMN "quantity" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "deposit_line" ALTER COLUMN "rupiah_per_unit" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "deposit_line" ALTER COLUMN "value" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "waste_price" ALTER COLUMN "rupiah_per_unit" SET DATA TYPE bigint;