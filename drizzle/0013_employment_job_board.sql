CREATE TABLE "employment_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"retention_days" integer DEFAULT 180 NOT NULL,
	"moderation" boolean DEFAULT true NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employment_settings_one_row" CHECK ("employment_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "job_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"search" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"token" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"candidate_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"message" text,
	"cv_file_key" text,
	"cv_filename" text,
	"cv_content_type" text,
	"cv_size" integer,
	"consent_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"delete_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"trade_id" text,
	"competency_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text NOT NULL,
	"commune_insee" text,
	"commune_name" text,
	"postal_code" text,
	"departement_code" text,
	"region_code" text,
	"lat" double precision,
	"lon" double precision,
	"remote" text DEFAULT 'none' NOT NULL,
	"contract_kind" text NOT NULL,
	"duration_months" integer,
	"working_time" text DEFAULT 'full_time' NOT NULL,
	"weekly_hours" double precision,
	"salary_min_cents" integer,
	"salary_max_cents" integer,
	"salary_period" text,
	"start_date" date,
	"start_asap" boolean DEFAULT false NOT NULL,
	"apply_method" text DEFAULT 'platform' NOT NULL,
	"apply_value" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"rejection_reason" text,
	"moderated_by" text,
	"moderated_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"filled_at" timestamp with time zone,
	"expiry_notice_sent_at" timestamp with time zone,
	"search" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spontaneous_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"trade_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"competency_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"commune_insee" text,
	"commune_name" text,
	"departement_code" text,
	"available_from" date,
	"message" text,
	"cv_file_key" text,
	"cv_filename" text,
	"cv_content_type" text,
	"cv_size" integer,
	"consent_at" timestamp with time zone NOT NULL,
	"delete_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employment_settings" ADD CONSTRAINT "employment_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_offer_id_job_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."job_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_cv_file_key_stored_files_key_fk" FOREIGN KEY ("cv_file_key") REFERENCES "public"."stored_files"("key") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spontaneous_applications" ADD CONSTRAINT "spontaneous_applications_cv_file_key_stored_files_key_fk" FOREIGN KEY ("cv_file_key") REFERENCES "public"."stored_files"("key") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_alerts_token_key" ON "job_alerts" USING btree ("token");--> statement-breakpoint
CREATE INDEX "job_alerts_email_idx" ON "job_alerts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "job_applications_offer_idx" ON "job_applications" USING btree ("offer_id","created_at");--> statement-breakpoint
CREATE INDEX "job_applications_delete_after_idx" ON "job_applications" USING btree ("delete_after");--> statement-breakpoint
CREATE UNIQUE INDEX "job_offers_slug_key" ON "job_offers" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "job_offers_organization_idx" ON "job_offers" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "job_offers_status_published_idx" ON "job_offers" USING btree ("status","published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "job_offers_status_expires_idx" ON "job_offers" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "job_offers_trade_idx" ON "job_offers" USING btree ("trade_id");--> statement-breakpoint
CREATE INDEX "job_offers_departement_idx" ON "job_offers" USING btree ("departement_code");--> statement-breakpoint
CREATE INDEX "job_offers_contract_idx" ON "job_offers" USING btree ("contract_kind");--> statement-breakpoint
CREATE INDEX "job_offers_competencies_idx" ON "job_offers" USING gin ("competency_ids");--> statement-breakpoint
CREATE INDEX "job_offers_search_idx" ON "job_offers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "spontaneous_applications_kind_idx" ON "spontaneous_applications" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "spontaneous_applications_delete_after_idx" ON "spontaneous_applications" USING btree ("delete_after");--> statement-breakpoint
CREATE INDEX "spontaneous_applications_trades_idx" ON "spontaneous_applications" USING gin ("trade_ids");--> statement-breakpoint
-- The board's settings: one row, edited by the team (listed in MIGRATION_SEEDED_TABLES of db/dump.ts).
INSERT INTO "employment_settings" ("id", "retention_days", "moderation") VALUES (1, 180, true);--> statement-breakpoint
-- The offers' French full-text search, like the directory's (grappe_french: unaccented French stems):
-- title A, trade and competencies B, organization and commune C, description D. Kept by a BEFORE trigger
-- on the offer, and refreshed when a trade, a competency or an organization is renamed.
CREATE FUNCTION job_offers_search_vector(o job_offers) RETURNS tsvector LANGUAGE sql STABLE AS $fn$
	SELECT setweight(to_tsvector('grappe_french', coalesce(o.title, '')), 'A')
		|| setweight(to_tsvector('grappe_french', concat_ws(' ',
			(SELECT t.name FROM trades t WHERE t.id = o.trade_id),
			(SELECT string_agg(c.name, ' ') FROM competencies c WHERE c.id = ANY (o.competency_ids)))), 'B')
		|| setweight(to_tsvector('grappe_french', concat_ws(' ',
			(SELECT g.name FROM organizations g WHERE g.id = o.organization_id), o.commune_name)), 'C')
		|| setweight(to_tsvector('grappe_french', coalesce(o.description, '')), 'D')
$fn$;--> statement-breakpoint
CREATE FUNCTION job_offers_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	NEW.search := job_offers_search_vector(NEW);
	RETURN NEW;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER job_offers_search BEFORE INSERT OR UPDATE ON job_offers FOR EACH ROW EXECUTE FUNCTION job_offers_search_trigger();--> statement-breakpoint
CREATE FUNCTION job_offers_names_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	IF TG_TABLE_NAME = 'trades' THEN
		UPDATE job_offers SET search = search WHERE trade_id = NEW.id;
	ELSIF TG_TABLE_NAME = 'competencies' THEN
		UPDATE job_offers SET search = search WHERE competency_ids @> array[NEW.id];
	ELSE
		UPDATE job_offers SET search = search WHERE organization_id = NEW.id;
	END IF;
	RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER trades_job_offers_search AFTER UPDATE OF name ON trades FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION job_offers_names_trigger();--> statement-breakpoint
CREATE TRIGGER competencies_job_offers_search AFTER UPDATE OF name ON competencies FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION job_offers_names_trigger();--> statement-breakpoint
CREATE TRIGGER organizations_job_offers_search AFTER UPDATE OF name ON organizations FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION job_offers_names_trigger();
