// Browser tests import the SFC compiled by test/helpers/framework-bundles.mjs; tsc only needs its shape.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>>;
  export default component;
}
