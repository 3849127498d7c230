import { BadRequestException } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

/**
 * The largest JSON body: a batch of 1,000 impressions with every attribute full is about
 * 600 KB; GraphQL documents are a few KB.
 */
export const MAX_JSON_BODY = 1024 * 1024;
/** Deeper nesting than any request of ours: a body of brackets cost seconds to parse. */
export const MAX_JSON_DEPTH = 64;

/**
 * Fastify's JSON body parser with one more bound. JSON.parse of a megabyte of nested brackets
 * takes hundreds of milliseconds of the event loop (4 MiB took 1.9 s), and bodies are parsed
 * before any API key is checked: anyone could stall every click in the process. A linear scan
 * refuses nesting beyond MAX_JSON_DEPTH first; prototype poisoning is refused as before
 * (secure-json-parse, what Fastify itself uses).
 */
export function useBoundedJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_JSON_BODY },
    (_request, body, done) => {
      const text = body as string;
      if (nestingDepth(text) > MAX_JSON_DEPTH)
        return done(badRequest(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`));
      try {
        done(null, secureJson.parse(text, { protoAction: 'error', constructorAction: 'error' }));
      } catch (error) {
        done(badRequest(`the body is not valid JSON: ${(error as Error).message}`));
      }
    },
  );
}

/** The deepest nesting of objects and arrays, not counting brackets inside strings. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/** A 400 in the house error shape (HttpErrorFilter answers it like any other bad input). */
function badRequest(message: string): BadRequestException {
  return new BadRequestException(message);
}
