import type { SessionUser } from '$lib/server/auth/guards';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			locale: 'fr' | 'en';
		}
		interface Error {
			message: string;
		}
	}
}

export {};
