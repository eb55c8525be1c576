import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts small secrets kept in the database (TOTP seeds) with AES-256-GCM. The key is derived
 * with HKDF from a server secret (server_secrets, shared by every process), so that a copy of the
 * users table, a backup of it or a log line holding a row is useless on its own. `context` (the
 * user id) is authenticated data: a ciphertext moved to another row does not decrypt.
 */
export class SecretBox {
  private key: Promise<Buffer> | undefined;

  /** `loadSecret` runs once, on first use: building the services stays synchronous. */
  constructor(private readonly loadSecret: () => Promise<string>) {}

  private async derivedKey(): Promise<Buffer> {
    this.key ??= this.loadSecret().then((secret) => Buffer.from(hkdfSync('sha256', secret, 'muster', 'muster secret-box v1', 32)));
    return this.key;
  }

  async seal(plaintext: string, context: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.derivedKey(), iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  async open(sealed: string, context: string): Promise<string> {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('sealed secret has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', await this.derivedKey(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
