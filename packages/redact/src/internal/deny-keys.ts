/**
 * Key names whose values are secrets or personal data. A name matches a run of words of a key
 * (see `namesSecret` in key-hints.ts), so 'token' covers `accessToken` and `x-auth-token`; the compound
 * names are there for keys written in one lowercase word (`accesstoken`).
 */
export const DEFAULT_DENY_KEYS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'auth_token',
  'csrf_token',
  'xsrf_token',
  'authorization',
  'cookie',
  'cookies',
  'api_key',
  'access_key',
  'private_key',
  'credential',
  'credentials',
  'creds',
  'auth',
  'signature',
  'connection_string',
  'account_key',
  'card_number',
  'cvv',
  'cvc',
  'ssn',
]);
