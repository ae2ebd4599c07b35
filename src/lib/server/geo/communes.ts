// French communes, départements and régions from the official INSEE-based data of @etalab/decoupage-administratif.
import { createRequire } from 'node:module';
import { normalizeText } from '../text';

const require = createRequire(import.meta.url);

export interface Commune {
	code: string;
	nom: string;
	departement: string;
	region: string;
	codesPostaux: string[];
	population?: number;
}

interface Data {
	communes: Commune[];
	byCode: Map<string, Commune>;
	byPostalCode: Map<string, Commune[]>;
	departements: Map<string, { code: string; nom: string; region: string }>;
	regions: Map<string, { code: string; nom: string }>;
}

let data: Data | undefined;

function load(): Data {
	if (data) return data;
	const raw = require('@etalab/decoupage-administratif/data/communes.json') as (Commune & { type: string })[];
	const communes = raw.filter((c) => c.type === 'commune-actuelle' && c.departement);
	const byCode = new Map<string, Commune>();
	const byPostalCode = new Map<string, Commune[]>();
	for (const c of communes) {
		byCode.set(c.code, c);
		for (const cp of c.codesPostaux ?? []) {
			const list = byPostalCode.get(cp);
			if (list) list.push(c);
			else byPostalCode.set(cp, [c]);
		}
	}
	const deps = require('@etalab/decoupage-administratif/data/departements.json') as { code: string; nom: string; region: string }[];
	const regs = require('@etalab/decoupage-administratif/data/regions.json') as { code: string; nom: string }[];
	data = {
		communes,
		byCode,
		byPostalCode,
		departements: new Map(deps.map((d) => [d.code, d])),
		regions: new Map(regs.map((r) => [r.code, r]))
	};
	return data;
}

/** Every current commune (INSEE code, name, département, région, postal codes). */
export function allCommunes(): Commune[] {
	return load().communes;
}

export function communeByCode(code: string): Commune | undefined {
	return load().byCode.get(code);
}

export function communesByPostalCode(postalCode: string): Commune[] {
	return load().byPostalCode.get(postalCode) ?? [];
}

export function departementName(code: string | null | undefined): string | undefined {
	return code ? load().departements.get(code)?.nom : undefined;
}

export function regionName(code: string | null | undefined): string | undefined {
	return code ? load().regions.get(code)?.nom : undefined;
}

export function allDepartements() {
	return [...load().departements.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function allRegions() {
	return [...load().regions.values()].sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
}

export function communesOfRegion(regionCode: string): Commune[] {
	return load().communes.filter((c) => c.region === regionCode);
}

export type CommuneMatch =
	| { ok: true; commune: Commune }
	| { ok: false; reason: 'unknown_postal_code' | 'ambiguous' | 'name_mismatch'; candidates: Commune[] };

function communeKey(name: string): string {
	return normalizeText(name)
		.replace(/[-'’]/g, ' ')
		.replace(/\s+/g, ' ')
		.replace(/(^| )st( |$)/g, '$1saint$2')
		.replace(/(^| )ste( |$)/g, '$1sainte$2')
		.trim();
}

/** Postal code → commune; the commune name settles postal codes shared by several communes. */
export function resolveCommune(postalCode: string, communeName?: string | null): CommuneMatch {
	const candidates = communesByPostalCode(postalCode.trim());
	if (candidates.length === 0) return { ok: false, reason: 'unknown_postal_code', candidates };
	if (communeName && communeName.trim()) {
		const wanted = communeKey(communeName);
		const match = candidates.find((c) => communeKey(c.nom) === wanted);
		if (match) return { ok: true, commune: match };
		return { ok: false, reason: 'name_mismatch', candidates };
	}
	if (candidates.length === 1) return { ok: true, commune: candidates[0] };
	return { ok: false, reason: 'ambiguous', candidates };
}

/**
 * The commune someone means by what they typed: an INSEE code, a postal code, or a name (accents,
 * case, dashes and "St" ignored); the most populous when several match. Undefined when none does.
 */
export function findCommune(text: string): Commune | undefined {
	const s = text.trim();
	if (!s) return undefined;
	const d = load();
	if (/^[0-9][0-9AB][0-9]{3}$/i.test(s) && d.byCode.has(s.toUpperCase())) return d.byCode.get(s.toUpperCase());
	const pick = (list: Commune[]) => [...list].sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0];
	if (/^\d{5}$/.test(s)) return pick(d.byPostalCode.get(s) ?? []);
	// "Bordeaux (33)" or "Bordeaux 33000": the number settles homonyms.
	const num = /\(?\b(\d{2,3}|2[AB]|\d{5})\)?\s*$/i.exec(s)?.[1];
	const name = communeKey(s.replace(/\(?\b(\d{2,3}|2[AB]|\d{5})\)?\s*$/i, ''));
	let list = d.communes.filter((c) => communeKey(c.nom) === name);
	if (num) {
		const narrowed = list.filter((c) => (num.length === 5 ? c.codesPostaux.includes(num) : c.departement === num.toUpperCase()));
		if (narrowed.length) list = narrowed;
	}
	return pick(list);
}
