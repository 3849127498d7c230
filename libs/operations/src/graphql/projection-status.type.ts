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
}
