// Accounts, invitations, API tokens and the sign-in rate limit on a real engine.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { verifyPassword } from 'better-auth/crypto';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { accounts, apiTokens, users } from './schema';
import type { Actor } from './actor';
import { actorFromApiToken, createApiToken, createUser, inviteUser, listApiTokens, revokeApiToken, setPassword, updateUser } from './users';
import { clearRateLimit, hitRateLimit } from './rate-limit';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { makeOrganization, makeTeamUser } from '../testing/factories';

async function rejection(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (e) {
		return e;
	}
	throw new Error('expected a rejection');
}
const issuesOf = async (p: Promise<unknown>) => {
	const e = await rejection(p);
	expect(e).toBeInstanceOf(InvalidError);
	return (e as InvalidError).issues;
};

let database: Database;
let db: Db;
let admin: Actor;
let team: Actor;
let orgId: string;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	admin = (await makeTeamUser(db, { role: 'admin', name: 'Admin Grappe' })).actor;
	team = (await makeTeamUser(db)).actor;
	orgId = (await makeOrganization(db)).id;
});
afterAll(async () => {
	await database?.close();
});

const credentialOf = async (userId: string) => (await db.select().from(accounts).where(eq(accounts.userId, userId)))[0];

describe('createUser', () => {
	it('stores a hash of the password, never the password, and marks the email verified', async () => {
		const password = 'correct horse battery';
		const u = await createUser(db, { email: 'Claire.Martin@Exemple.FR', name: 'Claire Martin', role: 'team', password });
		expect(u).toMatchObject({ email: 'claire.martin@exemple.fr', role: 'team', emailVerified: true, locale: 'fr', organizationId: null });
		const account = await credentialOf(u.id);
		expect(account).toMatchObject({ providerId: 'credential', accountId: u.id });
		expect(account.password).toBeTruthy();
		expect(account.password).not.toContain(password);
		expect(await verifyPassword({ hash: account.password!, password })).toBe(true);
		expect(await verifyPassword({ hash: account.password!, password: 'wrong horse battery' })).toBe(false);
	});

	it('makes an account without a password when none is given', async () => {
		const u = await createUser(db, { email: 'sans.mdp@exemple.fr', name: 'Sans Mot', role: 'team' });
		expect(u.emailVerified).toBe(false);
		expect(await credentialOf(u.id)).toBeUndefined();
	});

	it('refuses an email already used, whatever its case, naming the field', async () => {
		await createUser(db, { email: 'doublon@exemple.fr', name: 'Premier', role: 'team' });
		const e = await rejection(createUser(db, { email: 'DOUBLON@exemple.fr', name: 'Second', role: 'team' }));
		expect(e).toBeInstanceOf(ConflictError);
		expect(e).toMatchObject({ messageKey: 'error_email_taken', path: 'email', params: { email: 'doublon@exemple.fr' } });
	});

	it('needs an existing organization for member and partner accounts, and keeps none for the team', async () => {
		expect(await issuesOf(createUser(db, { email: 'm1@exemple.fr', name: 'M', role: 'member' }))).toEqual([{ path: 'organizationId', message: 'error_required' }]);
		expect(await issuesOf(createUser(db, { email: 'p1@exemple.fr', name: 'P', role: 'partner', organizationId: 'nope' }))).toEqual([
			{ path: 'organizationId', message: 'error_invalid_choice' }
		]);
		await expect(createUser(db, { email: 'm2@exemple.fr', name: 'M', role: 'member', organizationId: orgId })).resolves.toMatchObject({ organizationId: orgId });
		await expect(createUser(db, { email: 't2@exemple.fr', name: 'T', role: 'team', organizationId: orgId })).resolves.toMatchObject({ organizationId: null });
	});

	it('names each bad field', async () => {
		expect(await issuesOf(createUser(db, { email: 'pas-un-email', name: '', role: 'boss', password: 'court' }))).toEqual([
			{ path: 'email', message: 'error_email' },
			{ path: 'name', message: 'error_required' },
			{ path: 'role', message: 'error_invalid_choice' },
			{ path: 'password', message: 'error_password_short' }
		]);
	});
});

