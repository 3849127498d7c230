import { Command } from '@nestjs/cqrs';
import { NewEvent } from '@app/event-store';

export interface RedirectRequest {
  readonly token: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly correlationId: string;
}

export type RedirectOutcome =
  /** `event` is the ClickRecorded the tracker would append here; the yardstick drops it. */
  | { readonly kind: 'redirect'; readonly location: string; readonly event?: NewEvent }
  | { readonly kind: 'refused'; readonly status: 400 | 404; readonly page: string };

/** Dispatched through the CommandBus, as the tracker's RecordClickCommand is. */
export class RedirectWithoutAppendCommand extends Command<RedirectOutcome> {
  constructor(readonly request: RedirectRequest) {
    super();
  }
}
