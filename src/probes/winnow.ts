/**
 * Content fingerprints of code, after MOSS: the hashes of every k consecutive normalised tokens (code-tokens.ts),
 * winnowed — in every window of `window` consecutive k-gram hashes the smallest is kept (Schleimer, Wilkerson, Aiken,
 * "Winnowing: local algorithms for document fingerprinting", SIGMOD 2003). Any run of at least k + window − 1 tokens
 * that two files share gives both of them at least one common fingerprint, and the same code always gives the same
 * fingerprints, wherever it sits in a file.
 *
 * A file keeps at most `maxPerFile` distinct fingerprints: the smallest values (a bottom-k sketch, so a file and its
 * copy keep the same ones). Linear time: a rolling hash over the tokens, a monotonic queue over the windows.
 * Fingerprints are 32-bit numbers; the catalogue stores them as 8 hex digits, never any code.
 */
import { MAX_TOKENS, normalisedTokens, type TokenLanguage } from './code-tokens.js';

export interface WinnowParams {
  /** Tokens per k-gram. */
  k: number;
  /** k-gram hashes per winnowing window. */
  window: number;
  /** Distinct fingerprints kept per file (the smallest). */
  maxPerFile: number;
}

/** Characters of one file read at most (the rest is not fingerprinted). */
const MAX_FINGERPRINT_CHARS = 512 * 1024;

/** 32-bit FNV-1a of a token. */
function tokenHash(tok: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < tok.length; i++) h = Math.imul(h ^ tok.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads a rolling hash over all 32 bits, so the window minimum is a fair sample. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const BASE = 0x01000193;

/** The hash of every k consecutive tokens (a polynomial rolling hash mod 2^32, then mixed). Empty when fewer than k. */
export function kgramHashes(tokens: readonly string[], k: number): Uint32Array {
  if (k < 1 || tokens.length < k) return new Uint32Array(0);
  const cache = new Map<string, number>();
  const th = (t: string): number => {
    let v = cache.get(t);
    if (v === undefined) cache.set(t, (v = tokenHash(t)));
    return v;
  };
  let top = 1; // BASE^(k-1)
  for (let j = 1; j < k; j++) top = Math.imul(top, BASE);
  const out = new Uint32Array(tokens.length - k + 1);
  let h = 0;
  for (let j = 0; j < k; j++) h = (Math.imul(h, BASE) + th(tokens[j]!)) | 0;
  out[0] = mix(h >>> 0);
  for (let i = k; i < tokens.length; i++) {
    h = (Math.imul(h - Math.imul(th(tokens[i - k]!), top), BASE) + th(tokens[i]!)) | 0;
    out[i - k + 1] = mix(h >>> 0);
  }
  return out;
}

/**
 * The winnowed hashes: the minimum of every window of `window` consecutive hashes (all of them when there are fewer),
 * as distinct values. Which of several equal minima is picked does not change the values, so no tie rule is needed.
 */
export function winnow(hashes: Uint32Array, window: number): Set<number> {
  const picked = new Set<number>();
  if (!hashes.length) return picked;
  const w = Math.max(1, Math.min(window, hashes.length));
  // Indices of a monotonic queue: hash values increasing from head to tail; the head is the window's minimum.
  const q = new Int32Array(hashes.length);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < hashes.length; i++) {
    while (tail > head && hashes[q[tail - 1]!]! >= hashes[i]!) tail--;
    q[tail++] = i;
    if (q[head]! <= i - w) head++;
    if (i >= w - 1) picked.add(hashes[q[head]!]!);
  }
  return picked;
}

/** The smallest `max` values, ascending. */
export function bottom(values: Iterable<number>, max: number): number[] {
  return [...values].sort((a, b) => a - b).slice(0, Math.max(0, max));
}

/** A file's fingerprints: normalised tokens, k-gram hashes, winnowed, the smallest `maxPerFile` kept (ascending). */
export function fileFingerprints(text: string, lang: TokenLanguage, p: WinnowParams): number[] {
  return fileFingerprintsAndTokens(text, lang, p).fingerprints;
}

/**
 * fileFingerprints, with how much code the file holds: its distinct k-grams of normalised tokens (about its token
 * count for ordinary code; a line repeated 400 times, or a 300-key settings dict, counts about once — attack13: such a
 * padding file made a retyped trainer "not the main code" and the copy not found).
 */
export function fileFingerprintsAndTokens(text: string, lang: TokenLanguage, p: WinnowParams): { fingerprints: number[]; tokens: number } {
  const bounded = text.length > MAX_FINGERPRINT_CHARS ? text.slice(0, MAX_FINGERPRINT_CHARS) : text;
  const tokens = normalisedTokens(bounded, lang, MAX_TOKENS);
  const hashes = kgramHashes(tokens, p.k);
  return { fingerprints: bottom(winnow(hashes, p.window), p.maxPerFile), tokens: new Set(hashes).size };
}

/** Fingerprints as the catalogue stores them: 8 hex digits each, space-separated. */
export function encodeFingerprints(fps: readonly number[]): string {
  return fps.map((h) => h.toString(16).padStart(8, '0')).join(' ');
}

/** The catalogue's form back to numbers; anything that is not 8 hex digits is skipped. */
export function decodeFingerprints(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(' ')) {
    if (part.length !== 8) continue;
    const v = Number.parseInt(part, 16);
    if (Number.isFinite(v) && v.toString(16).padStart(8, '0') === part) out.push(v);
  }
  return out;
}
