import { z } from 'zod';

/** The largest value of a Postgres int4 column: every `version` is one. */
export const MAX_VERSION = 2_147_483_647;

/**
 * The version a caller last saw (optimistic concurrency). Bounded to the column's range: a number
 * past it can never match a row, and the database would refuse it as a parameter.
 */
export const ExpectedVersionSchema = z
  .number({ invalid_type_error: 'expectedVersion must be a number: the version you last saw' })
  .int('expectedVersion must be a whole number: the version you last saw')
  .min(1, 'expectedVersion must be 1 or more: the version you last saw')
  .max(MAX_VERSION, `expectedVersion must be at most ${MAX_VERSION}: send the version you last saw`);

/** The same for a record that may not exist yet: 0 is "there was none when I started". */
export const ExpectedVersionOrNoneSchema = z
  .number({
    required_error: 'expectedVersion is required: the version you last saw, 0 for a first save',
    invalid_type_error: 'expectedVersion must be a number',
  })
  .int('expectedVersion must be a whole number')
  .min(0, 'expectedVersion must be 0 or more: the version you last saw, 0 for a first save')
  .max(MAX_VERSION, `expectedVersion must be at most ${MAX_VERSION}`);
