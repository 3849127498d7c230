// The layering, checked in CI (`npm run lint:layers`). Apps compose features; features use the
// platform; the platform uses contracts. Read the README's "Architecture" section for why.
/** @type {import('dependency-cruiser').IConfiguration} */
const PLATFORM =
  '^libs/(config|runtime|database|event-store|graphql|testing|access|read-models|tracing)/';
const FEATURES = '^libs/(ads|advertisers|clicks|projections|reporting|operations)/';
const WRITE_SIDE = '^libs/(ads|advertisers|clicks)/';
/** Everything downstream of the log: the projection engine, its operator surface, reporting. */
const READ_SIDE = '^libs/(projections|operations|reporting)/';
/** Every lib must be in exactly one layer above; a new lib gets a place before it gets code. */
const KNOWN_LIBS =
  '^libs/(contracts|config|runtime|database|event-store|graphql|testing|access|read-models|tracing|ads|advertisers|clicks|projections|reporting|operations)/';

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
        'Projections, operations and reporting learn what happened from the log alone, never ' +
        'from the write side.',
      severity: 'error',
      from: { path: READ_SIDE },
      to: { path: WRITE_SIDE },
    },
    {
      name: 'reporting-apart-from-the-engine',
      comment:
        'Reporting answers from the read models: it shares names, time arithmetic and the ' +
        'sketch with the projections through libs/read-models, not by importing the engine.',
      severity: 'error',
      from: { path: '^libs/reporting/' },
      to: { path: '^libs/(projections|operations)/' },
    },
    {
      name: 'engine-below-its-operator-surface',
      comment: 'The engine runs without GraphQL or the command port; they are built on it.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/operations/' },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'The product never ships test helpers.',
      severity: 'error',
      from: {
        path: '^(libs|apps)/',
        pathNot: ['^libs/testing/', '\\.spec\\.tsx?$', '^libs/[^/]+/test/'],
      },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'every-lib-in-a-layer',
      comment: 'A lib outside the known layers would escape every rule here: give it a layer.',
      severity: 'error',
      from: {},
      to: { path: '^libs/', pathNot: KNOWN_LIBS },
    },
    {
      name: 'no-unresolvable-imports',
      comment:
        'An import of ours the checker cannot resolve is one no rule can judge. (Packages are ' +
        "Node's business: some resolve only under conditions the checker does not model.)",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^(@app/|\\.)' },
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
