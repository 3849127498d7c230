/** What a refused caller is told, the same over REST and GraphQL. */
export const NEEDS_API_KEY = 'send a valid API key as "Authorization: Bearer <key>"';
export const NEEDS_ADMIN_KEY = 'this operation needs the admin API key';
