import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SigningKey } from '@app/contracts';
import { ConfigError } from './config.error';
import { Env } from './env.schema';

export interface Secrets {
  readonly adminApiKey: string;
  /** The first signs; all verify. */
  readonly signingKeys: readonly SigningKey[];
}

interface StoredDevSecrets {
  adminApiKey: string;
  signingKey: { kid: string; secret: string };
}

/**
 * Secrets have no baked-in defaults. In production both must be set. In development and test,
 * whatever is unset is generated once, kept in DATA_DIR/dev-secrets.json (mode 600), and the
 * admin key is printed the first time only, so that `npm start` works with no setup.
 */
export function resolveSecrets(env: Env, print: (line: string) => void): Secrets {
  if (env.ADMIN_API_KEY && env.CLICK_SIGNING_KEYS) {
    return { adminApiKey: env.ADMIN_API_KEY, signingKeys: env.CLICK_SIGNING_KEYS };
  }
  if (env.NODE_ENV === 'production') {
    const missing = [
      !env.ADMIN_API_KEY && 'ADMIN_API_KEY',
      !env.CLICK_SIGNING_KEYS && 'CLICK_SIGNING_KEYS',
    ];
    throw new ConfigError(
      missing
        .filter((m): m is string => !!m)
        .map((m) => `${m} must be set when NODE_ENV=production`),
    );
  }
  const file = join(env.DATA_DIR, 'dev-secrets.json');
  let stored: StoredDevSecrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredDevSecrets;
  } else {
    stored = {
      adminApiKey: `cs_admin_${randomBytes(24).toString('base64url')}`,
      signingKey: { kid: 'dev1', secret: randomBytes(32).toString('base64url') },
    };
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    if (!env.ADMIN_API_KEY) {
      print(
        `Generated a development admin API key (kept in ${file}; shown once): ${stored.adminApiKey}`,
      );
    }
  }
  return {
    adminApiKey: env.ADMIN_API_KEY ?? stored.adminApiKey,
    signingKeys: env.CLICK_SIGNING_KEYS ?? [
      { kid: stored.signingKey.kid, secret: Buffer.from(stored.signingKey.secret, 'utf8') },
    ],
  };
}
