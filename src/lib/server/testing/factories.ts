// Test factories: one line builds a valid entity through its service; tests override only what matters to them.
import type { Db } from '../db/client';
import { cliActor, type Actor } from '../auth/actor';
import { createUser, type User } from '../auth/users';
import { createMembership, createOrganization, createPerson, type Membership, type Organization, type Person } from '../crm/service';

let sequence = 0;
const next = () => ++sequence;

/** The Luhn check digit that makes `body + digit` valid. */
export function luhnCheckDigit(body: string): string {
	let sum = 0;
	// Digits of `body` sit one place further left once the check digit is appended.
	for (let i = 0; i < body.length; i++) {
		let d = Number(body[body.length - 1 - i]);
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return String((10 - (sum % 10)) % 10);
}

/** A valid SIREN, different for each seed (never La Poste's). */
export function validSiren(seed = next()): string {
	const body = String(40_000_000 + seed).padStart(8, '0').slice(-8);
	return body + luhnCheckDigit(body);
}

/** A valid SIRET (SIREN + NIC + Luhn key), different for each seed. */
export function validSiret(seed = next(), establishment = 1): string {
	const body = validSiren(seed) + String(establishment).padStart(4, '0');
	return body + luhnCheckDigit(body);
}

/** Real postal codes whose single commune is known, so addresses resolve without a commune name. */
export const PLACES = [
	{ postalCode: '33000', communeName: 'Bordeaux', departementCode: '33', regionCode: '75' },
	{ postalCode: '64100', communeName: 'Bayonne', departementCode: '64', regionCode: '75' },
	{ postalCode: '87000', communeName: 'Limoges', departementCode: '87', regionCode: '75' }
] as const;

/** Who the factories act as: the command line (an admin without a user row). */
export const factoryActor: Actor = cliActor;

export function actorFor(user: User): Actor {
	return { id: user.id, role: user.role as Actor['role'], organizationId: user.organizationId, label: user.name };
}

export async function makeOrganization(db: Db, overrides: Record<string, unknown> = {}): Promise<Organization> {
	const n = next();
	const place = PLACES[n % PLACES.length];
	return createOrganization(db, factoryActor, {
		name: `Atelier Test ${n}`,
		siret: validSiret(n),
		postalCode: place.postalCode,
		sizeBand: '1_9',
		...overrides
	});
}

export async function makePerson(db: Db, organizationId: string, overrides: Record<string, unknown> = {}): Promise<Person> {
	const n = next();
	return createPerson(db, factoryActor, organizationId, { firstName: 'Camille', lastName: `Durand ${n}`, email: `camille.${n}@exemple.fr`, ...overrides });
}

export async function makeMembership(db: Db, organizationId: string, overrides: Record<string, unknown> = {}): Promise<Membership> {
	return createMembership(db, factoryActor, organizationId, { year: new Date().getFullYear(), amount: '450', ...overrides });
}

/** A team user and the actor it signs in as. */
export async function makeTeamUser(db: Db, overrides: Record<string, unknown> = {}): Promise<{ user: User; actor: Actor }> {
	const n = next();
	const user = await createUser(db, { email: `equipe.${n}@grappe.test`, name: `Claire Martin ${n}`, role: 'team', ...overrides });
	return { user, actor: actorFor(user) };
}

/** A member company's user (role member, or partner through overrides) and its actor. */
export async function makeMemberUser(db: Db, organizationId: string, overrides: Record<string, unknown> = {}): Promise<{ user: User; actor: Actor }> {
	const n = next();
	const user = await createUser(db, { email: `adherent.${n}@exemple.fr`, name: `Louis Bernard ${n}`, role: 'member', organizationId, ...overrides });
	return { user, actor: actorFor(user) };
}
