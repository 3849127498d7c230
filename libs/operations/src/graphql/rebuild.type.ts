import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { RebuildReportType } from './rebuild-report.type';

export enum RebuildStatusEnum {
  QUEUED = 'queued',
  REPLAYING = 'replaying',
  CATCHING_UP = 'catching-up',
  COMPARING = 'comparing',
  SWAPPED = 'swapped',
  FAILED = 'failed',
}
registerEnumType(RebuildStatusEnum, { name: 'RebuildStatus' });

@ObjectType('RebuildProgress')
export class RebuildProgressType {
  @Field(() => String, { nullable: true, description: 'Position the shadow tables have reached.' })
  position!: string | null;

  @Field(() => SafeInt)
  eventsApplied!: number;

  @Field(() => SafeInt, {
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
