import { Principal } from '@app/advertisers';

/** Who asked, and the request that carried it (for the events' correlation metadata). */
export interface CommandContext {
  readonly principal: Principal;
  readonly correlationId: string;
}

/** The context of a request (Fastify's request id is the correlation id). */
export function commandContext(principal: Principal, request: { id: string }): CommandContext {
  return { principal, correlationId: request.id };
}
