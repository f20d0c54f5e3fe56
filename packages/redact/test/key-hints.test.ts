import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { namesSecret } from '../src/internal/key-hints.ts';
import { normalizeKey } from '../src/internal/key-words.ts';
import { DEFAULT_DENY_KEYS } from '../src/index.ts';
import { sdkLines, setUp } from './setup.ts';

const R = '[REDACTED]';
const NAMES = DEFAULT_DENY_KEYS.map(normalizeKey);

describe('redact key-name hints', () => {
  it.each(['PGPASSWORD', 'MYSQL_PWD', 'AWS_SECRET_ACCESS_KEY', 'npm_config__authToken', 'clientSecret', 'x-api-key', 'SECRETKEY', 'TOKENVALUE', 'AccountKey', 'DB_PASSWORD', 'basic_auth', 'creds'])(
    'names a secret when the key is %s',
    (key) => expect(namesSecret(key, NAMES, [])).toBe(true),
  );

  it.each(['passwordless', 'token_type', 'secretary', 'tokenizer', 'max_tokens', 'secretName', 'POSTGRES_PASSWORD_FILE', 'auth_method', 'NOPASSWD', 'PWD', 'OLDPWD', 'author', 'SharedAccessKeyName', 'token_expires_in'])(
    'names no secret when the key is %s',
    (key) => expect(namesSecret(key, NAMES, [])).toBe(false),
  );

  it('redacts a key on the keys option even when it is exempt by default', () => {
    expect(namesSecret('token_type', NAMES, ['tokentype'])).toBe(true);
  });

  it('names a secret for a hint in any case, glued to any prefix or joined by any separator, unless a metadata word ends the key', () => {
    const prefix = fc.stringMatching(/^[a-z]{0,6}$/).filter((p) => p !== 'no'); // NOPASSWD is exempt
    const hint = fc.constantFrom('password', 'secret', 'token', 'passwd');
    const separator = fc.constantFrom('', '_', '-', '.');
    const upper = fc.boolean();
    fc.assert(
      fc.property(prefix, separator, hint, upper, (p, sep, h, up) => {
        const key = `${p}${p === '' ? '' : sep}${h}`;
        return namesSecret(up ? key.toUpperCase() : key, NAMES, []) && !namesSecret(`${key}_type`, NAMES, []);
      }),
      { seed: 20, numRuns: 1000 },
    );
  });

  it('names no secret for keys made of words that hold no hint', () => {
    const word = fc.constantFrom('user', 'id', 'http', 'status', 'route', 'count', 'trace', 'span', 'service', 'name', 'tokens', 'secretary', 'passwordless');
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('_', '.', '-'), (words, sep) => !namesSecret(words.join(sep), NAMES, [])), {
      seed: 20,
      numRuns: 1000,
    });
  });

  it('keeps lower-case pwd a secret: only the PWD environment variable holds a directory', () => {
    expect(namesSecret('pwd', NAMES, [])).toBe(true);
  });
});

describe.each(sdkLines)('redact key-name hints on sdk-logs $line', (line) => {
  it('redacts glued hints in attributes and bodies and keeps exempt keys', () => {
    const { emit } = setUp([redact()], line);
    const record = emit({
      body: { PGPASSWORD: 'pw1', token_type: 'Bearer', env: { MYSQL_PWD: 'pw2', PWD: '/home/ci' } },
      attributes: { clientSecret: 's', 'http.request.header.x-api-key': 'k', passwordless: true },
    });
    expect(record?.body).toEqual({ PGPASSWORD: R, token_type: 'Bearer', env: { MYSQL_PWD: R, PWD: '/home/ci' } });
    expect(record?.attributes).toEqual({ clientSecret: R, 'http.request.header.x-api-key': R, passwordless: true });
  });
});
