import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { CheckpointStore } from '@app/read-models';
import { Pool } from 'pg';
import { DeadLetterStore } from '../framework/dead-letters';
import { PROJECTIONS } from '../projections.registry';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: string | null;
  readonly eventsApplied: number;
  /** Events in the log after the checkpoint (counted up to LAG_CAP). */
  readonly eventsBehind: number;
  /** How old the newest applied event is while the projection is behind; 0 when caught up. */
  readonly secondsBehind: number;
  readonly eventsPerSecond: number;
  /** Recorded time of the last event applied: how current the read model is. */
  readonly asOf: Date | null;
  readonly deadLetters: number;
  /** The rules the live projection judges with, as it last said at its start. */
  readonly rules: string | null;
}

export const LAG_CAP = 1_000_000;

/** Status of every projection, from the checkpoint table and the log: any process can serve it. */
@Injectable()
export class ProjectionStatusService {
  private readonly checkpoints: CheckpointStore;
  private readonly deadLetters = new DeadLetterStore();

  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @Inject(EventStore) private readonly store: EventStore,
  ) {
    this.checkpoints = new CheckpointStore(pool);
  }

  async all(): Promise<ProjectionStatus[]> {
    const checkpoints = await this.checkpoints.loadAll();
    const dead = await this.deadLetters.countByProjection(this.pool);
    const rules = await this.checkpoints.rulesByProjection();
    return Promise.all(
      PROJECTIONS.map(async ({ name, eventTypes }) => {
        const checkpoint = checkpoints.get(name);
        const position = checkpoint?.position ?? null;
        const eventsBehind = await this.store.countAfter({
          from: position,
          eventTypes,
          cap: LAG_CAP,
        });
        const asOf = checkpoint?.lastEventAt ?? null;
        return {
          name,
          checkpoint: position,
          eventsApplied: checkpoint?.eventsApplied ?? 0,
          eventsBehind,
          secondsBehind:
            eventsBehind > 0 && asOf ? Math.max(0, (Date.now() - asOf.getTime()) / 1000) : 0,
          eventsPerSecond: checkpoint?.eventsPerSecond ?? 0,
          asOf,
          deadLetters: dead.get(name) ?? 0,
          rules: rules.get(name) ?? null,
        };
      }),
    );
  }
}
