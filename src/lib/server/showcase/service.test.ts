// Showcase rules on a real engine: who edits, approval, shared references, supply links, introductions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { factoryActor, makeMemberUser, makeMembership, makeOrganization, makePerson, makeTeamUser } from '../testing/factories';
import { parseDirectoryParams, searchDirectory } from '../directory/search';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import {
	addSupplyLink,
	approveReference,
	approveShowcaseDraft,
	approveSupplyLink,
	createReference,
	getPublicShowcase,
	getShowcaseForEdit,
	introductionStats,
	listReferenceKinds,
	listReferences,
	listSupplyLinksOf,
	rejectReference,
	rejectShowcaseDraft,
	rejectSupplyLink,
	removeReference,
	removeSupplyLink,
	saveCompetencies,
	saveReferenceKinds,
	sendIntroduction,
	supplyChainData,
	updateReference,
	updateShowcase,
	updateShowcaseSettings,
	listPendingShowcases
} from './service';
import { videoEmbedUrl } from './validation';
import { showcaseVCard, escapeVCardText, foldLine } from './vcard';
import { organizationJsonLd, jsonLdScript } from './jsonld';
import { saveValueChainStages } from '../crm/service';
import { showcases } from './schema';

let database: Database;
let db: Db;
let team: Actor;
let memberA: Actor;
let orgA: string;
let orgB: string;
let orgC: string;
let slugA: string;

async function listedOrg(name: string, email?: string) {
	const org = await makeOrganization(db, { name, status: 'member', email });
	await makePerson(db, org.id, { consentPublicListing: true, email: `contact.${org.id.slice(0, 6)}@exemple.fr` });
	await makeMembership(db, org.id, { paid: true });
	return org.id;
}

const names = async (q: string) => (await searchDirectory(db, parseDirectoryParams(new URLSearchParams({ q })))).items.map((i) => i.name);

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	orgA = await listedOrg('Ossatures Garonne', 'contact@ossatures-garonne.fr');
	orgB = await listedOrg('Scierie du Ciron');
	orgC = await listedOrg('Bureau Structures Bois');
	memberA = (await makeMemberUser(db, orgA)).actor;
	slugA = (await getShowcaseForEdit(db, team, orgA)).slug;
}, 60_000);

afterAll(async () => {
	await database?.close();
});

