import { NewEvent } from '@app/event-store';

/** One line of the spool file: everything needed to append the click later, unchanged. */
export interface SpooledClick {
  readonly streamId: string;
  readonly event: NewEvent;
}
