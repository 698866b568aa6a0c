/**
 * Seals private keys and server secrets before they reach the database: AES-256-GCM under a
 * key-encryption key (KEK) that never enters the database. The KEK comes from BLUEZONE_KEK
 * (set the same value on every process of a multi-process deployment) or, by default, from
 * `<dataDir>/kek`, created on first start with mode 0600. A database dump alone therefore
 * reveals no signing key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ServerError } from '../http/server-error';

const VERSION = 'v1';

export class SecretBox {
  constructor(private readonly kek: Buffer) {
    if (kek.length !== 32) throw new ServerError('invalid_config', 500, `the KEK must be 32 bytes, got ${kek.length}`);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), body.toString('base64'), cipher.getAuthTag().toString('base64')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || !iv || !body || !tag)
      throw new ServerError('internal', 500, 'sealed secret is malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.kek, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch (err) {
      throw new ServerError('invalid_config', 500, 'cannot unseal a stored secret: wrong BLUEZONE_KEK?', {
        cause: err,
      });
    }
  }
}

/** The KEK from config, or the data directory's kek file (created if missing). */
export function loadSecretBox(keyEncryptionKey: string, dataDir: string): SecretBox {
  if (keyEncryptionKey) return new SecretBox(Buffer.from(keyEncryptionKey, 'base64'));
  const file = path.join(dataDir, 'kek');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}
