import { SetMetadata } from '@nestjs/common';

export const SIGNED_PART = 'clickstream:rpc-signed-part';

/** What a command's credential signs, taken from its payload (signRpcCommand's `body`). */
export type SignedPartOf = (payload: unknown) => unknown;

/** By default the credential signs the whole payload but itself. */
export const ALL_BUT_CREDENTIAL: SignedPartOf = (payload) => {
  if (typeof payload !== 'object' || payload === null) return payload;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'credential'));
};

/**
 * Says which part of a command's payload its credential signs, for a command whose wire format
 * was fixed before the guard: the rebuild command signs its projection list alone. `select`
 * runs on the payload as received, before anything has checked it.
 */
export const SignedPart = <T extends object>(
  select: (payload: Partial<T> | null | undefined) => unknown,
): MethodDecorator => SetMetadata(SIGNED_PART, select);
