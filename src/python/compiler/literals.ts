// Literal tokens: string escapes and prefixes, number literals.
import type { SyntaxNode } from '@lezer/common';
import { pyError, PyFloat, pyInt, PyValue } from '../objects.js';
import { text } from '../scope.js';

// Literals

export function unescape(s: string, raw: boolean): string {
  if (raw || !s.includes('\\')) return s;
  return s.replace(
    /\\(\n|\\|'|"|a|b|f|n|r|t|v|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|.)/g,
    (m, e: string) => {
      switch (e[0]) {
        case '\n':
          return '';
        case '\\':
          return '\\';
        case "'":
          return "'";
        case '"':
          return '"';
        case 'a':
          return '\x07';
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case 'v':
          return '\v';
        case 'x':
        case 'u':
        case 'U':
          return String.fromCodePoint(parseInt(e.slice(1), 16));
        case 'N':
          return m;
        default:
          if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
          return m;
      }
    },
  );
}

/** Prefix, quote length and body range of a string token. */
function stringParts(src: string): { prefix: string; body: string; quoteLen: number } {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(src)!;
  const prefix = m[1].toLowerCase();
  const q = m[2];
  return { prefix, body: src.slice(m[0].length, src.length - q.length), quoteLen: q.length };
}

export function parseNumber(t: string): PyValue {
  const s = t.replace(/_/g, '');
  if (/[jJ]$/.test(s)) throw pyError('NotImplementedError', 'complex numbers are not supported');
  if (/^0[xX]/.test(s) || /^0[oO]/.test(s) || /^0[bB]/.test(s)) return pyInt(BigInt(s));
  if (/[.eE]/.test(s) || /inf|nan/i.test(s)) return new PyFloat(Number(s));
  return pyInt(BigInt(s));
}

export function stringValue(node: SyntaxNode): string {
  const { prefix, body } = stringParts(text(node));
  return unescape(body, prefix.includes('r'));
}
