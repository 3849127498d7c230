import { Inject, Injectable } from '@nestjs/common';
import { AdEvent, adStreamId, isAdEvent, uuidV5 } from '@app/contracts';
import { EventMetadata, EventStore } from '@app/event-store';
import { Ad } from './ad.aggregate';
import { AdError, AdErrorCode } from './ad.error';

/** Loads ads from their streams and saves new events with the expected revision. */
@Injectable()
export class AdRepository {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async load(adId: string): Promise<Ad | undefined> {
    const events = await this.store.readStream(adStreamId(adId));
    if (events.length === 0) return undefined;
    const adEvents = events.filter((e) => isAdEvent(e)) as unknown as AdEvent[];
    return Ad.fromHistory(adEvents, events[events.length - 1].revision);
  }

  async save(ad: Ad, metadata: EventMetadata): Promise<void> {
    if (ad.uncommitted.length === 0) return;
    const { adId } = ad.state;
    const base = ad.expectedRevision === 'no-stream' ? -1n : ad.expectedRevision;
    const result = await this.store.append(
      adStreamId(adId),
      // Deterministic ids (stream + revision): a retried save cannot write an event twice.
      ad.uncommitted.map((e, i) => ({
        eventId: uuidV5(`${adStreamId(adId)}:${base + 1n + BigInt(i)}`),
        type: e.type,
        data: { ...e.data },
        metadata,
      })),
      ad.expectedRevision,
    );
    switch (result.outcome) {
      case 'appended':
        return;
      case 'already-exists':
        throw new AdError(AdErrorCode.AlreadyRegistered, `ad ${adId} already exists`);
      case 'wrong-revision':
        throw new AdError(
          AdErrorCode.ConcurrentChange,
          `ad ${adId} was changed concurrently; retry`,
        );
    }
  }
}
