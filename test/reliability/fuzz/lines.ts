import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates included: what a JavaScript string may hold. */
export const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Pieces that steer parsers into their branches: delimiters, quotes, escapes, level words, dates. */
const piece = fc.constantFrom(
  ' ', '\t', '=', '"', '\\"', '\\', '\\u00e9', '\\u12', '{', '}', '[', ']', '<', '>', ':', '-', '.', '\n', '\r\n',
  'level', 'msg', 'time', 'ts', 'err', 'message', '__proto__', 'constructor', 'prototype', 'ERROR', 'warn', '50', 'crit',
  '2024-05-01T10:00:00.123Z', '2024-05-01 10:00:00', 'Oct 11 22:14:15', '1714557600', '+02:00', 'Z', 'NaN', '1e999',
  '<165>1 ', '<34>', 'sshd[230]: ', '[01/May/2024:10:00:00 +0000]', '"GET / HTTP/1.1"', ' 200 ', ' 512', '\uD800', '\u00a0',
);

/** Text built from any code unit and from the pieces parsers look for. */
export function lineText(maxLength = 120): fc.Arbitrary<string> {
  return fc.string({ unit: fc.oneof({ weight: 3, arbitrary: anyCodeUnit }, { weight: 2, arbitrary: piece }), maxLength });
}

const key = fc.oneof(
  fc.constantFrom('msg', 'message', 'level', 'lvl', 'severity', 'log.level', 'time', 'timestamp', '@timestamp', 'ts', 't', 'err', 'error', 'pid', 'hostname', 'stack', '__proto__', 'constructor', ''),
  lineText(12),
);

const jsonValueLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, 30, 50, -1, 1e21, 1714557600123, '2024-05-01T10:00:00Z', 'warn', 'FATAL4'),
  fc.record({ message: lineText(20), stack: lineText(40), type: lineText(8) }, { requiredKeys: [] }),
);

/** One JSON object per line, as pino, bunyan, winston and zap write them, and broken ones. */
export const jsonLine = fc.oneof(
  fc.dictionary(key, jsonValueLike, { maxKeys: 8 }).map((object) => JSON.stringify(object)),
  fc.tuple(fc.dictionary(key, jsonValueLike, { maxKeys: 4 }), fc.nat(40)).map(([o, cut]) => JSON.stringify(o).slice(0, cut)),
  fc.nat(20_000).map((depth) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`),
);

/** logfmt and key=value text: pairs with bare, quoted and escaped values, and stray words. */
export const logfmtLine = fc
  .array(
    fc.oneof(
      fc.tuple(key, lineText(16)).map(([k, v]) => `${k}=${v}`),
      fc.tuple(key, lineText(16)).map(([k, v]) => `${k}="${v}"`),
      key,
    ),
    { maxLength: 8 },
  )
  .map((pairs) => pairs.join(' '));

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{1,${n}}$`));

/** RFC 5424 and RFC 3164 shapes with random fields, and out-of-range priorities and dates. */
export const syslogLine = fc.oneof(
  fc
    .tuple(digits(4), digits(2), fc.oneof(fc.constant('2003-10-11T22:14:15.003Z'), lineText(30)), lineText(10), lineText(10), lineText(6), lineText(6), lineText(30), lineText(40))
    .map(([pri, version, time, host, app, proc, msgid, sd, msg]) => `<${pri}>${version} ${time} ${host} ${app} ${proc} ${msgid} ${sd} ${msg}`),
  fc
    .tuple(fc.option(digits(3)), fc.constantFrom('Jan', 'Feb', 'Oct', 'Dec', 'Foo'), digits(2), digits(2), digits(2), digits(2), lineText(10), lineText(10), lineText(40))
    .map(([pri, month, day, h, m, s, host, tag, msg]) => `${pri === null ? '' : `<${pri}>`}${month} ${day} ${h}:${m}:${s} ${host} ${tag}: ${msg}`),
);

/** Apache / nginx common and combined log lines with random fields. */
export const accessLogLine = fc
  .tuple(
    lineText(15),
    fc.oneof(fc.constant('01/May/2024:10:00:00 +0000'), lineText(26)),
    fc.constantFrom('GET', 'POST', 'BREW', ''),
    lineText(30),
    digits(3),
    fc.oneof(digits(16), fc.constant('-')),
    lineText(30),
  )
  .map(([client, time, method, path, status, bytes, agent]) => `${client} - user [${time}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}"`);

/** Every line shape above, and plain text. */
export const anyLine = fc.oneof(lineText(300), jsonLine, logfmtLine, syslogLine, accessLogLine);
