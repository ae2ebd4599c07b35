ALTER TABLE "showcase_references" ADD COLUMN "approval_status" text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "supply_links" ADD COLUMN "approval_status" text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
CREATE INDEX "showcase_references_pending_idx" ON "showcase_references" USING btree ("updated_at") WHERE approval_status = 'pending';--> statement-breakpoint
CREATE INDEX "supply_links_pending_idx" ON "supply_links" USING btree ("created_at") WHERE approval_status = 'pending';--> statement-breakpoint
-- directory_refresh() of 0004, unchanged but for one condition: only approved references give the
-- directory their titles (search text) and kinds (facet). Approving a reference is an UPDATE of
-- showcase_references, whose trigger refreshes the directory rows of its members.
CREATE OR REPLACE FUNCTION directory_refresh(org_ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
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
		WHERE rm.organization_id = o.id AND r.approval_status = 'approved') k ON true
	LEFT JOIN LATERAL (SELECT min(ms.year) AS since FROM memberships ms WHERE ms.organization_id = o.id AND ms.paid) m ON true
	LEFT JOIN naf_codes n ON n.code = o.naf_code
	LEFT JOIN communes_geo g ON g.insee = o.commune_insee
	WHERE o.id = ANY(org_ids) AND o.status = 'member' AND s.listed
		AND EXISTS (SELECT 1 FROM people p WHERE p.organization_id = o.id AND p.consent_public_listing);
END
$fn$;
