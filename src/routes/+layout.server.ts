import type { LayoutServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { getClusterSettings } from '$lib/server/settings/service';

/** Black or white text, whichever reads better on the cluster's colour (WCAG contrast). */
function contrastText(hex: string): string {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#111827';
}

export const load: LayoutServerLoad = async ({ locals }) => {
	const app = await getApp();
	const cluster = await getClusterSettings(app.database.db);
	return {
		user: locals.user,
		locale: locals.locale,
		cluster: { ...cluster, primaryContrast: contrastText(cluster.primaryColor) }
	};
};
