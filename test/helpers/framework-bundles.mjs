// A web-test-runner plugin that serves React 19 and Vue 3 to browser tests as ES modules,
// bundled on first request with esbuild from this project's own node_modules (React ships
// CommonJS only, and Vue's browser build needs its compile-time flags). A test imports
// `react`, `react-dom/client` or `vue` as usual; the import is rewritten to the bundle.
// Nothing is fetched from the network.
import { build } from 'esbuild';

const PREFIX = '/__frameworks__/';

/** Bare specifier → bundle name; the names of one bundle share one copy of the framework. */
const SPECIFIERS = { react: 'react', 'react-dom/client': 'react', vue: 'vue' };

const ENTRIES = {
  // Only what the tests use: esbuild can re-export named bindings from CommonJS, not `export *`.
  react: `export { createElement, StrictMode, useState, useEffect, useRef, version } from 'react';
export { createRoot } from 'react-dom/client';`,
  // The full build (with the template compiler), so tests can use `compilerOptions.isCustomElement`.
  vue: `export { createApp, defineComponent, ref, nextTick, version } from 'vue/dist/vue.esm-bundler.js';`,
};

export function frameworkBundles() {
  /** @type {Map<string, Promise<string>>} */
  const cache = new Map();
  const bundle = (name) => {
    if (!cache.has(name)) {
      cache.set(
        name,
        build({
          stdin: { contents: ENTRIES[name], resolveDir: process.cwd(), loader: 'js' },
          bundle: true,
          write: false,
          format: 'esm',
          target: 'es2022',
          logLevel: 'silent',
          define: {
            'process.env.NODE_ENV': '"development"',
            __VUE_OPTIONS_API__: 'true',
            __VUE_PROD_DEVTOOLS__: 'false',
            __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
          },
        }).then((r) => r.outputFiles[0].text),
      );
    }
    return cache.get(name);
  };
  return {
    name: 'live-chat-framework-bundles',
    resolveImport({ source }) {
      const name = SPECIFIERS[source];
      return name ? `${PREFIX}${name}.js` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length).replace(/\.js$/, '');
      if (!(name in ENTRIES)) return undefined;
      return { body: await bundle(name), type: 'js' };
    },
  };
}
