/** What went wrong, in the terms the screens speak: each kind has its own message and remedy. */
export type ProblemKind =
  'unauthenticated' | 'forbidden' | 'bad-input' | 'not-found' | 'unreachable' | 'server';

export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
  }
}

interface GraphqlResponse<T> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

const KINDS: Record<string, ProblemKind> = {
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  BAD_USER_INPUT: 'bad-input',
  GRAPHQL_VALIDATION_FAILED: 'bad-input',
  NOT_FOUND: 'not-found',
};

/** One GraphQL request to this origin's /graphql with the signed-in key. */
export async function graphql<T>(
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiProblem('unreachable', 'The server cannot be reached.');
  }
  let body: GraphqlResponse<T>;
  try {
    body = (await response.json()) as GraphqlResponse<T>;
  } catch {
    // A proxy's error page, or the server going away mid-answer.
    throw new ApiProblem(
      response.status >= 500 ? 'unreachable' : 'server',
      `The server answered ${response.status} without a GraphQL response.`,
    );
  }
  const error = body.errors?.[0];
  if (error) throw new ApiProblem(KINDS[error.extensions?.code ?? ''] ?? 'server', error.message);
  if (!body.data) throw new ApiProblem('server', 'The server answered without data.');
  return body.data;
}
