import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { repositoryRoot } from '../repository-root';
import { DashboardAssets } from './dashboard-assets';
import { DashboardHttpController } from './dashboard.http.controller';

/** Serves the web dashboard (apps/dashboard, built by `npm run build`) at `/`. */
@Module({
  controllers: [DashboardHttpController],
  providers: [
    {
      provide: DashboardAssets,
      useFactory: () => DashboardAssets.load(join(repositoryRoot(), 'dist', 'dashboard')),
    },
  ],
})
export class DashboardModule {}
