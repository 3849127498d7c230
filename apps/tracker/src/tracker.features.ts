import { Type } from '@nestjs/common';
import { ClicksModule } from '@app/clicks';

/** The feature modules this app serves; the all-in-one process imports these lists too. */
export const TRACKER_FEATURES: Type[] = [ClicksModule];
