import { converter } from '../normalize/convert.js';

const LETTER = /\p{L}/u;

/** Share of the letters a script must reach before the text counts as written in it. */
const KANA_SHARE = 0.05;
const HANGUL_SHARE = 0.2;
const HAN_SHARE = 0.3;
/**
 * Share of Han characters that converting Traditional→Simplified changes, above which the text is Traditional:
 * Simplified text hardly changes (a few characters shared by both scripts), Traditional news text changes ~20%.
 */
const TRADITIONAL_SHARE = 0.04;
/** Han characters sampled for the Traditional test: enough to decide, cheap to convert. */
const TRADITIONAL_SAMPLE = 400;

/** Tags naming Traditional Chinese: script subtag, or the regions that write it. */
const TRADITIONAL_TAG = /^zh[-_](?:hant|tw|hk|mo)\b/i;
const SIMPLIFIED_TAG = /^zh[-_](?:hans|cn|sg|my)\b/i;

interface ScriptCounts {
  letters: number;
  han: number;
  kana: number;
  hangul: number;
}

/** A Han character (CJK Unified Ideographs and Extension A), by UTF-16 code unit: both blocks lie in the BMP. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** One pass over the sample counting letters by script (four regex scans cost four times as much). */
function countScripts(text: string): ScriptCounts {
  const counts = { letters: 0, han: 0, kana: 0, hangul: 0 };
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) counts.letters += 1;
    } else if (isHan(c)) {
      counts.han += 1;
      counts.letters += 1;
    } else if (c >= 0x3040 && c <= 0x30ff) {
      counts.kana += 1;
      counts.letters += 1;
    } else if (c >= 0xac00 && c <= 0xd7af) {
      counts.hangul += 1;
      counts.letters += 1;
    } else if (LETTER.test(text[i])) counts.letters += 1;
  }
  return counts;
}

/** The first `count` Han characters of the text, joined; read up to there, not matched all over the sample. */
function firstHan(text: string, count: number): string {
  const chars: string[] = [];
  for (let i = 0; i < text.length && chars.length < count; i += 1) if (isHan(text.charCodeAt(i))) chars.push(text[i]);
  return chars.join('');
}

function isTraditional(text: string): boolean {
  const han = firstHan(text, TRADITIONAL_SAMPLE);
  if (han.length === 0) return false;
  const simplified = converter('t2s')(han);
  let changed = 0;
  for (let i = 0; i < han.length; i += 1) if (han[i] !== simplified[i]) changed += 1;
  return changed / han.length > TRADITIONAL_SHARE;
}

/** The script the text is mostly written in, as a language: Han → zh, kana → ja, hangul → ko; else null. */
function scriptLanguage(text: string): 'zh' | 'ja' | 'ko' | null {
  const { letters, han, kana, hangul } = countScripts(text);
  if (letters === 0) return null;
  if (kana / letters >= KANA_SHARE) return 'ja';
  if (hangul / letters >= HANGUL_SHARE) return 'ko';
  if (han / letters >= HAN_SHARE) return 'zh';
  return null;
}

/**
 * BCP 47 language of the page: the declared tag (html lang, content-language, og:locale) reduced to its language
 * (`en-US` → `en`), Chinese kept as `zh` or `zh-Hant`; the text's script overrides a declaration it contradicts
 * (CMS templates ship `lang="en"` on Chinese pages) and decides when nothing is declared.
 */
export function detectLanguage(declared: string | null, sample: string): { language: string | null; via: string } {
  const tag = declared?.trim().replace(/_/g, '-') ?? '';
  const primary = /^[a-z]{2,3}(?=$|-)/i.exec(tag)?.[0].toLowerCase() ?? null;
  const script = scriptLanguage(sample);
  if (primary && (script === null || script === primary)) {
    if (primary !== 'zh') return { language: primary, via: 'declared' };
    if (TRADITIONAL_TAG.test(tag)) return { language: 'zh-Hant', via: 'declared' };
    if (SIMPLIFIED_TAG.test(tag)) return { language: 'zh', via: 'declared' };
    return { language: isTraditional(sample) ? 'zh-Hant' : 'zh', via: 'declared+script' };
  }
  if (script === 'zh') return { language: isTraditional(sample) ? 'zh-Hant' : 'zh', via: 'script' };
  if (script) return { language: script, via: 'script' };
  return { language: primary, via: 'declared' };
}
