import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { AdIdArgs } from '../shared/ad-id.args';

/** The arguments of the `changeAdTarget` mutation. */
@ArgsType()
export class ChangeAdTargetArgs extends AdIdArgs {
  @Field()
  @IsString()
  @MaxLength(2048)
  targetUrl!: string;
}
