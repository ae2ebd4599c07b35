// Who is acting: a signed-in user, an API token or the command line. Services authorise against it.
import { ForbiddenError } from '../errors';

export const ROLES = ['admin', 'team', 'member', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
	/** The user id, or null for a token or the CLI. */
	id: string | null;
	role: Role;
	/** For member and partner roles: their own organization. */
	organizationId?: string | null;
	/** What history shows: a person's name, "API: <token name>", "CLI". */
	label: string;
}

export const cliActor: Actor = { id: null, role: 'admin', label: 'CLI' };

export function isStaff(actor: Actor | null | undefined): boolean {
	return !!actor && (actor.role === 'admin' || actor.role === 'team');
}

export function requireStaff(actor: Actor | null | undefined): asserts actor is Actor {
	if (!isStaff(actor)) throw new ForbiddenError();
}

export function requireAdmin(actor: Actor | null | undefined): asserts actor is Actor {
	if (!actor || actor.role !== 'admin') throw new ForbiddenError();
}

/** Staff read everything; members and partners read their own organization only. */
export function canReadOrganization(actor: Actor | null | undefined, organizationId: string): boolean {
	if (!actor) return false;
	if (isStaff(actor)) return true;
	return !!actor.organizationId && actor.organizationId === organizationId;
}

/** Staff edit every organization; a member edits its own; partners are read-only. */
export function canEditOrganization(actor: Actor | null | undefined, organizationId: string): boolean {
	if (!actor) return false;
	if (isStaff(actor)) return true;
	return actor.role === 'member' && !!actor.organizationId && actor.organizationId === organizationId;
}
