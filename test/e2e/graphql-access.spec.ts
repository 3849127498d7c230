import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppProcess,
  createTestDatabase,
  graphql,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestDatabase,
} from '@app/testing';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
interface SchemaType {
  name: string;
  kind: string;
  enumValues: { name: string }[] | null;
  inputFields: InputValue[] | null;
  fields: { name: string; args: InputValue[]; type: TypeRef }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name }
  types { name kind enumValues { name }
          inputFields { name defaultValue type { ${TYPE_REF} } }
          fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
} }`;

/** `String!`, `[ID!]!`: the type as written in an operation's variable list. */
function printType(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType!)}]`;
  return ref.name!;
}

function named(ref: TypeRef): TypeRef {
  return ref.ofType ? named(ref.ofType) : ref;
}

/**
 * Every query and mutation in the schema, called the way a client would, with arguments made up
 * from their types. Nothing is listed by hand: a resolver added tomorrow is walked too.
 */
describe('GraphQL access rules, walked over the whole schema', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let dataDir: string;
  let types: Map<string, SchemaType>;
  let roots: {
    operation: 'query' | 'mutation';
    field: NonNullable<SchemaType['fields']>[number];
  }[];

  function sample(ref: TypeRef): unknown {
    if (ref.kind === 'NON_NULL') return sample(ref.ofType!);
    if (ref.kind === 'LIST') return [sample(ref.ofType!)];
    const type = types.get(ref.name!)!;
    if (type.kind === 'ENUM') return type.enumValues![0].name;
    if (type.kind === 'INPUT_OBJECT')
      return Object.fromEntries(
        type.inputFields!.filter(required).map((f) => [f.name, sample(f.type)]),
      );
    const scalars: Record<string, unknown> = {
      ID: randomUUID(),
      Int: 1,
      Float: 1,
      Boolean: false,
      DateTime: '2026-01-01T00:00:00.000Z',
    };
    return ref.name! in scalars ? scalars[ref.name!] : 'UTC';
  }

  const required = (value: InputValue) =>
    value.type.kind === 'NON_NULL' && value.defaultValue === null;

  function call(root: (typeof roots)[number], key?: string) {
    const args = root.field.args.filter(required);
    const variables = Object.fromEntries(args.map((a) => [a.name, sample(a.type)]));
    const declared = args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
    const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = named(root.field.type).kind === 'OBJECT' ? '{ __typename }' : '';
    const query = `${root.operation}${declared ? `(${declared})` : ''} {
      ${root.field.name}${passed ? `(${passed})` : ''} ${selection} }`;
    return graphql(app.baseUrl, query, variables, key);
  }

  beforeAll(async () => {
    db = await createTestDatabase('graphql_access');
    dataDir = mkdtempSync(join(tmpdir(), 'clickstream-gql-access-'));
    app = await startApp('api', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...TEST_SECRETS,
    });
    const schema = await graphql<{
      __schema: {
        queryType: { name: string };
        mutationType: { name: string };
        types: SchemaType[];
      };
    }>(app.baseUrl, INTROSPECTION);
    const s = schema.data!.__schema;
    types = new Map(s.types.map((t) => [t.name, t]));
    roots = [
      ...types
        .get(s.queryType.name)!
        .fields!.map((field) => ({ operation: 'query' as const, field })),
      ...types
        .get(s.mutationType.name)!
        .fields!.map((field) => ({ operation: 'mutation' as const, field })),
    ];
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the operations the product promises', () => {
    const names = roots.map((r) => r.field.name);
    for (const name of [
      'createAdvertiser',
      'registerAd',
      'changeAdTarget',
      'pauseAd',
      'resumeAd',
      'ads',
      'ad',
      'clickSeries',
      'clickTotals',
      'topAds',
      'clickBreakdown',
    ])
      expect(names).toContain(name);
  });

  it('answers every operation without a key with UNAUTHENTICATED and no data', async () => {
    for (const root of roots) {
      const response = await call(root);
      expect({
        field: root.field.name,
        codes: response.errors?.map((e) => e.extensions?.code),
      }).toEqual({
        field: root.field.name,
        codes: ['UNAUTHENTICATED'],
      });
      expect(response.data ?? null).toBeNull();
    }
  });

  it('lets the admin key past the guard of every operation (each declares an access rule)', async () => {
    for (const root of roots) {
      const response = await call(root, TEST_ADMIN_KEY);
      const codes = (response.errors ?? []).map((e) => e.extensions?.code);
      // Made-up arguments may well be refused (NOT_FOUND, BAD_USER_INPUT), but never by the guard,
      // and never with an internal error.
      for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL_SERVER_ERROR'])
        expect({ field: root.field.name, codes }).not.toEqual(
          expect.objectContaining({ codes: expect.arrayContaining([code]) }),
        );
    }
  });
});
