import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';

const redact = createRedactor();

/** Every spelling of every key the assignment rule knows, as an attacker's config would write it. */
const KEYS = [
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'secret',
  'token',
  'api_key',
  'api-key',
  'apikey',
  'access_key',
  'access-key',
  'accesskey',
  'secret_key',
  'secret-key',
  'secretkey',
  'private_key',
  'private-key',
  'privatekey',
  'accountkey',
  'sharedaccesskey',
  'credential',
  'credentials',
  'auth',
  'DB_PASSWORD',
  'client_secret',
  'SessionToken',
  'x-api-key',
  'GITHUB_TOKEN',
  'Pwd',
  'db.pass',
];
const VALUE = 'Zq8-hunter2~value';

describe('keyed secrets', () => {
  it('are redacted for every key, case, quote and separator', () => {
    for (const key of KEYS) {
      for (const spelled of [key, key.toUpperCase(), key[0]!.toUpperCase() + key.slice(1)]) {
        for (const text of [
          `${spelled}=${VALUE}`,
          `${spelled}: ${VALUE}`,
          `"${spelled}": "${VALUE}"`,
          `'${spelled}' = '${VALUE}'`,
          `${spelled}\t:\t${VALUE}`,
          `?${spelled}=${VALUE}&next=1`,
          `{"a":1,"${spelled}":"${VALUE}"}`,
          `${spelled}     =${VALUE}`,
        ]) {
          expect(redact(text), text).not.toContain('hunter2');
        }
      }
    }
  });

  it('are redacted among many separators after other keys', () => {
    const noise = Array.from({ length: 200 }, (_, index) => `"k${index}":"v",x=${index}`).join(',');
    expect(redact(`{${noise},"password":"${VALUE}"}`)).not.toContain('hunter2');
    expect(redact(`{"password":"${VALUE}",${noise}}`)).not.toContain('hunter2');
  });

  it('keep the AWS and Azure names whatever the spacing', () => {
    expect(redact(`AWS_SECRET_ACCESS_KEY = ${VALUE}`)).toBe(
      'AWS_SECRET_ACCESS_KEY = [REDACTED:aws_secret_access_key]',
    );
    expect(redact(`"SecretAccessKey" : "${VALUE}"`)).toBe(
      '"SecretAccessKey" : "[REDACTED:aws_secret_access_key]"',
    );
    expect(redact(`AccountKey=${VALUE};`)).toBe('AccountKey=[REDACTED:azure_storage_key];');
    expect(redact(`SharedAccessKey = ${VALUE}`)).toBe('SharedAccessKey = [REDACTED:azure_storage_key]');
    expect(redact(`api_key=${VALUE}`)).toBe('api_key=[REDACTED:secret_assignment]');
  });

  it('leave keys that only look like secret keys alone', () => {
    for (const text of [
      'max_tokens: 512',
      'bypass: yes',
      'keyboard=qwerty',
      'passage: 3',
      'tokens=5',
      'author: me',
    ]) {
      expect(redact(text), text).toBe(text);
    }
  });
});
