import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SigningKey } from '@app/contracts';

/** The configured click-signing keys: the first signs, every one verifies. */
@Injectable()
export class ClickSigningKeys {
  readonly signing: SigningKey;
  readonly verifying: ReadonlyMap<string, Buffer>;
  /** Secret behind the daily user-key salt (derived from the signing key, never stored). */
  readonly userKeySecret: Buffer;

  constructor(@Inject(AppConfig) config: AppConfig) {
    const keys = config.secrets.signingKeys;
    this.signing = keys[0];
    this.verifying = new Map(keys.map((k) => [k.kid, k.secret]));
    this.userKeySecret = keys[0].secret;
  }
}
