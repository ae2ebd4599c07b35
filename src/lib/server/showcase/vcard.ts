// vCard 4.0 (RFC 6350) of a public showcase page. Written here because the packages looked at leave
// the escaping of commas and semicolons to their caller; the format itself is a few lines.
import type { PublicShowcase } from './service';

/** Escapes a text value: backslash, comma, semicolon and new lines (RFC 6350 §3.4). */
export function escapeVCardText(s: string): string {
	return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 6350 §3.2). */
export function foldLine(line: string): string {
	const out: string[] = [];
	let current = '';
	let bytes = 0;
	for (const ch of line) {
		const size = Buffer.byteLength(ch);
		if (bytes + size > (out.length ? 74 : 75)) {
			out.push(current);
			current = '';
			bytes = 0;
		}
		current += ch;
		bytes += size;
	}
	out.push(current);
	return out.join('\r\n ');
}

export function showcaseVCard(p: PublicShowcase, origin: string): string {
	const lines = ['BEGIN:VCARD', 'VERSION:4.0', 'KIND:org', `FN:${escapeVCardText(p.name)}`, `ORG:${escapeVCardText(p.name)}`];
	if (p.addressLine || p.communeName || p.postalCode)
		lines.push(`ADR;TYPE=work:;;${[p.addressLine ?? '', p.communeName ?? '', '', p.postalCode ?? '', 'France'].map(escapeVCardText).join(';')}`);
	if (p.phone) lines.push(`TEL;VALUE=uri;TYPE=work,voice:tel:${p.phone.replace(/[^+0-9]/g, '')}`);
	if (p.website) lines.push(`URL;TYPE=work:${p.website}`);
	lines.push(`SOURCE:${origin}/members/${p.slug}/vcard`);
	if (p.logoKey) lines.push(`LOGO:${origin}/files/${p.logoKey}`);
	if (p.lat !== null && p.lon !== null) lines.push(`GEO:geo:${p.lat.toFixed(5)},${p.lon.toFixed(5)}`);
	if (p.nafLabel) lines.push(`NOTE:${escapeVCardText(p.nafLabel)}`);
	if (p.competencies.length) lines.push(`CATEGORIES:${p.competencies.map((c) => escapeVCardText(c.name)).join(',')}`);
	lines.push(`REV:${p.updatedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`, 'END:VCARD');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
