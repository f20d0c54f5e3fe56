import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

export interface Page {
  html: string;
  headers: Record<string, string>;
}

let page: Page | undefined;

/** The live-tail page (one self-contained HTML file), with a CSP that allows only its own inline script and style. */
export function livePage(): Page {
  if (page !== undefined) return page;
  const html = readFileSync(new URL('./live-tail.html', import.meta.url), 'utf8');
  const csp = [
    "default-src 'none'",
    `script-src ${hashes(html, 'script')}`,
    `style-src ${hashes(html, 'style')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  page = {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  };
  return page;
}

function hashes(html: string, tag: 'script' | 'style'): string {
  const blocks = [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))];
  return blocks.map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`).join(' ') || "'none'";
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * On a loopback listener, only loopback host names may read the page and its records: a web
 * site that rebinds its own name to 127.0.0.1 (DNS rebinding) gets 403 instead of the logs.
 */
export function hostAllowed(req: IncomingMessage, listenHost: string): boolean {
  if (!isLoopback(listenHost)) return true;
  const host = (req.headers.host ?? '').toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return LOOPBACK_NAMES.has(name) || name === listenHost.toLowerCase();
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
