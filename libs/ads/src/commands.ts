import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/access';
import { AdState } from './domain/ad.aggregate';

/** Who asked, and the request that carried it (for the events' correlation metadata). */
export interface CommandContext {
  readonly principal: Principal;
  readonly correlationId: string;
}

/** The context of a request (Fastify's request id is the correlation id). */
export function commandContext(principal: Principal, request: { id: string }): CommandContext {
  return { principal, correlationId: request.id };
}

export class RegisterAdCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly input: {
      readonly name: string;
      readonly targetUrl: string;
      readonly advertiserId?: string;
    },
  ) {
    super();
  }
}

export class ChangeAdTargetCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly adId: string,
    readonly targetUrl: string,
  ) {
    super();
  }
}

export class PauseAdCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly adId: string,
  ) {
    super();
  }
}

export class ResumeAdCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly adId: string,
  ) {
    super();
  }
}
