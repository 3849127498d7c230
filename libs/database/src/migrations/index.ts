import { CreateEvents1764000000000 } from './1764000000000-create-events';

/** Every migration, oldest first. Generated or written by hand, always checked in. */
export const MIGRATIONS = [CreateEvents1764000000000];
