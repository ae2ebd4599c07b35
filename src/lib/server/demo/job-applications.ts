// The demo's applications, alerts and pool: three applications (with a one-page PDF CV) to the demo member
// account's offers, so it finds them in its workspace; four people in the pool; one confirmed alert.
// Rows are written directly (the services would mail fictional people at every start of a demo), and
// the CVs' bytes sit in stored_files, which either storage driver reads.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { saveFile } from '../files/images';
import { createDbStorage } from '../files/storage';
import { getEmploymentSettings } from '../employment/service';
import { jobAlerts, jobApplications, spontaneousApplications } from '../employment/schema';

const DAY = 86_400_000;

/** A one-page PDF saying `lines`, with a correct cross-reference table. */
export function tinyPdf(lines: string[]): Buffer {
	const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 18 : 11} Tf 56 ${780 - i * 22} Td (${l.replace(/[()\\]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?')}) Tj ET`).join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(Buffer.byteLength(out));
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out);
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

const APPLICANTS = [
	{ name: 'Camille Laborde', email: 'camille.laborde@exemple.fr', phone: '06 45 12 78 90', status: 'new', daysAgo: 1, message: "Bonjour,\n\nMenuisière poseuse depuis six ans dans les Landes, je connais bien la pose en rénovation (fenêtres bois et mixtes) et le contact avec les particuliers.\n\nJe suis disponible sous un mois. Au plaisir d'échanger,\nCamille Laborde" },
	{ name: 'Yanis Belkacem', email: 'yanis.belkacem@exemple.fr', phone: null, status: 'read', daysAgo: 4, message: "Titulaire d'un BP menuisier, je cherche un poste de poseur près de Mont-de-Marsan. Permis B, habitué aux chantiers de rénovation énergétique." },
	{ name: 'Léna Dufau', email: 'lena.dufau@exemple.fr', phone: '07 61 22 33 44', status: 'shortlisted', daysAgo: 9, message: "En CAP menuisier au CFA de Morcenx, je cherche mon entreprise d'apprentissage pour la rentrée. J'ai fait deux stages en atelier de menuiserie." }
] as const;

const POOL = [
	{ kind: 'apprenticeship', name: 'Hugo Lacoste', email: 'hugo.lacoste@exemple.fr', trades: ['charpentier'], commune: ['40192', 'Mont-de-Marsan', '40'], months: 2, message: 'Élève de 3e, je veux devenir charpentier et cherche un apprentissage en CAP charpentier bois.' },
	{ kind: 'job', name: 'Sofia Marques', email: 'sofia.marques@exemple.fr', trades: ['technicien-bureau-etudes'], commune: ['33063', 'Bordeaux', '33'], months: 0, message: "Technicienne bureau d'études bois (BTS SCBH), cinq ans d'expérience en ossature bois et CLT." },
	{ kind: 'internship', name: 'Thomas Irigoyen', email: 'thomas.irigoyen@exemple.fr', trades: ['agenceur', 'ebeniste'], commune: ['64102', 'Bayonne', '64'], months: 1, message: 'Étudiant en BTS agencement, je cherche un stage de huit semaines.' },
	{ kind: 'job', name: 'Nadia Roux', email: 'nadia.roux@exemple.fr', trades: ['commercial-materiaux'], commune: ['47001', 'Agen', '47'], months: 0, message: 'Commerciale en négoce de matériaux depuis dix ans, je cherche un poste de technico-commerciale bois.' }
] as const;

export async function seedDemoJobApplications(db: Db): Promise<{ applications: number; pool: number }> {
	const offers = await queryRows<{ id: string; organization_id: string }>(
		db,
		sql`select o.id, o.organization_id from job_offers o join users u on u.organization_id = o.organization_id and u.email = 'member@grappe.localhost'
			where o.status = 'published' and o.apply_method = 'platform' order by o.published_at desc limit 2`
	);
	const { retentionDays } = await getEmploymentSettings(db);
	const storage = createDbStorage(db);
	const now = Date.now();
	let applications = 0;
	for (const [i, a] of APPLICANTS.entries()) {
		const offer = offers[i === 2 ? offers.length - 1 : 0];
		if (!offer) break;
		const created = new Date(now - a.daysAgo * DAY);
		const cv = tinyPdf([a.name, a.email, '', 'Curriculum vitae (demo)', 'Menuiserie, pose, renovation energetique']);
		const filename = `CV ${a.name}.pdf`;
		const key = await saveFile(db, storage, { data: cv, contentType: 'application/pdf', extension: 'pdf', isPublic: false, ownerOrganizationId: offer.organization_id });
		await db.insert(jobApplications).values({
			id: crypto.randomUUID(),
			offerId: offer.id,
			candidateName: a.name,
			email: a.email,
			phone: a.phone,
			message: a.message,
			cvFileKey: key,
			cvFilename: filename,
			cvContentType: 'application/pdf',
			cvSize: cv.byteLength,
			consentAt: created,
			status: a.status,
			deleteAfter: new Date(created.getTime() + retentionDays * DAY),
			createdAt: created
		});
		applications++;
	}
	const trades = new Map((await queryRows<{ id: string; slug: string }>(db, sql`select id, slug from trades`)).map((t) => [t.slug, t.id]));
	for (const [i, p] of POOL.entries()) {
		const created = new Date(now - (i * 5 + 2) * DAY);
		const available = p.months ? new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + p.months, 1)).toISOString().slice(0, 10) : null;
		await db.insert(spontaneousApplications).values({
			id: crypto.randomUUID(),
			kind: p.kind,
			name: p.name,
			email: p.email,
			tradeIds: p.trades.map((s) => trades.get(s)).filter((x): x is string => !!x),
			communeInsee: p.commune[0],
			communeName: p.commune[1],
			departementCode: p.commune[2],
			availableFrom: available,
			message: p.message,
			consentAt: created,
			deleteAfter: new Date(created.getTime() + retentionDays * DAY),
			createdAt: created
		});
	}
	await db.insert(jobAlerts).values({
		id: crypto.randomUUID(),
		email: 'alerte.menuiserie@exemple.fr',
		search: { q: 'menuisier', departement: '40' },
		token: crypto.randomUUID().replace(/-/g, ''),
		confirmedAt: new Date(now - 20 * DAY),
		lastSentAt: new Date(now - DAY)
	});
	return { applications, pool: POOL.length };
}
