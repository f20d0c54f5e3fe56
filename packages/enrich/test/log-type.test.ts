import { attr } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { enrich, logTypeRules, type LogTypeRule } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

describe.each(sdkLines)('enrich classify on sdk-logs $line', (line) => {
  it.each([
    ['Authentication failed for user admin from 203.0.113.9', 'security'],
    ['Access denied to /admin for role viewer', 'security'],
    ['invalid token signature', 'security'],
    ['Firewall blocked connection from 198.51.100.4:445', 'security'],
    ['Too many requests: possible brute-force on /login', 'security'],
    ['AUDIT user alice exported 120 invoices', 'audit'],
    ['Role admin granted to bob by alice', 'audit'],
    ['alice logged in', 'audit'],
    ['connect ECONNREFUSED 10.0.0.12:5432', 'network'],
    ['upstream gateway timeout after 30s', 'network'],
    ['TLS handshake failed with payments.example', 'network'],
    ['FATAL: JavaScript heap out of memory', 'system'],
    ['Received SIGTERM, shutting down', 'system'],
    ['ENOSPC: no space left on device, write', 'system'],
    ['Order 1042 placed: 3 items', 'application'],
    ['cache miss for key product:77', 'application'],
  ])('classifies %j as %s', (body, type) => {
    const { logger, records } = setUp(line, [enrich({ classify: true })]);
    logger.emit({ body });
    expect(records[0]!.attributes['log.type']).toBe(type);
  });

  it('reads structured bodies, HTTP 401/403 status and audit scopes', () => {
    const { provider, logger, records } = setUp(line, [enrich({ classify: true })]);
    logger.emit({ body: { message: 'connection reset by peer', retry: 2 } });
    logger.emit({ body: 'GET /admin', attributes: { 'http.response.status_code': 403 } });
    provider.getLogger('billing.audit').emit({ body: 'invoice 88 voided' });
    expect(records.map((r) => r.attributes['log.type'])).toEqual(['network', 'security', 'audit']);
  });

  it('classifies by the message of an Error body once it became exception.*', () => {
    const { logger, records } = setUp(line, [enrich({ classify: true })]);
    logger.emit({ body: new Error('getaddrinfo EAI_AGAIN db.internal') as unknown as string });
    expect(records[0]!.attributes['log.type']).toBe('network');
  });

  it('tries custom rules in order, falls back to application, and keeps an application value', () => {
    const rules: LogTypeRule[] = [{ type: 'audit', when: attr('event.domain', 'billing') }, ...logTypeRules];
    const { logger, records } = setUp(line, [enrich({ classify: { rules } })]);
    logger.emit({ body: 'invoice sent', attributes: { 'event.domain': 'billing' } });
    logger.emit({ body: 'invoice sent' });
    logger.emit({ body: 'access denied', attributes: { 'log.type': 'application' } });
    expect(records.map((r) => r.attributes['log.type'])).toEqual(['audit', 'application', 'application']);
  });

  it('does not classify unless asked', () => {
    const { logger, records } = setUp(line, [enrich()]);
    logger.emit({ body: 'access denied' });
    expect(records[0]!.attributes).toEqual({});
  });
});
