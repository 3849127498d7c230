// The layering, checked in CI (`npm run lint:layers`). Apps compose features; features use the
// platform; the platform uses contracts. Read the README's "Architecture" section for why.
/** @type {import('dependency-cruiser').IConfiguration} */
const PLATFORM = '^libs/(config|runtime|database|event-store|graphql|testing|access|read-models)/';
const FEATURES = '^libs/(ads|advertisers|clicks|projections|reporting|operations)/';
const WRITE_SIDE = '^libs/(ads|advertisers|clicks)/';

module.exports = {
  forbidden: [
    {
      name: 'nothing-imports-an-app',
      comment: 'Apps are composition roots: shared code belongs in a lib.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another',
      comment: 'An app lists the feature modules it serves; it never reaches into another app.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Events are contracts: they depend on nothing of ours.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'platform-below-features',
      comment: 'Platform libs serve every feature and know none.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: FEATURES },
    },
    {
      name: 'read-side-apart-from-write-side',
      comment:
        'Reporting answers from the read models alone: not from the write side, nor the ' +
        'projection engine (share through libs/read-models).',
      severity: 'error',
      from: { path: '^libs/reporting/' },
      to: { path: [WRITE_SIDE, '^libs/(projections|operations)/'] },
    },
    {
      name: 'write-side-apart-from-read-side',
      comment: 'Recording facts never depends on how they are projected or reported.',
      severity: 'error',
      from: { path: WRITE_SIDE },
      to: { path: '^libs/(projections|reporting|operations)/' },
    },
    {
      name: 'no-relative-import-across-libs',
      comment: 'Another lib is reached through its @app/* alias and its index, never by path.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'no-relative-import-from-apps-into-libs',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'bench-from-outside',
      comment:
        'The bench measures the product as it ships: libs through their @app/* index only ' +
        '(nothing internal, so nothing a lib would export for the bench alone), and no app.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^(libs|apps)/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
