ALTER TABLE "organizations" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing rows: the same text the application writes (name, commune, tags; lower case, no accents).
UPDATE "organizations" SET "search_text" = lower(unaccent(concat_ws(' ', "name", coalesce("commune_name", ''), array_to_string("tags", ' '))));--> statement-breakpoint
CREATE INDEX "organizations_search_trgm_idx" ON "organizations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_updated_idx" ON "organizations" USING btree ("updated_at" DESC NULLS LAST,"id");
