import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { COUNT_DESCRIPTION } from '../shared/count';

export enum Dimension {
  COUNTRY = 'COUNTRY',
  DEVICE = 'DEVICE',
}

registerEnumType(Dimension, { name: 'Dimension' });

@ObjectType('BreakdownEntry')
export class BreakdownEntryType {
  @Field({ description: 'A country code, a device class, or "unknown".' })
  value!: string;

  @Field(() => SafeInt, { description: `Valid clicks. ${COUNT_DESCRIPTION}` })
  clicks!: number;

  @Field(() => SafeInt, { description: COUNT_DESCRIPTION })
  botClicks!: number;
}
