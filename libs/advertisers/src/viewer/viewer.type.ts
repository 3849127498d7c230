import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AdvertiserType } from '../create-advertiser/created-advertiser.type';

export enum ViewerRole {
  ADMIN = 'admin',
  ADVERTISER = 'advertiser',
}
registerEnumType(ViewerRole, { name: 'ViewerRole' });

@ObjectType('Viewer', { description: 'Who the API key belongs to.' })
export class ViewerType {
  @Field(() => ViewerRole)
  role!: ViewerRole;

  @Field(() => AdvertiserType, { nullable: true, description: 'null for the operator key.' })
  advertiser!: AdvertiserType | null;
}
