import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { setUp } from './setup.ts';

const R = '[REDACTED]';
const SECRET40 = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz0y1x2w3v';

describe('redact secret families and value ends', () => {
  const { emit } = setUp([redact()]);

  it.each([
    // Value ends follow the grammar they are in.
    ['token_type=Bearer expires_in=3600', 'token_type=Bearer expires_in=3600'],
    ['curl -H "Authorization: Bearer abcdefghijklmnop1234" https://api.example.com/v1', `curl -H "Authorization: Bearer ${R}" https://api.example.com/v1`],
    ["curl -H 'Cookie: a=1; b=2' https://api.example.com", `curl -H 'Cookie: ${R}' https://api.example.com`],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA== next=1', `Authorization: Basic ${R} next=1`],
    ['{"authorization":"Token abcdef0123456789"}', `{"authorization":"Token ${R}"}`],
    ['(using password: YES)', '(using password: YES)'],
    ['password=**** user=bob', 'password=**** user=bob'],
    // Connection strings.
    ['AccountName=st1;AccountKey=Zm9vYmFy+/==;EndpointSuffix=core.windows.net', `AccountName=st1;AccountKey=${R};EndpointSuffix=core.windows.net`],
    ['Server=db;User ID=sa;Password=S3cr3t!;Encrypt=true', `Server=db;User ID=sa;Password=${R};Encrypt=true`],
    ['SharedAccessKeyName=Root;SharedAccessKey=abc123=', `SharedAccessKeyName=Root;SharedAccessKey=${R}`],
    // The AWS pair masks both halves.
    [`AKIAIOSFODNN7EXAMPLE:${SECRET40}`, `${R}:${R}`],
    [`AKIAIOSFODNN7EXAMPLE ${SECRET40} eu-west-1`, `${R} ${R} eu-west-1`],
    // Webhooks: the path is the secret.
    ['https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnopqrstuvwx ok', 'https://hooks.slack.com/services/REDACTED ok'],
    [`https://discord.com/api/webhooks/123456789012345678/${'a'.repeat(68)}`, 'https://discord.com/api/webhooks/123456789012345678/REDACTED'],
    ['https://x.webhook.office.com/webhookb2/a@b/IncomingWebhook/0123456789abcdef/c', 'https://x.webhook.office.com/webhookb2/REDACTED'],
    [`https://api.telegram.org/bot123456789:AA${'b'.repeat(33)}/sendMessage`, `https://api.telegram.org/bot${R}/sendMessage`],
    // Vendor tokens beyond the first set.
    [`deploy dop_v1_${'a'.repeat(64)} ok`, `deploy ${R} ok`],
    [`vault hvs.${'A'.repeat(90)}`, `vault ${R}`],
    [`twilio SK${'0'.repeat(32)}`, `twilio ${R}`],
    [`hf_${'a'.repeat(34)}`, R],
  ])('exports %j as %j', (logged, exported) => {
    expect(emit({ body: logged })?.body).toBe(exported);
  });

  it.each([
    'trace_id=5ce0d212c43588499809344a008b2bdd',
    'task SK-1234 closed',
    'ASKED 0123456789abcdef0123456789abcdef',
    'hooks.slack.com is reachable',
  ])('leaves %j as it is', (logged) => {
    expect(emit({ body: logged })?.body).toBe(logged);
  });
});
