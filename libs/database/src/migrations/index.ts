import { CreateEvents1764000000000 } from './1764000000000-create-events';
import { CreateAdvertisers1764000100000 } from './1764000100000-create-advertisers';

/** Every migration, oldest first. Generated or written by hand, always checked in. */
export const MIGRATIONS = [CreateEvents1764000000000, CreateAdvertisers1764000100000];
