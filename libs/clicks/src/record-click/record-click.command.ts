import { Command } from '@nestjs/cqrs';
import { RejectReason } from '../click-metrics';

export type ClickOutcome =
  | { readonly kind: 'recorded' | 'duplicate' | 'spooled' | 'lost'; readonly location: string }
  | {
      readonly kind: 'not-recorded';
      readonly reason: 'expired' | 'head';
      readonly location: string;
    }
  | { readonly kind: 'rejected'; readonly reason: RejectReason };

export interface ClickRequest {
  readonly token: string;
  readonly method: string;
  readonly ip: string;
  readonly userAgent: string;
  /** The Referer header as sent; only its host is kept. */
  readonly referer: string | undefined;
  /** Sec-Purpose, Purpose, X-Purpose or X-Moz, whichever came first (request-facts.ts). */
  readonly declaredPurpose: string | null;
  readonly correlationId: string;
}

export class RecordClickCommand extends Command<ClickOutcome> {
  constructor(readonly request: ClickRequest) {
    super();
  }
}
