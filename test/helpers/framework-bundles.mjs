// A web-test-runner plugin that serves React 19 and Vue 3 to browser tests as ES modules,
// bundled on first request with esbuild from this project's own node_modules (React ships
// CommonJS only; Vue's browser build needs its compile-time flags). A test imports `react`,
// `react-dom/client` or `vue` as usual, and Vue single-file components from
// test/frameworks/*.vue, compiled the way @vitejs/plugin-vue compiles them (vue/compiler-sfc,
// with `isCustomElement` for the live-chat tags). Nothing is fetched from the network.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { build } from 'esbuild';

const PREFIX = '/__frameworks__/';
const SFC_DIR = resolve('test/frameworks');

/** What docs/frameworks.md tells Vue users to set. */
export const isCustomElement = (tag) => tag.startsWith('live-chat');

/** An esbuild plugin that compiles .vue files with vue/compiler-sfc (script setup, template inlined). */
const vueSfc = {
  name: 'vue-sfc',
  setup(b) {
    b.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { compileScript, parse } = await import('vue/compiler-sfc'); // large: only when a test needs it
      // As @vitejs/plugin-vue does: the template is parsed here already, so the parser needs the option too.
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length) throw errors[0];
      const script = compileScript(descriptor, {
        id: basename(path),
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: SFC_DIR };
    });
  },
};

/** Bundles: one copy of each framework, with the components that must share it. */
const ENTRIES = {
  // Only what the tests use: esbuild can re-export named bindings from CommonJS, not `export *`.
  react: `export { createElement, StrictMode, useState, useEffect, useRef, version } from 'react';
export { createRoot } from 'react-dom/client';`,
  vue: `export { createApp, ref, nextTick, version } from 'vue';
export { default as Support } from './Support.vue';`,
};

/** Bare or relative specifier → module served under PREFIX. */
const SPECIFIERS = { react: 'react.js', 'react-dom/client': 'react.js', vue: 'vue.js', './Support.vue': 'vue-support.js' };
const REEXPORTS = { 'vue-support.js': `export { Support as default } from '${PREFIX}vue.js';` };

export function frameworkBundles() {
  /** @type {Map<string, Promise<string>>} */
  const cache = new Map();
  const bundle = (name) => {
    if (!cache.has(name)) {
      cache.set(
        name,
        build({
          stdin: { contents: ENTRIES[name], resolveDir: SFC_DIR, loader: 'js' },
          bundle: true,
          write: false,
          format: 'esm',
          target: 'es2022',
          logLevel: 'silent',
          plugins: [vueSfc],
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
    resolveImport({ source, context }) {
      const target = SPECIFIERS[source];
      if (!target) return undefined;
      if (source.startsWith('.') && !context.path.startsWith('/test/frameworks/')) return undefined;
      return `${PREFIX}${target}`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const file = context.path.slice(PREFIX.length);
      if (REEXPORTS[file]) return { body: REEXPORTS[file], type: 'js' };
      const name = file.replace(/\.js$/, '');
      if (!(name in ENTRIES)) return undefined;
      return { body: await bundle(name), type: 'js' };
    },
  };
}
