import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AdvertiserView } from '@app/contracts';

export enum ViewerRole {
  ADMIN = 'admin',
  ADVERTISER = 'advertiser',
}
registerEnumType(ViewerRole, { name: 'ViewerRole' });

@ObjectType('Viewer', { description: 'Who the API key belongs to.' })
export class ViewerType {
  @Field(() => ViewerRole)
  role!: ViewerRole;

  @Field(() => AdvertiserView, { nullable: true, description: 'null for the operator key.' })
  advertiser!: AdvertiserView | null;
}
