-- Directory search speed (docs/benchmarks.md, "Directory").
--
-- 1. The directory's GIN indexes write straight into the index instead of a "pending list". PGlite
-- never runs autovacuum, and a manual ANALYZE does not flush pending lists, so up to 4 MB of
-- unsorted entries per index stayed there and every search read them linearly: at 100,000 members a
-- rare word took 22 ms instead of 2, a misspelt name 80 ms instead of 6. Directory rows change one
-- organization at a time, so giving up the batched insertion costs little.
ALTER INDEX "directory_entries_search_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "directory_entries_name_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "directory_entries_competencies_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "directory_entries_labels_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "directory_entries_kinds_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list(i::regclass) FROM unnest(array['directory_entries_search_idx', 'directory_entries_name_trgm_idx',
	'directory_entries_competencies_idx', 'directory_entries_labels_idx', 'directory_entries_kinds_idx']) i;--> statement-breakpoint
-- 2. Facet counts of the whole directory, kept by triggers, so that the unfiltered directory (its
-- landing page) does not count 100,000 rows on every visit. Rows are signed deltas (insert-only, so
-- concurrent writers never wait for one another); the counts are sum(n) by facet and value; the
-- trigger folds the deltas together once there are more than 2,000 rows. facet: total (value ''),
-- competency, naf, departement, region, label, size, since (member_since, bucketed by the reader,
-- as seniority depends on the year), kind, material. Derived data: directory_refresh() and these
-- triggers rebuild it, like directory_entries.
CREATE TABLE "directory_facet_counts" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL
);--> statement-breakpoint
CREATE FUNCTION directory_facet_values(e directory_entries) RETURNS TABLE (facet text, value text) LANGUAGE sql IMMUTABLE AS $fn$
	SELECT 'total', ''
	UNION ALL SELECT 'naf', e.naf_section WHERE e.naf_section IS NOT NULL
	UNION ALL SELECT 'departement', e.departement_code WHERE e.departement_code IS NOT NULL
	UNION ALL SELECT 'region', e.region_code WHERE e.region_code IS NOT NULL
	UNION ALL SELECT 'size', e.size_band WHERE e.size_band IS NOT NULL
	UNION ALL SELECT 'since', e.member_since::text WHERE e.member_since IS NOT NULL
	UNION ALL SELECT 'competency', v FROM unnest(e.competency_ids) v WHERE v IS NOT NULL
	UNION ALL SELECT 'label', v FROM unnest(e.labels) v WHERE v IS NOT NULL
	UNION ALL SELECT 'kind', v FROM unnest(e.reference_kind_ids) v WHERE v IS NOT NULL
	UNION ALL SELECT 'material', v FROM unnest(e.materials) v WHERE v IS NOT NULL
$fn$;--> statement-breakpoint
CREATE FUNCTION directory_facet_counts_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
	added int;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		DELETE FROM directory_facet_counts;
		RETURN NULL;
	ELSIF TG_OP = 'INSERT' THEN
		INSERT INTO directory_facet_counts (facet, value, n)
			SELECT f.facet, f.value, count(*)::int FROM new_rows r, directory_facet_values(r) f GROUP BY 1, 2;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO directory_facet_counts (facet, value, n)
			SELECT f.facet, f.value, -count(*)::int FROM old_rows r, directory_facet_values(r) f GROUP BY 1, 2;
	ELSE
		INSERT INTO directory_facet_counts (facet, value, n)
			SELECT f.facet, f.value, sum(x.sign)::int
			FROM (SELECT 1 AS sign, r AS e FROM new_rows r UNION ALL SELECT -1, r FROM old_rows r) x, directory_facet_values(x.e) f
			GROUP BY 1, 2 HAVING sum(x.sign) <> 0;
	END IF;
	GET DIAGNOSTICS added = ROW_COUNT;
	-- Fold the deltas; one transaction at a time (the others skip it, and their rows stay as deltas).
	IF added > 0 AND (SELECT count(*) FROM directory_facet_counts) > 2000 AND pg_try_advisory_xact_lock(727275) THEN
		WITH d AS (DELETE FROM directory_facet_counts RETURNING facet, value, n)
		INSERT INTO directory_facet_counts (facet, value, n)
			SELECT facet, value, sum(n)::int FROM d GROUP BY 1, 2 HAVING sum(n) <> 0;
	END IF;
	RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER directory_entries_facets_insert AFTER INSERT ON directory_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_facet_counts_trigger();--> statement-breakpoint
CREATE TRIGGER directory_entries_facets_update AFTER UPDATE ON directory_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_facet_counts_trigger();--> statement-breakpoint
CREATE TRIGGER directory_entries_facets_delete AFTER DELETE ON directory_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_facet_counts_trigger();--> statement-breakpoint
CREATE TRIGGER directory_entries_facets_truncate AFTER TRUNCATE ON directory_entries FOR EACH STATEMENT EXECUTE FUNCTION directory_facet_counts_trigger();--> statement-breakpoint
INSERT INTO directory_facet_counts (facet, value, n)
	SELECT f.facet, f.value, count(*)::int FROM directory_entries e, directory_facet_values(e) f GROUP BY 1, 2;
