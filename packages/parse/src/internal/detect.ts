import { readDigits, readMonth } from './timestamp.ts';

/** `<PRI>`, `Mmm d…` followed by a time, or an RFC 3339 date and time: what syslog lines start with. */
export function isSyslogShape(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 60) return readDigits(line, 1, 1) >= 0; // '<'
  if (readMonth(line, 0) > 0) return line.charCodeAt(3) === 32 && line.charCodeAt(9) === 58;
  return readDigits(line, 0, 4) >= 0 && line.charCodeAt(4) === 45 && line.charCodeAt(10) === 84 && line.charCodeAt(13) === 58;
}

/** `client ident user [`: three words, then a bracket, within the first 300 characters. */
export function isAccessLogShape(line: string): boolean {
  const bracket = line.indexOf(' [');
  if (bracket < 0 || bracket > 300) return false;
  let spaces = 0;
  for (let i = 0; i < bracket; i++) if (line.charCodeAt(i) === 32) spaces++;
  return spaces >= 2;
}