describe('setPassword', () => {
	it('gives a password to an account that had none, then replaces it', async () => {
		const u = await createUser(db, { email: 'invitee@exemple.fr', name: 'Invitée', role: 'team' });
		await setPassword(db, 'INVITEE@exemple.fr', 'premier mot de passe');
		const first = await credentialOf(u.id);
		expect(await verifyPassword({ hash: first.password!, password: 'premier mot de passe' })).toBe(true);
		expect((await db.select().from(users).where(eq(users.id, u.id)))[0].emailVerified).toBe(true);

		await setPassword(db, 'invitee@exemple.fr', 'second mot de passe');
		const rows = await db.select().from(accounts).where(eq(accounts.userId, u.id));
		expect(rows).toHaveLength(1);
		expect(await verifyPassword({ hash: rows[0].password!, password: 'second mot de passe' })).toBe(true);
		expect(await verifyPassword({ hash: rows[0].password!, password: 'premier mot de passe' })).toBe(false);
	});

	it('refuses a short password and an unknown email', async () => {
		expect(await issuesOf(setPassword(db, 'invitee@exemple.fr', 'court'))).toEqual([{ path: 'password', message: 'error_password_short' }]);
		expect(await rejection(setPassword(db, 'personne@exemple.fr', 'assez long mot de passe'))).toBeInstanceOf(NotFoundError);
	});
});

