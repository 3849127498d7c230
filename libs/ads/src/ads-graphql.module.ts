import { Module } from '@nestjs/common';
import { AdsModule } from './ads.module';
import { AdsResolver } from './ads.resolver';

/** GraphQL mutations for ads (served by the API app); the queries are on the read side. */
@Module({ imports: [AdsModule], providers: [AdsResolver] })
export class AdsGraphqlModule {}
