// The embed URL's fragment (the part after '#', which browsers never send to a server): ordered
// key=value pairs, either plain (`code=print(1)&autorun`) or compressed as one `z=` parameter
// holding the same text deflated (deflate-raw) and base64url-encoded. No DOM: runs in Node too.

/** A fragment that cannot be read: its message is plain enough to show a teacher as it is. */
export class EmbedFragmentError extends Error {
  override name = 'EmbedFragmentError';
}

/**
 * The longest decoded fragment, in characters. Browsers accept URLs of a few MB, but an embed
 * that long is a mistake (or a decompression bomb); a long lesson is well under this.
 */
export const MAX_FRAGMENT_CHARS = 512 * 1024;

/** The key of the compressed form. */
const COMPRESSED_KEY = 'z';

const encodePart = (text: string) => encodeURIComponent(text);

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new EmbedFragmentError(
      `The embed link is damaged: "${shorten(text)}" is not valid percent-encoding.`,
    );
  }
}

function shorten(text: string, length = 40): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** `k=v&flag` text of the pairs; an empty value is written as the bare key (`&autorun`). */
function toQuery(params: Array<[string, string]>): string {
  return params
    .map(([key, value]) => (value === '' ? encodePart(key) : `${encodePart(key)}=${encodePart(value)}`))
    .join('&');
}

function fromQuery(text: string): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decodePart(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : decodePart(part.slice(equals + 1));
    if (key === '')
      throw new EmbedFragmentError(`The embed link has a value with no name: "${shorten(part)}".`);
    params.push([key, value]);
  }
  return params;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new EmbedFragmentError(
      'The compressed embed link (z=) is damaged: it has characters base64url does not use, or was cut short.',
    );
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new EmbedFragmentError(tooLong());
    }
    chunks.push(value);
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

function tooLong(): string {
  return `The embed link is too long: its content may be at most ${MAX_FRAGMENT_CHARS / 1024} KB.`;
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([new TextEncoder().encode(text)])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return readAll(stream, Number.POSITIVE_INFINITY);
}

async function inflate(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  let inflated: Uint8Array;
  try {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    inflated = await readAll(stream, MAX_FRAGMENT_CHARS * 3);
  } catch (error) {
    if (error instanceof EmbedFragmentError) throw error;
    throw new EmbedFragmentError(
      'The compressed embed link (z=) is damaged or was cut short: copy the whole link again.',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new EmbedFragmentError('The compressed embed link (z=) does not hold text.');
  }
}

/**
 * Writes ordered parameters as an embed URL fragment (without the '#'): percent-encoded
 * `k=v&k=v`, or with `compress`, `z=` and the base64url of that text deflated.
 */
export async function encodeEmbedFragment(
  params: Array<[string, string]>,
  options: { compress?: boolean } = {},
): Promise<string> {
  const query = toQuery(params);
  if (!options.compress) return query;
  return `${COMPRESSED_KEY}=${toBase64Url(await deflate(query))}`;
}

/**
 * Reads an embed URL fragment (with or without its '#') into ordered parameters. A `z=` part is
 * inflated in place, so plain parameters may follow it (`#z=…&theme=dark`). Throws
 * EmbedFragmentError, with a message fit to show, for a damaged, truncated or oversized fragment.
 */
export async function decodeEmbedFragment(fragment: string): Promise<Array<[string, string]>> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_CHARS * 3) throw new EmbedFragmentError(tooLong());
  const params: Array<[string, string]> = [];
  for (const [key, value] of fromQuery(text)) {
    if (key !== COMPRESSED_KEY) {
      params.push([key, value]);
      continue;
    }
    if (value === '') throw new EmbedFragmentError('The compressed embed link (z=) is empty.');
    const inner = fromQuery(await inflate(fromBase64Url(value)));
    if (inner.some(([innerKey]) => innerKey === COMPRESSED_KEY)) {
      throw new EmbedFragmentError('The compressed embed link (z=) holds another z=, which is not allowed.');
    }
    params.push(...inner);
  }
  const total = params.reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  if (total > MAX_FRAGMENT_CHARS) throw new EmbedFragmentError(tooLong());
  return params;
}