describe('inviteUser and updateUser', () => {
	it('lets an admin invite someone, who gets a link and no password yet', async () => {
		const sent: string[] = [];
		const u = await inviteUser(db, admin, { email: 'Nouvelle@Exemple.fr', name: 'Nouvelle', role: 'member', organizationId: orgId, password: 'ignoré ignoré' }, async (email) => {
			sent.push(email);
		});
		expect(sent).toEqual(['nouvelle@exemple.fr']);
		expect(u).toMatchObject({ role: 'member', organizationId: orgId, emailVerified: false });
		expect(await credentialOf(u.id)).toBeUndefined();
	});

	it('refuses invitations from the team, and sends nothing for a refused one', async () => {
		const sent: string[] = [];
		const send = async (email: string) => void sent.push(email);
		expect(await rejection(inviteUser(db, team, { email: 'x@exemple.fr', name: 'X', role: 'team' }, send))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(inviteUser(db, admin, { email: 'nouvelle@exemple.fr', name: 'Encore', role: 'team' }, send))).toBeInstanceOf(ConflictError);
		expect(sent).toEqual([]);
	});

	it('changes a role, dropping the organization when the account joins the team', async () => {
		const u = await createUser(db, { email: 'evolue@exemple.fr', name: 'Évolue', role: 'member', organizationId: orgId });
		expect(await updateUser(db, admin, u.id, { role: 'team' })).toMatchObject({ role: 'team', organizationId: null });
		expect(await issuesOf(updateUser(db, admin, u.id, { role: 'partner' }))).toEqual([{ path: 'organizationId', message: 'error_required' }]);
		expect(await updateUser(db, admin, u.id, { role: 'partner', organizationId: orgId, name: 'Partenaire' })).toMatchObject({ role: 'partner', organizationId: orgId, name: 'Partenaire' });
	});

	it('keeps an admin from demoting themself, and the team from changing roles', async () => {
		expect(await issuesOf(updateUser(db, admin, admin.id!, { role: 'team' }))).toEqual([{ path: 'role', message: 'error_cannot_demote_self' }]);
		expect(await rejection(updateUser(db, team, team.id!, { role: 'admin' }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(updateUser(db, admin, 'nope', { role: 'team' }))).toBeInstanceOf(NotFoundError);
	});
});

describe('API tokens', () => {
	it('returns the token once in clear and stores only its hash', async () => {
		const { id, token } = await createApiToken(db, { name: 'ERP', role: 'team' });
		expect(token).toMatch(/^grp_[A-Za-z0-9_-]{32}$/);
		const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
		expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
		expect(row.prefix).toBe(token.slice(0, 8));
		expect(JSON.stringify(row)).not.toContain(token);
		const listed = (await listApiTokens(db, admin)).find((t) => t.id === id)!;
		expect(listed).not.toHaveProperty('tokenHash');
		expect(listed).toMatchObject({ name: 'ERP', role: 'team', prefix: token.slice(0, 8) });
		const again = await createApiToken(db, { name: 'ERP', role: 'team' });
		expect(again.token).not.toBe(token);
	});

	it('turns a valid token into an actor and notes when it was used', async () => {
		const { id, token } = await createApiToken(db, { name: 'Site web', role: 'admin' });
		expect(await actorFromApiToken(db, token)).toEqual({ id: null, role: 'admin', organizationId: null, label: 'API: Site web' });
		const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
		expect(row.lastUsedAt).toBeInstanceOf(Date);
	});

	it('refuses unknown, malformed and revoked tokens', async () => {
		const { id, token } = await createApiToken(db, { name: 'Ancien', role: 'team' });
		expect(await actorFromApiToken(db, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
		expect(await actorFromApiToken(db, token.slice(4))).toBeNull();
		expect(await actorFromApiToken(db, '')).toBeNull();
		expect(await rejection(revokeApiToken(db, team, id))).toBeInstanceOf(ForbiddenError);
		expect(await actorFromApiToken(db, token)).not.toBeNull();
		await revokeApiToken(db, admin, id);
		expect(await actorFromApiToken(db, token)).toBeNull();
		expect(await rejection(revokeApiToken(db, admin, 'nope'))).toBeInstanceOf(NotFoundError);
	});

	it('refuses tokens for member and partner roles', async () => {
		expect(await issuesOf(createApiToken(db, { name: 'Adhérent', role: 'member' }))).toEqual([{ path: 'role', message: 'error_token_role' }]);
		expect(await issuesOf(createApiToken(db, { name: 'Partenaire', role: 'partner' }))).toEqual([{ path: 'role', message: 'error_token_role' }]);
		expect(await issuesOf(createApiToken(db, { name: '', role: 'root' }))).toEqual([
			{ path: 'name', message: 'error_required' },
			{ path: 'role', message: 'error_invalid_choice' }
		]);
	});
});

describe('hitRateLimit', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('allows max attempts within the window, refuses the next, and counts keys apart', async () => {
		const key = 'sign-in:claire@exemple.fr';
		expect(await hitRateLimit(db, key, 3, 60)).toBe(true);
		expect(await hitRateLimit(db, key, 3, 60)).toBe(true);
		expect(await hitRateLimit(db, key, 3, 60)).toBe(true);
		expect(await hitRateLimit(db, key, 3, 60)).toBe(false);
		expect(await hitRateLimit(db, key, 3, 60)).toBe(false);
		expect(await hitRateLimit(db, 'sign-in:paul@exemple.fr', 3, 60)).toBe(true);
	});

	it('starts a new count once the window has passed', async () => {
		const key = 'sign-in:window@exemple.fr';
		const t0 = Date.now();
		const at = (ms: number) => vi.spyOn(Date, 'now').mockReturnValue(t0 + ms);
		at(0);
		expect(await hitRateLimit(db, key, 2, 60)).toBe(true);
		at(10_000);
		expect(await hitRateLimit(db, key, 2, 60)).toBe(true);
		at(59_000);
		expect(await hitRateLimit(db, key, 2, 60)).toBe(false);
		// The window runs from the first attempt: 61 s later a new one starts.
		at(61_000);
		expect(await hitRateLimit(db, key, 2, 60)).toBe(true);
		at(62_000);
		expect(await hitRateLimit(db, key, 2, 60)).toBe(true);
		at(63_000);
		expect(await hitRateLimit(db, key, 2, 60)).toBe(false);
	});

	it('forgets a key once cleared', async () => {
		const key = 'sign-in:cleared@exemple.fr';
		expect(await hitRateLimit(db, key, 1, 60)).toBe(true);
		expect(await hitRateLimit(db, key, 1, 60)).toBe(false);
		await clearRateLimit(db, key);
		expect(await hitRateLimit(db, key, 1, 60)).toBe(true);
	});
});
