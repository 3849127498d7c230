import { Matches, ValidationOptions } from 'class-validator';

/**
 * Text PostgreSQL can store and events can carry: no control characters (NUL is refused by
 * both text and jsonb) and no unpaired UTF-16 surrogates (not valid in UTF-8). Without this
 * such a name got past validation and failed in the database as a 500.
 */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return Matches(/^[^\p{Cc}\p{Cs}]*$/u, {
    message: ({ property }) =>
      `${property} must not contain control characters or unpaired surrogates`,
    ...options,
  });
}
