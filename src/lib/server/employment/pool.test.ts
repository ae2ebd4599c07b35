// The spontaneous applications pool on a real engine: the public form's checks, who browses it and
// downloads CVs (members and the team, not partners), filters, withdrawal by the secret link, retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { createFsStorage, type FileStorage } from '../files/storage';
import { spontaneousApplications } from './schema';
import { joinPool, listPool, poolCv, poolEntryByToken, withdrawFromPool, withdrawToken } from './pool';
import { purgeExpiredPersonalData } from './retention';

let database: Database;
let db: Db;
let storage: FileStorage;
let dir: string;
let team: Actor;
let member: Actor;
let partner: Actor;
const ctx = { baseUrl: 'https://grappe.example', locale: 'fr' as const };
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

function entry(overrides: Record<string, unknown> = {}) {
	return { kind: 'apprenticeship', name: 'Nina Lopez', email: 'nina@exemple.fr', tradeIds: ['trade-ebeniste'], commune: 'Dax', availableFrom: '2027-09-01', message: 'Je cherche un contrat en CAP ébéniste.', consent: 'on', ...overrides };
}

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	dir = mkdtempSync(join(tmpdir(), 'grappe-pool-'));
	storage = createFsStorage(dir);
	await db.execute(sql`insert into trades (id, position, name, slug) values ('trade-ebeniste', 1, 'Ébéniste', 'ebeniste'), ('trade-couvreur', 2, 'Couvreur / couvreuse', 'couvreur') on conflict do nothing`);
	team = (await makeTeamUser(db)).actor;
	const org = await makeOrganization(db, { name: 'Ébénisterie du Marsan', status: 'member' });
	member = (await makeMemberUser(db, org.id)).actor;
	partner = (await makeMemberUser(db, org.id, { role: 'partner' })).actor;
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the pool', () => {
	let id: string;

	it('names each wrong field of the public form', async () => {
		const e = await joinPool(db, storage, entry({ kind: 'cdi', consent: '', commune: 'Nullepart-sur-Mer', tradeIds: ['trade-inconnu'] }), { name: 'cv.pdf', data: Buffer.from('MZ\x90\x00') }, ctx).catch((x) => x);
		expect(e).toBeInstanceOf(InvalidError);
		expect((e as InvalidError).issues.map((i) => i.path).sort()).toEqual(['consent', 'cv', 'kind']);
		const e2 = await joinPool(db, storage, entry({ commune: 'Nullepart-sur-Mer', tradeIds: ['trade-inconnu'] }), null, ctx).catch((x) => x);
		expect((e2 as InvalidError).issues.map((i) => i.path).sort()).toEqual(['commune', 'tradeIds']);
		expect(await db.select().from(spontaneousApplications)).toHaveLength(0);
	});

	it('keeps an entry with its CV for the retention period and mails the withdrawal link', async () => {
		id = (await joinPool(db, storage, entry(), { name: 'cv-nina.pdf', data: PDF }, ctx)).id;
		await joinPool(db, storage, entry({ kind: 'job', name: 'Marc Petit', email: 'marc@exemple.fr', tradeIds: ['trade-couvreur'], commune: 'Pau' }), null, ctx);
		const [ack] = (await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB))).map((j) => j.payload as unknown as MailMessage).filter((m) => m.to === 'nina@exemple.fr');
		expect(ack.text).toContain(`https://grappe.example/jobs/pool/withdraw/${await withdrawToken(db, id)}`);
		expect(ack.text).toContain('180 jours');
	});

	it('is browsed by members and the team with filters, never by partners or visitors', async () => {
		expect((await listPool(db, member)).map((p) => p.name).sort()).toEqual(['Marc Petit', 'Nina Lopez']);
		expect((await listPool(db, team, { kind: 'apprenticeship' })).map((p) => p.name)).toEqual(['Nina Lopez']);
		expect((await listPool(db, team, { trade: 'trade-couvreur' })).map((p) => p.name)).toEqual(['Marc Petit']);
		expect((await listPool(db, member, { dep: '40' })).map((p) => [p.name, p.communeName, p.trades[0].name])).toEqual([['Nina Lopez', 'Dax', 'Ébéniste']]);
		await expect(listPool(db, partner)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(poolCv(db, storage, partner, id)).rejects.toBeInstanceOf(ForbiddenError);
		expect((await poolCv(db, storage, member, id)).data.equals(PDF)).toBe(true);
	});

	it('lets the candidate withdraw with the secret link only, deleting the CV', async () => {
		const token = await withdrawToken(db, id);
		await expect(poolEntryByToken(db, `${id}.forged`)).rejects.toBeInstanceOf(NotFoundError);
		await expect(withdrawFromPool(db, storage, `${id}.${'x'.repeat(32)}`)).rejects.toBeInstanceOf(NotFoundError);
		expect((await poolEntryByToken(db, token)).name).toBe('Nina Lopez');
		const [row] = await db.select().from(spontaneousApplications).where(eq(spontaneousApplications.id, id));
		const key = row.cvFileKey!;
		expect(existsSync(join(dir, key.slice(0, 2), key))).toBe(true);
		await withdrawFromPool(db, storage, token);
		expect(existsSync(join(dir, key.slice(0, 2), key))).toBe(false);
		expect((await listPool(db, team)).map((p) => p.name)).toEqual(['Marc Petit']);
		await expect(withdrawFromPool(db, storage, token)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('loses entries past their date to the retention job', async () => {
		await db.update(spontaneousApplications).set({ deleteAfter: new Date(Date.now() - 1000) });
		expect(await purgeExpiredPersonalData(db, storage)).toMatchObject({ pool: 1, files: 0 });
		expect(await listPool(db, team)).toEqual([]);
	});
});
