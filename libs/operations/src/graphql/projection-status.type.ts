import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';

/** One projection as the operator sees it: where it stands and how far behind the log. */
@ObjectType('ProjectionStatus')
export class ProjectionStatusType {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Position of the last event applied.' })
  checkpoint!: string | null;

  @Field(() => SafeInt)
  eventsApplied!: number;

  @Field(() => SafeInt, {
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

  @Field(() => String, {
    nullable: true,
    description:
      'The rules the projection judges new events with, each with its version and setting (e.g. "too-fast/1(<1000ms)"); null for projections that judge nothing. Rows projected before a rule changed keep the old judgement until a rebuild.',
  })
  rules!: string | null;
}
