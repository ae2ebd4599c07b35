// The few typed errors every domain throws; src/lib/server/http.ts and the CLI map them for users.

/** One problem with one field of an input; `message` is an i18n key, `row` set for imports. */
export interface FieldIssue {
	path: string;
	message: string;
	params?: Record<string, string | number>;
	row?: number;
}

export class DomainError extends Error {}

export class NotFoundError extends DomainError {
	constructor(public entity: string, public id?: string) {
		super(`${entity} not found${id ? `: ${id}` : ''}`);
		this.name = 'NotFoundError';
	}
}

export class ForbiddenError extends DomainError {
	constructor(message = 'forbidden') {
		super(message);
		this.name = 'ForbiddenError';
	}
}

export class InvalidError extends DomainError {
	constructor(public issues: FieldIssue[]) {
		super('invalid input: ' + issues.map((i) => `${i.row ? `row ${i.row} ` : ''}${i.path}: ${i.message}`).join('; '));
		this.name = 'InvalidError';
	}
}

export class ConflictError extends DomainError {
	constructor(public messageKey: string, public params: Record<string, string | number> = {}, public path?: string) {
		super(`conflict: ${messageKey}`);
		this.name = 'ConflictError';
	}
}
