import { applyDecorators, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID, ValidationOptions } from 'class-validator';

function lowerCase(value: unknown): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  return Array.isArray(value) ? value.map(lowerCase) : value;
}

/**
 * A UUID in any case, lower-cased. UUIDs are case-insensitive (RFC 9562) but our ids are not
 * compared as UUIDs everywhere: stream names (`ad-<id>`), the ad catalog and ownership checks
 * compare strings, so `0B5D…` was "no ad" for an ad that exists. Every id is lower case inside.
 */
export function IsAnyCaseUuid(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => lowerCase(value)),
    IsUUID('all', options),
  ) as PropertyDecorator;
}

/** The same for a path parameter: validated as a UUID (400 if not), then lower-cased. */
export class ParseAnyCaseUuidPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe({ version: undefined });

  async transform(value: string): Promise<string> {
    return (await this.uuid.transform(value, { type: 'param' })).toLowerCase();
  }
}
