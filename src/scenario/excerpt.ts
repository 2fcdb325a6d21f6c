/** Quoting user text in messages (issue 17: error messages quote, never dump). */

/**
 * A short, printable excerpt of user text for an error message: control and other invisible
 * characters escaped (`\n`, `\x1b`, `\u200b`), at most `maxChars` characters of the text kept
 * (then `…`), so a hostile or huge value never reaches the terminal raw or whole.
 */
export function excerpt(text: string, maxChars = 60): string {
  const kept = text.length > maxChars ? text.slice(0, maxChars) : text;
  const escaped = kept.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
  return text.length > maxChars ? `${escaped}…` : escaped;
}