describe('a member edits its own page', () => {
	it('publishes at once when the cluster does not ask for approval', async () => {
		const r = await updateShowcase(db, memberA, orgA, { portrait: 'Constructeur de maisons à ossature bois en Gironde.', labels: 'RGE, Qualibat', videoUrl: 'https://youtu.be/dQw4w9WgXcQ' });
		expect(r.status).toBe('published');
		const page = await getPublicShowcase(db, slugA);
		expect(page.portrait).toContain('ossature bois');
		expect(page.labels).toEqual(['RGE', 'Qualibat']);
		expect(page.videoEmbed).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
	});

	it('may not edit another organization, nor hide or approve', async () => {
		await expect(updateShowcase(db, memberA, orgB, { portrait: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(approveShowcaseDraft(db, memberA, orgA)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(saveCompetencies(db, memberA, [{ name: 'Piratage' }])).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('names the bad field', async () => {
		const e = (await updateShowcase(db, memberA, orgA, { videoUrl: 'http://example.com/video' }).catch((x) => x)) as InvalidError;
		expect(e).toBeInstanceOf(InvalidError);
		expect(e.issues[0]).toMatchObject({ path: 'videoUrl', message: 'error_video_url' });
		const e2 = (await updateShowcase(db, memberA, orgA, { competencyIds: ['nope'] }).catch((x) => x)) as InvalidError;
		expect(e2.issues[0].path).toBe('competencyIds');
	});

	it('waits for the team when the cluster requires approval, then goes public', async () => {
		await updateShowcaseSettings(db, team, { requireApproval: true });
		const r = await updateShowcase(db, memberA, orgA, { portrait: 'Spécialistes de la surélévation en bois.' });
		expect(r.status).toBe('pending');
		// Still the old text in public and in the search.
		expect((await getPublicShowcase(db, slugA)).portrait).toContain('ossature bois');
		expect(await names('surelevation')).toEqual([]);
		expect((await listPendingShowcases(db, team)).map((p) => p.organizationId)).toContain(orgA);
		const view = await getShowcaseForEdit(db, memberA, orgA);
		expect(view.draft?.portrait).toContain('surélévation');
		await approveShowcaseDraft(db, team, orgA);
		expect((await getPublicShowcase(db, slugA)).portrait).toContain('surélévation');
		expect(await names('surelevation')).toEqual(['Ossatures Garonne']);
		// A rejected draft changes nothing in public.
		await updateShowcase(db, memberA, orgA, { portrait: 'Texte refusé.' });
		await rejectShowcaseDraft(db, team, orgA);
		expect((await getPublicShowcase(db, slugA)).portrait).toContain('surélévation');
		await expect(approveShowcaseDraft(db, team, orgA)).rejects.toBeInstanceOf(ConflictError);
		// The team's own edits never wait.
		expect((await updateShowcase(db, team, orgA, { portrait: 'Surélévation et extension bois.' })).status).toBe('published');
		await updateShowcaseSettings(db, team, { requireApproval: false });
	});

	it('keeps the published video when approving a draft saved before the video went through approval', async () => {
		const { published } = await getShowcaseForEdit(db, team, orgC);
		const { videoKey: _, ...oldDraft } = { ...published, portrait: 'Bureau d’études bois.' };
		await db.update(showcases).set({ videoKey: 'ancienne.mp4', draft: oldDraft, draftSubmittedAt: new Date() }).where(eq(showcases.organizationId, orgC));
		expect((await getShowcaseForEdit(db, team, orgC)).draft?.videoKey).toBe('ancienne.mp4');
		await approveShowcaseDraft(db, team, orgC);
		expect((await getShowcaseForEdit(db, team, orgC)).published).toMatchObject({ portrait: 'Bureau d’études bois.', videoKey: 'ancienne.mp4' });
		await db.update(showcases).set({ videoKey: null }).where(eq(showcases.organizationId, orgC));
	});

	it('keeps the page out of public view when no contact consented', async () => {
		const org = await makeOrganization(db, { name: 'Atelier Sans Consentement', status: 'member' });
		const view = await getShowcaseForEdit(db, team, org.id);
		expect(view.isPublic).toBe(false);
		expect(view.reasons).toEqual(['no_consent']);
		await expect(getPublicShowcase(db, view.slug)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('references', () => {
	it('shows a reference shared by several members on each of their pages', async () => {
		const [kind] = await saveReferenceKinds(db, team, [{ name: 'Construction neuve' }, { name: 'Réhabilitation' }]);
		const { id, status } = await createReference(db, memberA, orgA, { title: 'Groupe scolaire à Mérignac', kindId: kind.id, postalCode: '33700', year: '2024', clientType: 'public', partnerIds: [orgB] });
		expect(status).toBe('published');
		const onA = await listReferences(db, orgA, { publicOnly: true });
		const onB = await listReferences(db, orgB, { publicOnly: true });
		expect(onA.map((r) => r.title)).toEqual(['Groupe scolaire à Mérignac']);
		expect(onB.map((r) => r.id)).toEqual([id]);
		expect(onA[0]).toMatchObject({ communeName: 'Mérignac', year: 2024, kindName: 'Construction neuve' });
		expect(onA[0].members.map((m) => m.name).sort()).toEqual(['Ossatures Garonne', 'Scierie du Ciron']);
		// The kind is a directory facet of both members; the title is searchable.
		const r = await searchDirectory(db, parseDirectoryParams(new URLSearchParams({ kind: kind.id })));
		expect(r.items.map((i) => i.name).sort()).toEqual(['Ossatures Garonne', 'Scierie du Ciron']);
		expect(await names('groupe scolaire')).toHaveLength(2);
	});

	it('lets the owner edit it, a partner only leave it', async () => {
		const { id } = await createReference(db, memberA, orgA, { title: 'Halle de marché', partnerIds: [orgC] });
		const memberC = (await makeMemberUser(db, orgC)).actor;
		await expect(updateReference(db, memberC, id, { title: 'Détourné' })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await removeReference(db, memberC, id, orgC)).toBe('left');
		expect((await listReferences(db, orgC)).map((r) => r.title)).not.toContain('Halle de marché');
		expect(await updateReference(db, memberA, id, { title: 'Halle de marché couverte', year: '2023' })).toEqual({ status: 'published' });
		expect((await listReferences(db, orgA)).find((r) => r.id === id)?.title).toBe('Halle de marché couverte');
		expect(await removeReference(db, memberA, id, orgA)).toBe('deleted');
	});

	it('names a bad postal code and a bad year', async () => {
		const e = (await createReference(db, memberA, orgA, { title: 'X', postalCode: '00000', year: '1200' }).catch((x) => x)) as InvalidError;
		expect(e.issues.map((i) => i.path).sort()).toEqual(['year']);
		const e2 = (await createReference(db, memberA, orgA, { title: 'X', postalCode: '00000' }).catch((x) => x)) as InvalidError;
		expect(e2.issues.map((i) => i.path)).toEqual(['postalCode']);
	});
});

describe('supply chain', () => {
	it('records links members declare and draws them between stages', async () => {
		await saveValueChainStages(db, team, [{ name: 'Sciage' }, { name: 'Construction' }]);
		expect((await addSupplyLink(db, memberA, { supplierId: orgB, customerId: orgA, material: 'Douglas' })).status).toBe('published');
		await expect(addSupplyLink(db, memberA, { supplierId: orgB, customerId: orgA, material: 'Douglas' })).rejects.toBeInstanceOf(ConflictError);
		await expect(addSupplyLink(db, memberA, { supplierId: orgB, customerId: orgC, material: 'Pin' })).rejects.toBeInstanceOf(ForbiddenError);
		const e = (await addSupplyLink(db, memberA, { supplierId: orgA, customerId: orgA, material: 'Pin' }).catch((x) => x)) as InvalidError;
		expect(e.issues[0].path).toBe('customerId');
		const links = await listSupplyLinksOf(db, orgA);
		expect(links).toEqual([expect.objectContaining({ direction: 'buys', material: 'Douglas', other: expect.objectContaining({ name: 'Scierie du Ciron' }) })]);
		const data = await supplyChainData(db, { material: 'douglas' });
		expect(data.links).toHaveLength(1);
		expect(data.materials).toContain('Douglas');
		expect(data.organizations.map((o) => o.name).sort()).toEqual(['Ossatures Garonne', 'Scierie du Ciron']);
	});
});

describe('approval of references and supply links', () => {
	const publicTitles = async (org: string) => (await listReferences(db, org, { publicOnly: true })).map((r) => r.title);
	const statusOf = async (org: string, id: string) => (await listReferences(db, org)).find((r) => r.id === id)?.approvalStatus;
	const pendingOf = async (org: string) => (await listPendingShowcases(db, team)).find((p) => p.organizationId === org);
	const byKind = async (kindId: string) => (await searchDirectory(db, parseDirectoryParams(new URLSearchParams({ kind: kindId })))).items.map((i) => i.name).sort();

	it("keeps a member's reference out of pages and search until the team approves it", async () => {
		const kinds = await listReferenceKinds(db);
		const kindId = (await saveReferenceKinds(db, team, [...kinds.map((k) => ({ id: k.id, name: k.name })), { name: 'Ouvrage d’art' }])).find((k) => k.name === 'Ouvrage d’art')!.id;
		await updateShowcaseSettings(db, team, { requireApproval: true });
		try {
			const fields = { title: 'Belvédère en mélèze', kindId, partnerIds: [orgB] };
			const { id, status } = await createReference(db, memberA, orgA, fields);
			expect(status).toBe('pending');
			// Not public: neither on the owner's nor the partner's page, nor in the search text or the kind facet.
			expect(await publicTitles(orgA)).not.toContain('Belvédère en mélèze');
			expect(await publicTitles(orgB)).not.toContain('Belvédère en mélèze');
			expect(await names('belvedere')).toEqual([]);
			expect(await byKind(kindId)).toEqual([]);
			// The member sees it waiting; the team sees it in its list.
			expect(await statusOf(orgA, id)).toBe('pending');
			expect(await pendingOf(orgA)).toMatchObject({ page: false, references: 1, supplyLinks: 0 });
			await expect(approveReference(db, memberA, id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(rejectReference(db, memberA, id)).rejects.toBeInstanceOf(ForbiddenError);

			await approveReference(db, team, id);
			expect(await publicTitles(orgA)).toContain('Belvédère en mélèze');
			expect(await publicTitles(orgB)).toContain('Belvédère en mélèze');
			expect((await names('belvedere')).sort()).toEqual(['Ossatures Garonne', 'Scierie du Ciron']);
			expect(await byKind(kindId)).toEqual(['Ossatures Garonne', 'Scierie du Ciron']);
			expect(await pendingOf(orgA)).toBeUndefined();

			// A member's edit takes the reference out of view until the team approves it again.
			expect(await updateReference(db, memberA, id, { ...fields, title: 'Belvédère et passerelle en mélèze' })).toEqual({ status: 'pending' });
			expect(await publicTitles(orgA)).toEqual(expect.not.arrayContaining([expect.stringContaining('Belvédère')]));
			expect(await names('belvedere')).toEqual([]);

			// Declined: kept for its owner, marked so, still hidden; it cannot be declined twice.
			await rejectReference(db, team, id);
			expect(await statusOf(orgA, id)).toBe('rejected');
			expect(await publicTitles(orgB)).toEqual(expect.not.arrayContaining([expect.stringContaining('Belvédère')]));
			expect(await names('belvedere')).toEqual([]);
			expect(await pendingOf(orgA)).toBeUndefined();
			await expect(rejectReference(db, team, id)).rejects.toBeInstanceOf(ConflictError);
			await expect(approveReference(db, team, 'nope')).rejects.toBeInstanceOf(NotFoundError);

			// Edited again, it goes back to the team; the team's own edit publishes it.
			expect(await updateReference(db, memberA, id, fields)).toEqual({ status: 'pending' });
			expect(await statusOf(orgA, id)).toBe('pending');
			expect(await updateReference(db, team, id, fields)).toEqual({ status: 'published' });
			expect(await publicTitles(orgA)).toContain('Belvédère en mélèze');
			expect((await names('belvedere')).sort()).toEqual(['Ossatures Garonne', 'Scierie du Ciron']);
		} finally {
			await updateShowcaseSettings(db, team, { requireApproval: false });
		}
	});

	it("keeps a member's supply link off the map and pages until the team approves it", async () => {
		await updateShowcaseSettings(db, team, { requireApproval: true });
		try {
			const { id, status } = await addSupplyLink(db, memberA, { supplierId: orgA, customerId: orgC, material: 'Mélèze' });
			expect(status).toBe('pending');
			expect((await supplyChainData(db, { material: 'mélèze' })).links).toEqual([]);
			expect((await supplyChainData(db)).materials).not.toContain('Mélèze');
			expect((await listSupplyLinksOf(db, orgA, { publicOnly: true })).map((l) => l.id)).not.toContain(id);
			expect((await listSupplyLinksOf(db, orgC, { publicOnly: true })).map((l) => l.id)).not.toContain(id);
			// Both members see it waiting; the team's list counts it for the side that declared it.
			expect((await listSupplyLinksOf(db, orgA)).find((l) => l.id === id)?.approvalStatus).toBe('pending');
			expect((await listSupplyLinksOf(db, orgC)).find((l) => l.id === id)?.approvalStatus).toBe('pending');
			expect(await pendingOf(orgA)).toMatchObject({ supplyLinks: 1 });
			expect(await pendingOf(orgC)).toBeUndefined();
			await expect(approveSupplyLink(db, memberA, id)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(rejectSupplyLink(db, memberA, id)).rejects.toBeInstanceOf(ForbiddenError);

			await approveSupplyLink(db, team, id);
			expect((await supplyChainData(db, { material: 'mélèze' })).links).toEqual([{ supplierId: orgA, customerId: orgC, material: 'Mélèze' }]);
			expect((await listSupplyLinksOf(db, orgC, { publicOnly: true })).map((l) => l.id)).toContain(id);
			await expect(approveSupplyLink(db, team, id)).rejects.toBeInstanceOf(ConflictError);

			// Declined: hidden, kept and marked for both members; declaring it again needs deleting it first.
			const declined = (await addSupplyLink(db, memberA, { supplierId: orgC, customerId: orgA, material: 'Chanvre' })).id;
			await rejectSupplyLink(db, team, declined);
			expect((await listSupplyLinksOf(db, orgA)).find((l) => l.id === declined)?.approvalStatus).toBe('rejected');
			expect((await listSupplyLinksOf(db, orgA, { publicOnly: true })).map((l) => l.id)).not.toContain(declined);
			expect((await supplyChainData(db, { material: 'chanvre' })).links).toEqual([]);
			await expect(addSupplyLink(db, memberA, { supplierId: orgC, customerId: orgA, material: 'Chanvre' })).rejects.toBeInstanceOf(ConflictError);
			await removeSupplyLink(db, memberA, declined);
			expect((await addSupplyLink(db, memberA, { supplierId: orgC, customerId: orgA, material: 'Chanvre' })).status).toBe('pending');

			// The team's own links never wait.
			expect((await addSupplyLink(db, team, { supplierId: orgB, customerId: orgC, material: 'Pin maritime' })).status).toBe('published');
			expect((await supplyChainData(db, { material: 'pin maritime' })).links).toHaveLength(1);
		} finally {
			await updateShowcaseSettings(db, team, { requireApproval: false });
		}
	});
});

describe('introductions', () => {
	const base = { locale: 'fr' as const, baseUrl: 'https://grappe.test' };
	const raw = { name: 'Paul Mercier', email: 'paul@promoteur.fr', company: 'Promoteur SA', message: 'Bonjour, nous cherchons un constructeur bois pour 12 logements.' };

	it('mails the company, replies to the sender, and counts the introduction', async () => {
		const before = (await introductionStats(db, team)).total;
		expect(await sendIntroduction(db, { ...base, slug: slugA, raw, clientKey: '10.0.0.1' })).toBe('sent');
		const mails = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
		const mail = mails.map((j) => j.payload as Record<string, string>).find((p) => p.replyTo === 'paul@promoteur.fr');
		expect(mail).toMatchObject({ to: 'contact@ossatures-garonne.fr' });
		expect(mail!.text).toContain('12 logements');
		const stats = await introductionStats(db, team);
		expect(stats.total).toBe(before + 1);
		expect(stats.byOrganization.find((o) => o.id === orgA)?.count).toBe(1);
		// A member sees its own introductions, not the others'.
		expect((await introductionStats(db, memberA, { organizationId: orgA })).recent[0].senderName).toBe('Paul Mercier');
		await expect(introductionStats(db, memberA)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('writes to consenting contacts when the company has no address', async () => {
		const slugB = (await getShowcaseForEdit(db, team, orgB)).slug;
		await sendIntroduction(db, { ...base, slug: slugB, raw, clientKey: '10.0.0.2' });
		const [row] = await queryRows<{ to: string }>(db, sql`select payload->>'to' as "to" from jobs where kind = ${MAIL_JOB} order by created_at desc limit 1`);
		expect(row.to).toMatch(/^contact\..*@exemple\.fr$/);
	});

	it('drops bots silently and limits a sender', async () => {
		const count = async () => (await introductionStats(db, team)).total;
		const before = await count();
		expect(await sendIntroduction(db, { ...base, slug: slugA, raw, trap: 'http://spam', clientKey: '10.0.0.3' })).toBe('dropped');
		expect(await sendIntroduction(db, { ...base, slug: slugA, raw, shownAt: Date.now(), clientKey: '10.0.0.3' })).toBe('dropped');
		expect(await count()).toBe(before);
		const e = (await sendIntroduction(db, { ...base, slug: slugA, raw: { ...raw, message: 'court' }, clientKey: '10.0.0.3' }).catch((x) => x)) as InvalidError;
		expect(e.issues[0]).toMatchObject({ path: 'message', message: 'error_message_short' });
		for (let i = 0; i < 5; i++) await sendIntroduction(db, { ...base, slug: slugA, raw, clientKey: '10.0.0.9' });
		await expect(sendIntroduction(db, { ...base, slug: slugA, raw, clientKey: '10.0.0.9' })).rejects.toBeInstanceOf(ConflictError);
		await expect(sendIntroduction(db, { ...base, slug: 'nobody', raw, clientKey: '10.0.0.4' })).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('vCard and JSON-LD', () => {
	it('escapes vCard text and folds long lines', () => {
		expect(escapeVCardText('Bois, Fer; Cie\\\nSuite')).toBe('Bois\\, Fer\\; Cie\\\\\\nSuite');
		const folded = foldLine('NOTE:' + 'é'.repeat(80));
		expect(folded.split('\r\n ').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe('NOTE:' + 'é'.repeat(80));
	});

	it('describes the page as a vCard and as a schema.org Organization', async () => {
		const page = await getPublicShowcase(db, slugA);
		const card = showcaseVCard(page, 'https://grappe.test');
		expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
		expect(card).toContain('FN:Ossatures Garonne\r\n');
		expect(card).toContain(`SOURCE:https://grappe.test/members/${slugA}/vcard`);
		const doc = organizationJsonLd({ ...page, name: 'A </script><script>alert(1)</script>' }, 'https://grappe.test', { name: 'Cluster', website: null });
		expect(doc).toMatchObject({ '@type': 'Organization', url: `https://grappe.test/members/${slugA}`, address: { addressCountry: 'FR' } });
		expect(jsonLdScript(doc)).not.toContain('</script>');
		expect(JSON.parse(jsonLdScript(doc)).name).toBe('A </script><script>alert(1)</script>');
	});

	it('turns hosted video links into embeds and refuses the rest', () => {
		expect(videoEmbedUrl('https://www.youtube.com/watch?v=abcdefghijk')).toBe('https://www.youtube-nocookie.com/embed/abcdefghijk');
		expect(videoEmbedUrl('https://vimeo.com/123456789')).toBe('https://player.vimeo.com/video/123456789');
		expect(videoEmbedUrl('https://www.dailymotion.com/video/x8abcd1')).toBe('https://www.dailymotion.com/embed/video/x8abcd1');
		expect(videoEmbedUrl('javascript:alert(1)')).toBeNull();
		expect(videoEmbedUrl('https://evil.example/watch?v=abcdefghijk')).toBeNull();
	});
});
