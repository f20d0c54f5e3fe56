import type { Context } from '@opentelemetry/api';
import type { LogRecordLike, Predicate } from '@logweave/core';

/** The kinds of log `classify` tells apart; a custom rule may name another. */
export type LogType = 'system' | 'application' | 'network' | 'security' | 'audit';

/** Sets `log.type` to `type` on the records `when` accepts. Rules are tried in order; the first match wins. */
export interface LogTypeRule {
  readonly type: LogType | (string & {});
  readonly when: Predicate;
}

/** What a record is classified as when no rule matches. */
export const DEFAULT_LOG_TYPE: LogType = 'application';

const SECURITY_TEXT = new RegExp(
  String.raw`\b(?:auth(?:entication|orization)?\s+(?:failed|failure|error|denied)` +
    String.raw`|(?:failed|invalid|bad|wrong)\s+(?:login|logon|password|credentials?|token|signature|api[\s-]?key|otp)` +
    String.raw`|log(?:in|on)\s+(?:failed|failure|denied)|access\s+denied|permission\s+denied|forbidden` +
    String.raw`|unauthori[sz]ed|not\s+authori[sz]ed|account\s+locked|brute[\s-]?force|csrf|xss|sql\s+injection` +
    String.raw`|intrusion|malware|firewall|waf|iptables|blocked\s+(?:ip|request|connection|by)|denied\s+by\s+policy)\b`,
  'i',
);
const AUDIT_TEXT = new RegExp(
  String.raw`\baudit(?:ed|ing)?\b` +
    String.raw`|\b(?:user|account|role|permission|group|api[\s-]?key|password|policy|setting)s?\s+(?:created|deleted|removed|updated|changed|granted|revoked|assigned|reset|exported)\b` +
    String.raw`|\b(?:role|permission|privilege)s?\s+\S+\s+(?:granted|revoked|assigned)\b` +
    String.raw`|\b(?:granted|revoked|assigned)\s+(?:the\s+)?(?:role|permission|access)\b|\blogged\s+(?:in|out)\b|\blog(?:in|on)\s+succe(?:eded|ssful)\b`,
  'i',
);
const AUDIT_NAME = /\baudit\b/i;
const NETWORK_TEXT = new RegExp(
  String.raw`\b(?:E(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|HOSTUNREACH|NETUNREACH|NETDOWN|ADDRINUSE|PIPE|AI_AGAIN|NOTFOUND)` +
    String.raw`|socket\s+hang\s+up|connection\s+(?:refused|reset|closed|lost|timed?\s*out)|network\s+(?:error|unreachable|timeout)` +
    String.raw`|dns|tls\s+handshake|certificate|upstream|proxy\s+error|bad\s+gateway|gateway\s+time-?out|packet\s+loss)\b`,
  'i',
);
const SYSTEM_TEXT = new RegExp(
  String.raw`\b(?:out\s+of\s+memory|heap\s+(?:limit|out|size)|ENOSPC|EMFILE|ENFILE|no\s+space\s+left|disk\s+(?:full|space)` +
    String.raw`|uncaught\s+exception|unhandled\s+(?:promise\s+)?rejection|SIG(?:TERM|INT|KILL|HUP)|(?:graceful\s+)?shut(?:ting)?\s*down` +
    String.raw`|server\s+(?:started|listening|stopped)|process\s+exit(?:ed|ing)?|event\s+loop\s+(?:lag|blocked|delay)` +
    String.raw`|garbage\s+collect(?:ion|or)|(?:cpu|memory)\s+usage)\b`,
  'i',
);
const SYSTEM_SCOPE = /^(?:node:|process\b|system\b|runtime\b|v8\b)/i;

/**
 * The default rules, in order (see the README for the table). Security comes before audit so an
 * authentication failure is `security` while a successful login is `audit`.
 */
export const logTypeRules: readonly LogTypeRule[] = Object.freeze([
  { type: 'security', when: (r: LogRecordLike) => isAuthStatus(r.attributes['http.response.status_code']) || textMatches(r, SECURITY_TEXT) },
  { type: 'audit', when: (r: LogRecordLike) => isAuditNamed(r) || textMatches(r, AUDIT_TEXT) },
  { type: 'network', when: (r: LogRecordLike) => textMatches(r, NETWORK_TEXT) },
  { type: 'system', when: (r: LogRecordLike) => SYSTEM_SCOPE.test(r.instrumentationScope.name) || textMatches(r, SYSTEM_TEXT) },
]);

/** The type of the first rule that accepts the record, or `application`. */
export function classifyLogType(
  record: LogRecordLike,
  rules: readonly LogTypeRule[] = logTypeRules,
  context?: Context,
): string {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.when(record, context)) return rule.type;
  }
  return DEFAULT_LOG_TYPE;
}

/**
 * The record's message: a string body, the `message`/`msg` of a structured body, or else the
 * `exception.message` attribute.
 */
function messageOf(record: LogRecordLike): string | undefined {
  const body = record.body;
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null) {
    const fields = body as { message?: unknown; msg?: unknown };
    if (typeof fields.message === 'string') return fields.message;
    if (typeof fields.msg === 'string') return fields.msg;
  }
  const message = record.attributes['exception.message'];
  return typeof message === 'string' ? message : undefined;
}

function textMatches(record: LogRecordLike, regex: RegExp): boolean {
  const text = messageOf(record);
  return text !== undefined && regex.test(text);
}

function isAuthStatus(status: unknown): boolean {
  return status === 401 || status === 403;
}

function isAuditNamed(record: LogRecordLike): boolean {
  const eventName = record.eventName ?? record.attributes['event.name'];
  return (typeof eventName === 'string' && AUDIT_NAME.test(eventName)) || AUDIT_NAME.test(record.instrumentationScope.name);
}
