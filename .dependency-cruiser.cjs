/**
 * Which folder may import which: the layers of the code, checked by `npm run lint:imports` (and in CI).
 *
 *   entry points   src/app, collections/, jobs/, scripts/, src/cli/, src/admin/, src/payload.config.ts, src/seed/
 *        ↓
 *   src/inbound/   the callback's journal, queue and worker; hands each message to the services
 *        ↓
 *   src/services/  the domain: content, review, push, accounts, inbox, menu, binding, auto-reply, …
 *        ↓
 *   src/wechat/    the WeChat adapter: crypto, XML, the API client, the article converter, the callback transport
 *        ↓
 *   src/shared/, src/config/, src/http/, src/access/, src/payload-types.ts   shared utilities
 *
 * src/dev/ (the emulator, the demo account) is a development tool: only scripts, the demo seed and
 * tests import it. Folder-level cycles are refused by scripts/check-imports.mjs on top of these rules.
 */
const ENTRY = '^(src/(app|cli|admin|seed)|collections|jobs|scripts)/|^src/(payload\\.config|proxy)\\.ts$'
const SHARED = '^src/(shared|config|http|access)/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other in a loop.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'wechat-is-an-adapter',
      severity: 'error',
      comment: 'The WeChat layer talks to WeChat; it imports no domain code (the callback hands messages to a dispatcher the domain registers: CallbackDeps).',
      from: { path: '^src/wechat/' },
      to: { path: `^src/(services|inbound|dev)/|${ENTRY}` },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      comment: 'Shared utilities know nothing of the domain, WeChat or entry points.',
      from: { path: SHARED },
      to: { path: `^src/(services|inbound|wechat|dev)/|${ENTRY}` },
    },
    {
      name: 'services-below-entry-points',
      severity: 'error',
      comment: 'Domain services are called by entry points and the inbound worker, never the reverse.',
      from: { path: '^src/services/' },
      to: { path: `^src/(inbound|dev)/|${ENTRY}` },
    },
    {
      name: 'inbound-below-entry-points',
      severity: 'error',
      from: { path: '^src/inbound/' },
      to: { path: `^src/dev/|${ENTRY}` },
    },
    {
      name: 'dev-tools-stay-out-of-production',
      severity: 'error',
      comment: 'The emulator and the demo account are imported only by scripts, the demo seed and tests.',
      from: { pathNot: '^(scripts|tests|bench|src/seed|src/dev)/' },
      to: { path: '^src/dev/' },
    },
    {
      name: 'config-stays-light',
      severity: 'error',
      comment: 'Loading the Payload config (the admin, every API request) must not pull in the callback runtime or the emulator.',
      from: { path: '^src/payload\\.config\\.ts$' },
      // callback/types.ts holds only types (erased when built): the services' reply shapes come from it.
      to: { path: '^src/(inbound|dev)/|^src/wechat/callback/', pathNot: '^src/wechat/callback/types\\.ts$', reachable: true },
    },
    {
      name: 'entry-points-are-not-imported',
      severity: 'error',
      comment: 'Collections, jobs, the CLI and admin components are leaves: only the config, scripts and Next import them.',
      from: { path: '^src/(services|inbound|wechat|shared|config|http|access)/' },
      to: { path: '^(collections|jobs|scripts)/|^src/(cli|admin|app|seed)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/migrations/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
