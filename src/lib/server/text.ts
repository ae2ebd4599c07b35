// Text helpers shared by domains: normalisation for comparisons and search.

/** Lower case, accents and extra spaces removed: "  Énergies  Bâtiment " → "energies batiment". */
export function normalizeText(s: string): string {
	return s
		// Ligatures and letters NFD does not decompose (Œuvre → oeuvre), so matching never depends on the
		// database's locale: pg_trgm counts only alphanumerics, and "œ" is not one under the C locale.
		.replace(/[œŒ]/g, 'oe')
		.replace(/[æÆ]/g, 'ae')
		.replace(/ß/g, 'ss')
		.replace(/[øØ]/g, 'o')
		.replace(/[łŁ]/g, 'l')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** A name normalised for duplicate detection: legal forms and punctuation dropped. */
export function normalizeOrganizationName(name: string): string {
	return normalizeText(name)
		.replace(/[.,;:!?"'’()&/-]/g, ' ')
		.replace(/\b(sas|sasu|sarl|eurl|sa|sci|scop|snc|eirl|ei|sc|gie|scic|et cie|cie)\b/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** What organizations.name_normalized stores: the legal-form-free name, or the plain name if nothing else is left. */
export function organizationNameKey(name: string): string {
	return normalizeOrganizationName(name) || normalizeText(name);
}

/** What organizations.search_text stores: name, commune and tags, normalised for accent-free matching. */
export function organizationSearchText(o: { name: string; communeName?: string | null; tags?: string[] | null }): string {
	return normalizeText([o.name, o.communeName ?? '', ...(o.tags ?? [])].join(' '));
}
