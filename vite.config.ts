import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit()
	],
	ssr: {
		// Native/wasm packages and big JSON data are loaded from node_modules at run time.
		external: ['@electric-sql/pglite', 'pg', 'exceljs', '@etalab/decoupage-administratif', '@socialgouv/codes-naf', 'nodemailer']
	}
});
