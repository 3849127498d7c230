import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLScalarType } from 'graphql';

/** Report rows carry their own columns (a bucket's counts, a catalog entry's fields): JSON. */
export const JsonObject = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object, as stored in the reconciliation report.',
  serialize: (value) => value,
});

export enum RebuildStatusEnum {
  QUEUED = 'queued',
  REPLAYING = 'replaying',
  CATCHING_UP = 'catching-up',
  COMPARING = 'comparing',
  SWAPPED = 'swapped',
  FAILED = 'failed',
}
registerEnumType(RebuildStatusEnum, { name: 'RebuildStatus' });

@ObjectType('ProjectionStatus')
export class ProjectionStatusType {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Position of the last event applied.' })
  checkpoint!: string | null;

  @Field(() => Float)
  eventsApplied!: number;

  @Field(() => Float, {
    description: 'Events in the log after the checkpoint (counted up to 1,000,000).',
  })
  eventsBehind!: number;

  @Field(() => Float)
  secondsBehind!: number;

  @Field(() => Float)
  eventsPerSecond!: number;

  @Field(() => Date, { nullable: true })
  asOf!: Date | null;

  @Field(() => Int)
  deadLetters!: number;
}

@ObjectType('RebuildProgress')
export class RebuildProgressType {
  @Field(() => String, { nullable: true, description: 'Position the shadow tables have reached.' })
  position!: string | null;

  @Field(() => Float)
  eventsApplied!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Events in the log to replay (counted when the job starts).',
  })
  eventsTotal!: number | null;

  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  fraction!: number | null;

  @Field(() => Float)
  eventsPerSecond!: number;

  @Field(() => Float, { nullable: true })
  etaSeconds!: number | null;
}

@ObjectType('Difference')
export class DifferenceType {
  @Field(() => JsonObject)
  key!: Record<string, unknown>;

  @Field(() => JsonObject, { nullable: true, description: 'null: the row is missing from live.' })
  live!: Record<string, unknown> | null;

  @Field(() => JsonObject, {
    nullable: true,
    description: 'null: the row is missing from the rebuild.',
  })
  rebuilt!: Record<string, unknown> | null;
}

@ObjectType('TableReconciliation')
export class TableReconciliationType {
  @Field()
  table!: string;

  @Field(() => Float)
  bucketsCompared!: number;

  @Field(() => Float)
  bucketsDiffering!: number;

  @Field(() => Float, { nullable: true })
  liveClicks?: number;

  @Field(() => Float, { nullable: true })
  rebuiltClicks?: number;

  @Field(() => [DifferenceType], { description: 'Up to 1,000 per table.' })
  differences!: DifferenceType[];

  @Field()
  differencesTruncated!: boolean;
}

@ObjectType('RebuildReport')
export class RebuildReportType {
  @Field(() => String, { nullable: true })
  position!: string | null;

  @Field(() => Float)
  eventsReplayed!: number;

  @Field(() => Float)
  bucketsCompared!: number;

  @Field(() => Float)
  bucketsDiffering!: number;

  @Field(() => Float, { description: 'Rebuilt minus live clicks, over every table with clicks.' })
  clicksDifference!: number;

  @Field(() => [TableReconciliationType])
  tables!: TableReconciliationType[];
}

@ObjectType('Rebuild')
export class RebuildType {
  @Field(() => ID)
  id!: string;

  @Field()
  projection!: string;

  @Field(() => RebuildStatusEnum)
  status!: RebuildStatusEnum;

  @Field(() => RebuildProgressType)
  progress!: RebuildProgressType;

  @Field(() => Float, {
    nullable: true,
    description: 'How long the swap held the live projection.',
  })
  swapPauseMs!: number | null;

  @Field(() => RebuildReportType, { nullable: true })
  report!: RebuildReportType | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
