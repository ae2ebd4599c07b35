CREATE TABLE "directory_changes" (
	"version" bigint NOT NULL,
	"organization_id" text
);
--> statement-breakpoint
CREATE TABLE "directory_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"pruned_below" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "directory_changes_version_idx" ON "directory_changes" USING btree ("version");--> statement-breakpoint
-- The search index each server process keeps in memory (src/lib/server/directory/memory-index.ts)
-- stays exact through these two tables: directory_state holds a version, directory_changes which
-- organizations changed at each version. Every statement that changes directory_entries, the
-- competencies or the reference kinds increments the version; the row lock of that UPDATE lasts
-- until the transaction ends, so versions follow commit order and a reader that sees version V has
-- seen every change up to V. Before each search a process reads the version (one row) and, when it
-- moved, reloads only the organizations listed since.
INSERT INTO "directory_state" ("id", "version", "pruned_below") VALUES (1, 1, 1);--> statement-breakpoint
CREATE FUNCTION directory_bump(org_ids text[], everything boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
	v bigint;
BEGIN
	UPDATE directory_state SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
	IF everything THEN
		-- Everything changed (a truncation): every reader reloads the whole directory.
		DELETE FROM directory_changes;
		UPDATE directory_state SET pruned_below = v WHERE id = 1;
		RETURN;
	END IF;
	INSERT INTO directory_changes (version, organization_id) SELECT v, x FROM unnest(org_ids) x;
	-- Keep the changes of the last 10,000 versions; a reader further behind reloads everything.
	IF v % 500 = 0 THEN
		DELETE FROM directory_changes WHERE version < v - 10000;
		UPDATE directory_state SET pruned_below = greatest(pruned_below, v - 10000) WHERE id = 1;
	END IF;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION directory_changes_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
	ids text[];
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		PERFORM directory_bump(NULL, true);
	ELSIF TG_TABLE_NAME <> 'directory_entries' THEN
		-- The competencies' or reference kinds' names: a NULL organization.
		PERFORM directory_bump(array[NULL::text]);
	ELSE
		IF TG_OP = 'INSERT' THEN
			SELECT array_agg(organization_id) INTO ids FROM new_rows;
		ELSIF TG_OP = 'DELETE' THEN
			SELECT array_agg(organization_id) INTO ids FROM old_rows;
		ELSE
			SELECT array_agg(DISTINCT x.organization_id) INTO ids
				FROM (SELECT organization_id FROM new_rows UNION ALL SELECT organization_id FROM old_rows) x;
		END IF;
		IF ids IS NOT NULL THEN
			PERFORM directory_bump(ids);
		END IF;
	END IF;
	RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER directory_entries_changes_insert AFTER INSERT ON directory_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_changes_trigger();--> statement-breakpoint
CREATE TRIGGER directory_entries_changes_update AFTER UPDATE ON directory_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_changes_trigger();--> statement-breakpoint
CREATE TRIGGER directory_entries_changes_delete AFTER DELETE ON directory_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_changes_trigger();--> statement-breakpoint
CREATE TRIGGER directory_entries_changes_truncate AFTER TRUNCATE ON directory_entries FOR EACH STATEMENT EXECUTE FUNCTION directory_changes_trigger();--> statement-breakpoint
CREATE TRIGGER competencies_directory_changes AFTER INSERT OR UPDATE OR DELETE ON competencies FOR EACH STATEMENT EXECUTE FUNCTION directory_changes_trigger();--> statement-breakpoint
CREATE TRIGGER reference_kinds_directory_changes AFTER INSERT OR UPDATE OR DELETE ON reference_kinds FOR EACH STATEMENT EXECUTE FUNCTION directory_changes_trigger();--> statement-breakpoint
-- The facet counts of migration 0005 are now counted by the in-memory index.
DROP TRIGGER directory_entries_facets_insert ON directory_entries;--> statement-breakpoint
DROP TRIGGER directory_entries_facets_update ON directory_entries;--> statement-breakpoint
DROP TRIGGER directory_entries_facets_delete ON directory_entries;--> statement-breakpoint
DROP TRIGGER directory_entries_facets_truncate ON directory_entries;--> statement-breakpoint
DROP FUNCTION directory_facet_counts_trigger();--> statement-breakpoint
DROP FUNCTION directory_facet_values(directory_entries);--> statement-breakpoint
DROP TABLE directory_facet_counts;
--> statement-breakpoint
-- Searches no longer read these indexes (the in-memory index does the searching); every directory
-- refresh paid for them. Public pages and the sitemap look entries up by slug.
DROP INDEX "directory_entries_search_idx";--> statement-breakpoint
DROP INDEX "directory_entries_name_trgm_idx";--> statement-breakpoint
DROP INDEX "directory_entries_competencies_idx";--> statement-breakpoint
DROP INDEX "directory_entries_labels_idx";--> statement-breakpoint
DROP INDEX "directory_entries_kinds_idx";--> statement-breakpoint
DROP INDEX "directory_entries_departement_idx";--> statement-breakpoint
DROP INDEX "directory_entries_region_idx";--> statement-breakpoint
DROP INDEX "directory_entries_naf_idx";--> statement-breakpoint
DROP INDEX "directory_entries_location_idx";--> statement-breakpoint
CREATE INDEX "directory_entries_slug_idx" ON "directory_entries" USING btree ("slug");