import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// GRAPPE_BUILD_DIR (a folder inside the repository, e.g. .builds/a) lets several builds of the same
// tree live side by side: the app in <dir>/build, SvelteKit's work in <dir>/.svelte-kit; the tests
// then run the build it names.
const buildDir = process.env.GRAPPE_BUILD_DIR;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: buildDir ? `${buildDir}/build` : 'build', precompress: false }),
		...(buildDir ? { outDir: `${buildDir}/.svelte-kit` } : {}),
		// The cross-site form check is hooks.server.ts's (the same rule, with one exemption: a mail
		// provider's RFC 8058 one-click unsubscribe, which posts without an Origin header).
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
