import { Type } from '@nestjs/common';

/** The feature modules this app serves; the all-in-one process imports these lists too. */
export const TRACKER_FEATURES: Type[] = [];
