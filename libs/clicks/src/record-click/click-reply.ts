import { FastifyReply, FastifyRequest } from 'fastify';
import { declaredPurpose } from '../traffic-facts/request-facts';
import { ClickOutcome, ClickRequest } from './record-click.command';

const PAGES = {
  'bad-link': 'This link is not valid. It may have been cut short or changed.',
  'unknown-ad': 'This ad no longer exists.',
  unavailable: 'We could not open this link just now. Please try again in a moment.',
} as const;

export function clickRequest(token: string, req: FastifyRequest): ClickRequest {
  return {
    token,
    method: req.method,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? '',
    referer: req.headers.referer,
    declaredPurpose: declaredPurpose(req.headers),
    correlationId: req.id,
  };
}

/** The redirect's answers: a 302, or a short plain-text page, never JSON. */
export function sendOutcome(outcome: ClickOutcome, reply: FastifyReply): void {
  void reply.header('Cache-Control', 'no-store');
  switch (outcome.kind) {
    case 'recorded':
    case 'duplicate':
    case 'spooled':
    case 'lost':
    case 'not-recorded':
      void reply.status(302).header('Location', outcome.location).send();
      return;
    case 'rejected':
      switch (outcome.reason) {
        case 'malformed':
        case 'unknown-key':
        case 'bad-signature':
          return page(reply, 400, PAGES['bad-link']);
        case 'unknown-ad':
          return page(reply, 404, PAGES['unknown-ad']);
        case 'unavailable':
          return page(reply, 503, PAGES.unavailable);
      }
  }
}

/** The "try again" page, for a failure the handler did not foresee. */
export function sendUnavailable(reply: FastifyReply): void {
  void reply.header('Cache-Control', 'no-store');
  page(reply, 503, PAGES.unavailable);
}

function page(reply: FastifyReply, status: number, text: string): void {
  void reply.status(status).type('text/plain; charset=utf-8').send(`${text}\n`);
}
