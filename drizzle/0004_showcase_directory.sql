CREATE TABLE "stored_files" (
	"key" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"is_public" boolean DEFAULT true NOT NULL,
	"owner_organization_id" text,
	"data" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introductions" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"sender_name" text NOT NULL,
	"sender_email" text NOT NULL,
	"sender_company" text,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_competencies" (
	"organization_id" text NOT NULL,
	"competency_id" text NOT NULL,
	CONSTRAINT "organization_competencies_organization_id_competency_id_pk" PRIMARY KEY("organization_id","competency_id")
);
--> statement-breakpoint
CREATE TABLE "organization_stages" (
	"organization_id" text NOT NULL,
	"stage_id" text NOT NULL,
	CONSTRAINT "organization_stages_organization_id_stage_id_pk" PRIMARY KEY("organization_id","stage_id")
);
--> statement-breakpoint
CREATE TABLE "reference_kinds" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_members" (
	"reference_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"role" text,
	CONSTRAINT "reference_members_reference_id_organization_id_pk" PRIMARY KEY("reference_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "showcase_references" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"kind_id" text,
	"commune_insee" text,
	"commune_name" text,
	"year" integer,
	"client_type" text,
	"description" text,
	"photo_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_organization_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "showcases" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"listed" boolean DEFAULT true NOT NULL,
	"portrait" text,
	"products_services" text,
	"territory" text,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"video_url" text,
	"video_key" text,
	"logo_key" text,
	"cover_key" text,
	"draft" jsonb,
	"draft_submitted_at" timestamp with time zone,
	"draft_submitted_by" text,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_links" (
	"id" text PRIMARY KEY NOT NULL,
	"supplier_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"material" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communes_geo" (
	"insee" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"departement_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_entries" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_normalized" text NOT NULL,
	"commune_insee" text,
	"commune_name" text,
	"departement_code" text,
	"region_code" text,
	"naf_code" text,
	"naf_section" text,
	"size_band" text,
	"competency_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"materials" text[] DEFAULT '{}'::text[] NOT NULL,
	"reference_kind_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"member_since" integer,
	"lat" double precision,
	"lon" double precision,
	"geo_precision" text,
	"location" "point",
	"search" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "naf_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_competencies" ADD CONSTRAINT "organization_competencies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_competencies" ADD CONSTRAINT "organization_competencies_competency_id_competencies_id_fk" FOREIGN KEY ("competency_id") REFERENCES "public"."competencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_stages" ADD CONSTRAINT "organization_stages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_stages" ADD CONSTRAINT "organization_stages_stage_id_value_chain_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."value_chain_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_members" ADD CONSTRAINT "reference_members_reference_id_showcase_references_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."showcase_references"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_members" ADD CONSTRAINT "reference_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showcase_references" ADD CONSTRAINT "showcase_references_kind_id_reference_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."reference_kinds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showcase_references" ADD CONSTRAINT "showcase_references_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showcases" ADD CONSTRAINT "showcases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "showcases" ADD CONSTRAINT "showcases_draft_submitted_by_users_id_fk" FOREIGN KEY ("draft_submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_supplier_id_organizations_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_customer_id_organizations_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "introductions_org_idx" ON "introductions" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "introductions_created_idx" ON "introductions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "organization_competencies_competency_idx" ON "organization_competencies" USING btree ("competency_id");--> statement-breakpoint
CREATE INDEX "reference_members_org_idx" ON "reference_members" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "showcases_slug_key" ON "showcases" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "showcases_draft_idx" ON "showcases" USING btree ("draft_submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_links_key" ON "supply_links" USING btree ("supplier_id","customer_id","material");--> statement-breakpoint
CREATE INDEX "supply_links_customer_idx" ON "supply_links" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "directory_entries_search_idx" ON "directory_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "directory_entries_name_trgm_idx" ON "directory_entries" USING gin ("name_normalized" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_entries_name_idx" ON "directory_entries" USING btree ("name_normalized");--> statement-breakpoint
CREATE INDEX "directory_entries_competencies_idx" ON "directory_entries" USING gin ("competency_ids");--> statement-breakpoint
CREATE INDEX "directory_entries_labels_idx" ON "directory_entries" USING gin ("labels");--> statement-breakpoint
CREATE INDEX "directory_entries_kinds_idx" ON "directory_entries" USING gin ("reference_kind_ids");--> statement-breakpoint
CREATE INDEX "directory_entries_departement_idx" ON "directory_entries" USING btree ("departement_code");--> statement-breakpoint
CREATE INDEX "directory_entries_region_idx" ON "directory_entries" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "directory_entries_naf_idx" ON "directory_entries" USING btree ("naf_section");--> statement-breakpoint
CREATE INDEX "directory_entries_location_idx" ON "directory_entries" USING gist ("location");--> statement-breakpoint
-- French full-text search that ignores accents: unaccent, then the French Snowball stemmer.
CREATE TEXT SEARCH CONFIGURATION grappe_french (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION grappe_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;--> statement-breakpoint
-- NAF rév. 2 section (A…U) of a code such as '16.23Z', from its division.
CREATE FUNCTION naf_section(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
	SELECT CASE
		WHEN d IS NULL THEN NULL WHEN d <= 3 THEN 'A' WHEN d <= 9 THEN 'B' WHEN d <= 33 THEN 'C' WHEN d = 35 THEN 'D'
		WHEN d <= 39 THEN 'E' WHEN d <= 43 THEN 'F' WHEN d <= 47 THEN 'G' WHEN d <= 53 THEN 'H' WHEN d <= 56 THEN 'I'
		WHEN d <= 63 THEN 'J' WHEN d <= 66 THEN 'K' WHEN d = 68 THEN 'L' WHEN d <= 75 THEN 'M' WHEN d <= 82 THEN 'N'
		WHEN d = 84 THEN 'O' WHEN d = 85 THEN 'P' WHEN d <= 88 THEN 'Q' WHEN d <= 93 THEN 'R' WHEN d <= 96 THEN 'S'
		WHEN d <= 98 THEN 'T' ELSE 'U' END
	FROM (SELECT CASE WHEN code ~ '^[0-9]{2}' THEN substr(code, 1, 2)::int END AS d) x
$fn$;--> statement-breakpoint
-- A URL slug: lower case, no accents, words joined by dashes.
CREATE FUNCTION grappe_slugify(value text) RETURNS text LANGUAGE sql STABLE AS $fn$
	SELECT coalesce(nullif(trim(both '-' from regexp_replace(lower(unaccent(coalesce(value, ''))), '[^a-z0-9]+', '-', 'g')), ''), 'organisation')
$fn$;--> statement-breakpoint
-- Gives each new organization a showcase row with a unique slug (name, then name-2, name-3…).
CREATE FUNCTION showcase_ensure(org_ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
	r record;
	base text;
	candidate text;
	n int;
BEGIN
	FOR r IN SELECT o.id, o.name FROM organizations o WHERE o.id = ANY(org_ids)
		AND NOT EXISTS (SELECT 1 FROM showcases s WHERE s.organization_id = o.id) LOOP
		base := left(grappe_slugify(r.name), 80);
		candidate := base;
		n := 1;
		WHILE EXISTS (SELECT 1 FROM showcases WHERE slug = candidate) LOOP
			n := n + 1;
			candidate := base || '-' || n;
		END LOOP;
		INSERT INTO showcases (organization_id, slug) VALUES (r.id, candidate);
	END LOOP;
END
$fn$;--> statement-breakpoint
-- Recomputes the directory rows of these organizations from the CRM and showcase tables. An
-- organization is listed when it is a member, one of its contacts consented to public listing, and
-- the team did not hide its page.
CREATE FUNCTION directory_refresh(org_ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
	DELETE FROM directory_entries WHERE organization_id = ANY(org_ids);
	INSERT INTO directory_entries (organization_id, slug, name, name_normalized, commune_insee, commune_name,
		departement_code, region_code, naf_code, naf_section, size_band, competency_ids, labels, materials,
		reference_kind_ids, member_since, lat, lon, geo_precision, location, search, updated_at)
	SELECT o.id, s.slug, o.name, o.name_normalized, o.commune_insee, o.commune_name,
		o.departement_code, o.region_code, o.naf_code, naf_section(o.naf_code), o.size_band,
		coalesce(c.ids, '{}'), s.labels, s.materials, coalesce(k.ids, '{}'), m.since,
		g.lat, g.lon, CASE g.source WHEN 'geonames' THEN 'commune' WHEN 'departement' THEN 'departement' END,
		CASE WHEN g.lat IS NOT NULL THEN point(g.lon, g.lat) END,
		setweight(to_tsvector('grappe_french', o.name), 'A')
			|| setweight(to_tsvector('grappe_french', concat_ws(' ', c.names, n.label, array_to_string(s.labels, ' '), array_to_string(s.materials, ' '))), 'B')
			|| setweight(to_tsvector('grappe_french', concat_ws(' ', s.products_services, s.territory, o.commune_name, k.titles)), 'C')
			|| setweight(to_tsvector('grappe_french', concat_ws(' ', s.portrait, o.description)), 'D'),
		now()
	FROM organizations o
	JOIN showcases s ON s.organization_id = o.id
	LEFT JOIN LATERAL (
		SELECT array_agg(oc.competency_id ORDER BY oc.competency_id) AS ids, string_agg(cp.name, ' ' ORDER BY cp.name) AS names
		FROM organization_competencies oc JOIN competencies cp ON cp.id = oc.competency_id
		WHERE oc.organization_id = o.id) c ON true
	LEFT JOIN LATERAL (
		SELECT array_agg(DISTINCT r.kind_id) FILTER (WHERE r.kind_id IS NOT NULL) AS ids, string_agg(r.title, ' ' ORDER BY r.title, r.id) AS titles
		FROM reference_members rm JOIN showcase_references r ON r.id = rm.reference_id
		WHERE rm.organization_id = o.id) k ON true
	LEFT JOIN LATERAL (SELECT min(ms.year) AS since FROM memberships ms WHERE ms.organization_id = o.id AND ms.paid) m ON true
	LEFT JOIN naf_codes n ON n.code = o.naf_code
	LEFT JOIN communes_geo g ON g.insee = o.commune_insee
	WHERE o.id = ANY(org_ids) AND o.status = 'member' AND s.listed
		AND EXISTS (SELECT 1 FROM people p WHERE p.organization_id = o.id AND p.consent_public_listing);
END
$fn$;--> statement-breakpoint
-- One statement-level trigger function for every table the directory reads: it collects the
-- organizations the statement touched (through its transition tables) and refreshes them.
CREATE FUNCTION directory_refresh_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
	ids text[];
BEGIN
	IF TG_TABLE_NAME = 'organizations' THEN
		SELECT array_agg(id) INTO ids FROM new_rows;
		IF TG_OP = 'INSERT' THEN
			PERFORM showcase_ensure(ids);
		END IF;
	ELSIF TG_TABLE_NAME = 'competencies' THEN
		SELECT array_agg(DISTINCT organization_id) INTO ids FROM organization_competencies
			WHERE competency_id IN (SELECT id FROM new_rows);
	ELSIF TG_TABLE_NAME = 'showcase_references' THEN
		SELECT array_agg(DISTINCT organization_id) INTO ids FROM reference_members
			WHERE reference_id IN (SELECT id FROM new_rows);
	ELSIF TG_OP = 'INSERT' THEN
		SELECT array_agg(DISTINCT organization_id) INTO ids FROM new_rows;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(DISTINCT organization_id) INTO ids FROM old_rows;
	ELSE
		SELECT array_agg(DISTINCT x.organization_id) INTO ids
			FROM (SELECT organization_id FROM new_rows UNION SELECT organization_id FROM old_rows) x;
	END IF;
	IF ids IS NOT NULL THEN
		PERFORM directory_refresh(ids);
	END IF;
	RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER organizations_directory_insert AFTER INSERT ON organizations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER organizations_directory_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER competencies_directory_update AFTER UPDATE ON competencies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER showcase_references_directory_update AFTER UPDATE ON showcase_references REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();
--> statement-breakpoint
CREATE TRIGGER people_directory_insert AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER people_directory_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER people_directory_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();
--> statement-breakpoint
CREATE TRIGGER memberships_directory_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER memberships_directory_update AFTER UPDATE ON memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER memberships_directory_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();
--> statement-breakpoint
CREATE TRIGGER showcases_directory_insert AFTER INSERT ON showcases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER showcases_directory_update AFTER UPDATE ON showcases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER showcases_directory_delete AFTER DELETE ON showcases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();
--> statement-breakpoint
CREATE TRIGGER organization_competencies_directory_insert AFTER INSERT ON organization_competencies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER organization_competencies_directory_update AFTER UPDATE ON organization_competencies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER organization_competencies_directory_delete AFTER DELETE ON organization_competencies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();
--> statement-breakpoint
CREATE TRIGGER reference_members_directory_insert AFTER INSERT ON reference_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER reference_members_directory_update AFTER UPDATE ON reference_members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();--> statement-breakpoint
CREATE TRIGGER reference_members_directory_delete AFTER DELETE ON reference_members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_refresh_trigger();
--> statement-breakpoint
-- Organizations that existed before this migration get their showcase row (and slug) now.
SELECT showcase_ensure(array(SELECT id FROM organizations));
