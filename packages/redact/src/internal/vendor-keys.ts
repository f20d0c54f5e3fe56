import { found } from './detector.ts';
import { boundaryAfter } from './escapes.ts';
import { JWT_HEAD, KEY_HEAD, VENDOR_HEAD, WEBHOOK } from './features.ts';
import { regexDetector, whole } from './regex-detector.ts';

/*
 * Secret families of gitleaks' default rules and detect-secrets' plugins that log lines carry,
 * written from the vendors' documented token formats (the family table is in the README). Each
 * branch starts with a literal head that features.ts notes (VENDOR_HEAD), is bounded, and ends
 * where its alphabet ends.
 */

const TAIL = '(?![A-Za-z0-9])';

/** Vendor tokens with a documented prefix, beyond the ones of the `apiKey` detector in detectors.ts. */
export const vendorKeys = regexDetector(
  'apiKey',
  [VENDOR_HEAD | KEY_HEAD | JWT_HEAD, 0],
  boundaryAfter(String.raw`A-Za-z0-9_\-`) + '(?:' + [
    String.raw`do[opr]_v1_[a-f0-9]{64}${TAIL}`, // DigitalOcean
    String.raw`hv[sbr]\.[A-Za-z0-9_\-]{24,400}`, // HashiCorp Vault
    String.raw`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}`, // Terraform Cloud
    String.raw`pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,400}`, // PyPI upload token
    String.raw`lin_api_[A-Za-z0-9]{40}${TAIL}`, // Linear
    String.raw`PMAK-[a-f0-9]{24}-[a-f0-9]{34}${TAIL}`, // Postman
    String.raw`glc_[A-Za-z0-9+/]{32,400}={0,2}`, // Grafana Cloud
    String.raw`glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${TAIL}`, // Grafana service account
    String.raw`NRAK-[A-Z0-9]{27}${TAIL}`, // New Relic user key
    String.raw`sntry[su]_[A-Za-z0-9+/=_\-]{40,400}`, // Sentry
    String.raw`hf_[A-Za-z]{34}${TAIL}`, // Hugging Face
    String.raw`AGE-SECRET-KEY-1[0-9A-Z]{58}${TAIL}`, // age
    String.raw`xapp-[0-9]-[A-Z0-9]{1,20}-[0-9]{1,20}-[a-z0-9]{16,100}`, // Slack app-level
    String.raw`shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}${TAIL}`, // Shopify
    String.raw`sq0(?:atp|csp)-[0-9A-Za-z_\-]{22,43}`, // Square
    String.raw`key-[0-9a-z]{32}${TAIL}`, // Mailgun
    String.raw`gl(?:rt|dt|ptt|cbt|ft|imt|agent|oas|soat|ffct)-[A-Za-z0-9_\-]{20,400}`, // GitLab, beyond glpat-
    String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}${TAIL}`, // Doppler
    String.raw`dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}${TAIL}`, // Dynatrace
    String.raw`LTAI[A-Za-z0-9]{20}${TAIL}`, // Alibaba Cloud access key id
    String.raw`EZ[AT]K[A-Za-z0-9]{54}${TAIL}`, // EasyPost
    String.raw`pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\-.=]{32,64}`, // PlanetScale
    String.raw`pul-[a-f0-9]{40}${TAIL}`, // Pulumi
    String.raw`rubygems_[a-f0-9]{48}${TAIL}`, // RubyGems
    String.raw`xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}${TAIL}`, // Brevo (Sendinblue)
    String.raw`CFPAT-[A-Za-z0-9_\-]{43}${TAIL}`, // Contentful
    String.raw`pnu_[A-Za-z0-9]{36}${TAIL}`, // Prefect
    String.raw`[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34}${TAIL}`, // Microsoft Entra ID client secret
    String.raw`AKCp[A-Za-z0-9]{69}${TAIL}`, // Artifactory API key
    String.raw`eyJrIjoi[A-Za-z0-9]{70,400}={0,3}`, // Grafana API key
    String.raw`ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}`, // 1Password service account
    String.raw`ntn_[0-9]{11}[A-Za-z0-9]{35}${TAIL}`, // Notion
    String.raw`duffel_(?:test|live)_[A-Za-z0-9_\-=]{43}`, // Duffel
    String.raw`(?:fo1_[A-Za-z0-9_\-]{43}|fm2_[A-Za-z0-9+/]{100,2000}={0,3})`, // Fly.io
    String.raw`sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}${TAIL}`, // Sourcegraph
    String.raw`CLOJARS_[a-z0-9]{60}${TAIL}`, // Clojars
    String.raw`FLW(?:SECK|PUBK)_TEST-[a-h0-9]{12,32}(?:-X)?`, // Flutterwave
    String.raw`shippo_(?:live|test)_[a-fA-F0-9]{40}${TAIL}`, // Shippo
    String.raw`tfp_[A-Za-z0-9_\-.=]{59}`, // Typeform
    String.raw`rdme_[a-z0-9]{70}${TAIL}`, // ReadMe
    String.raw`HRKU-AA[0-9A-Za-z_\-]{58}`, // Heroku
    String.raw`pplx-[A-Za-z0-9]{48}${TAIL}`, // Perplexity
    String.raw`ico-[A-Za-z0-9]{32}${TAIL}`, // Infracost
    String.raw`API-[A-Z0-9]{26}${TAIL}`, // Octopus Deploy
    String.raw`fio-u-[A-Za-z0-9_\-=]{64}`, // Frame.io
    String.raw`tk-us-[A-Za-z0-9_\-]{48}`, // Scalingo
    String.raw`p8e-[A-Za-z0-9]{32}${TAIL}`, // Adobe client secret
    String.raw`SK[0-9a-fA-F]{32}${TAIL}`, // Twilio API key
    String.raw`GR1348941[A-Za-z0-9_\-]{20}`, // GitLab runner registration
  ].join('|') + ')',
  whole('value'),
);

/** Telegram bot tokens, also in the path of the Bot API (`api.telegram.org/bot<token>/sendMessage`). */
export const telegramBotToken = regexDetector(
  'apiKey',
  [VENDOR_HEAD, 0],
  String.raw`(?:(?<=/bot)|(?<![A-Za-z0-9_\-]))[0-9]{8,10}:AA[A-Za-z0-9_\-]{33}(?![A-Za-z0-9_\-])`,
  whole('value'),
);

/**
 * An AWS secret access key has no prefix: it is found beside its access key id (`AKIA…:<40>`,
 * `AKIA… <40>`, `AKIA…,<40>` of a credentials CSV), where the id detector masks the id.
 */
export const awsSecretPair = regexDetector(
  'apiKey',
  [KEY_HEAD, 0],
  String.raw`(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?:[ \t]{0,3}[:,;|=/][ \t]{0,3}|[ \t]{1,3})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
  (_input, start, end, hit) => found(hit, start, end - 40, end, end, 'value'),
);

/** Chat webhook URLs whose path is the secret: Slack, Discord (its token; the id stays), Microsoft Teams. */
export const webhookUrl = regexDetector(
  'url',
  [WEBHOOK, 0],
  String.raw`(?:hooks\.slack\.com/(?:services|workflows|triggers)/|discord(?:app)?\.com/api/webhooks/[0-9]{5,30}/|\.webhook\.office\.com/webhookb2/)[A-Za-z0-9_\-/@]{8,400}`,
  (input, start, end, hit) => {
    const secret = webhookSecretStart(input, start);
    return secret < end && found(hit, start, secret, end, end, 'query');
  },
);

/** Where the secret of a webhook URL matched at `start` begins: after the kind (Slack), the id (Discord), or `webhookb2/` (Teams). */
function webhookSecretStart(input: string, start: number): number {
  const first = input.charCodeAt(start);
  if (first === 0x2e) return start + '.webhook.office.com/webhookb2/'.length;
  const kindEnd = input.indexOf('/', input.indexOf(first === 0x68 ? '.com/' : '/webhooks/', start) + (first === 0x68 ? 5 : 10));
  return kindEnd + 1;
}
