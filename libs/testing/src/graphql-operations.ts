import { randomUUID } from 'node:crypto';
import { graphql, GraphqlResponse } from './http-client';

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

/** One query or mutation of a running app's schema, callable with made-up arguments. */
export interface RootOperation {
  readonly operation: 'query' | 'mutation';
  readonly name: string;
  call(apiKey?: string): Promise<GraphqlResponse<unknown>>;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name }
  types { name kind enumValues { name }
          inputFields { name defaultValue type { ${TYPE_REF} } }
          fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
} }`;

const SCALARS: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  Int: () => 1,
  Float: () => 1,
  Boolean: () => false,
  DateTime: () => '2026-01-01T00:00:00.000Z',
};

/** `String!`, `[ID!]!`: the type as written in an operation's variable list. */
function printType(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType!)}]`;
  return ref.name!;
}

function named(ref: TypeRef): TypeRef {
  return ref.ofType ? named(ref.ofType) : ref;
}

const required = (value: InputValue) =>
  value.type.kind === 'NON_NULL' && value.defaultValue === null;

/**
 * Every query and mutation of the schema the app at `baseUrl` serves, read by introspection
 * (which needs no key), each with the required arguments made up from their types: enough for
 * the request to reach the resolver's guard. Nothing is listed by hand.
 */
export async function rootOperations(baseUrl: string): Promise<RootOperation[]> {
  const response = await graphql<{
    __schema: {
      queryType: { name: string };
      mutationType: { name: string } | null;
      types: SchemaType[];
    };
  }>(baseUrl, INTROSPECTION);
  const schema = response.data?.__schema;
  if (!schema) throw new Error(`introspection failed: ${JSON.stringify(response.errors)}`);
  const types = new Map(schema.types.map((t) => [t.name, t]));

  const sample = (ref: TypeRef): unknown => {
    if (ref.kind === 'NON_NULL') return sample(ref.ofType!);
    if (ref.kind === 'LIST') return [sample(ref.ofType!)];
    const type = types.get(ref.name!)!;
    if (type.kind === 'ENUM') return type.enumValues![0].name;
    if (type.kind === 'INPUT_OBJECT')
      return Object.fromEntries(
        type.inputFields!.filter(required).map((f) => [f.name, sample(f.type)]),
      );
    return SCALARS[ref.name!]?.() ?? 'UTC';
  };

  const roots = [
    { operation: 'query' as const, type: schema.queryType.name },
    ...(schema.mutationType
      ? [{ operation: 'mutation' as const, type: schema.mutationType.name }]
      : []),
  ];
  return roots.flatMap(({ operation, type }) =>
    types.get(type)!.fields!.map((field) => {
      const args = field.args.filter(required);
      const declared = args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
      const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const composite = ['OBJECT', 'INTERFACE', 'UNION'].includes(named(field.type).kind);
      const selection = composite ? '{ __typename }' : '';
      const query = `${operation}${declared ? `(${declared})` : ''} {
        ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
      return {
        operation,
        name: field.name,
        call: (apiKey?: string) =>
          graphql(
            baseUrl,
            query,
            Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
            apiKey,
          ),
      };
    }),
  );
}
