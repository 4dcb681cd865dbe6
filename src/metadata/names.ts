import { CJK_CHAR, collapseWhitespace } from '../normalize/text.js';
import { CJK_NON_NAME_WORD, NAME_PARTICLES, NAME_SEPARATORS, NON_NAMES, ROLE_PREFIX } from './rules.js';

/** Longest credible name: CJK names are 2–4 characters (transliterated foreign names with · run longer). */
const MAX_CJK_NAME = 6;
/** Transliterated names joined by a middle dot (阿卜杜拉·阿巴斯) are longer. */
const MAX_CJK_DOTTED_NAME = 16;
/** More names than this in one credit means the "credit" is a list of things, not of people. */
const MAX_NAMES_PER_CREDIT = 10;
const MAX_LATIN_WORDS = 5;
const MAX_NAME_LENGTH = 60;

export interface NameOptions {
  /**
   * Chinese credits separate names with spaces (`柴秋实 吴鲁 任存军`); Japanese ones write a space inside a name
   * (`大渡 美咲`) and structured values (JSON-LD) hold one name each. Default true.
   */
  cjkSpaceSeparates?: boolean;
  /**
   * Only the first name unless the credit joins several explicitly (and, 、, &): an author box reads
   * `Anna Sleegers, Frankfurt` or `David Straub, MDR THÜRINGEN`, where what follows the comma is a place or desk.
   */
  firstOnly?: boolean;
  /**
   * Structured values (JSON-LD, meta author) may be user names (`uriebe`, `marc` on blogs); names read from page
   * text must look like names (capitalised words), or prose would pass. Default false.
   */
  structured?: boolean;
}

/** Words before the name in a credit: "By", "Von", "Veröffentlicht von", "Posted by", "Eingestellt von". */
const CREDIT_PREFIX = /^(?:(?:posted|written|published|veröffentlicht|eingestellt|geschrieben|verfasst|publié|publicado)\s+)?(?:by|von|vom|par|por|door|av|af)\s+/i;

/** Explicit joins of several names (as opposed to a comma that may introduce a place or a role). */
const LIST_SEPARATOR = /、|&|\b(?:and|und|et|y|e|og|och)\b/;
/** A social link glued to the name by inline markup: `Sarah LazareTwitter`. */
const GLUED_SOCIAL_LINK = /(\p{Ll})(?:Twitter|Facebook|Instagram|LinkedIn|Bluesky|Threads|Email|E-Mail|Mail|RSS)\b.*$/u;

/** A label the label list does not know, opening the credit: `撰文：张三`, `質問者：あいぎゅ`. */
const CJK_LEADING_LABEL = /^[^\s:：]+\s*[:：]\s*/u;
/**
 * After the names, a colon opens another field, with the word before it as its label: `赵 培：北京物资学院` (an
 * affiliation), `流泉 访问统计： 2005年…` (a counter's label).
 */
const CJK_FIELD_AFTER = /(?:\s+[^\s:：]{2,})?\s*[:：].*$/u;
/**
 * Picture credits sharing the line with the writer's (摄影 is not writing): `图/李四` and `摄影：李四` credit what
 * follows, `李四 摄`, `李四/摄影`, `李四/图` the name before.
 */
const PICTURE_CREDIT_AFTER = /(?:^|\s)(?:图|图片|摄影|摄像|视频)\s*[/／:：].*$/;
const PICTURE_CREDIT_BEFORE = /(?:^|\s)[^\s/／]+(?:\s+|\s*[/／]\s*)(?:摄影|摄像|摄|图)(?=\s|$)/g;
const SINGLE_HAN = /^[\u3400-\u9fff]$/;

/**
 * One credit (`柴秋实 吴鲁 任存军`, `By Jane Doe and John Roe`, `本报记者 张三、李四`) → names, one per item.
 * CJK credits also split on spaces, because Chinese pages separate names with spaces; Latin ones only on
 * commas, semicolons, slashes and "and" (and its equivalents), because a space sits inside "Jane Doe".
 */
export function splitNames(credit: string, options: NameOptions = {}): string[] {
  let text = collapseWhitespace(credit.replace(/\([^)]*\)|（[^）]*）|<[^>]*>/g, ' '))
    .replace(CREDIT_PREFIX, '')
    .replace(GLUED_SOCIAL_LINK, '$1');
  if (CJK_CHAR.test(text)) {
    text = text.replace(PICTURE_CREDIT_AFTER, '').replace(PICTURE_CREDIT_BEFORE, ' ').trim();
    text = text.replace(CJK_LEADING_LABEL, '').replace(CJK_FIELD_AFTER, '');
  }
  const names: string[] = [];
  const pieces = options.firstOnly && !LIST_SEPARATOR.test(text) ? [text.split(NAME_SEPARATORS)[0]] : text.split(NAME_SEPARATORS);
  for (const piece of pieces) {
    const parts = CJK_CHAR.test(piece) && options.cjkSpaceSeparates !== false ? splitCjk(piece) : [piece];
    for (const part of parts) {
      const name = cleanName(part, options.structured ?? false);
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names.length <= MAX_NAMES_PER_CREDIT ? names : [];
}

function splitCjk(piece: string): string[] {
  const parts = piece.split(' ').flatMap((p) => {
    const stripped = p.replace(ROLE_PREFIX, '');
    return stripped ? [stripped] : [];
  });
  // Two-character names are padded to the width of three-character ones in printed credits: `赵 培`.
  if (parts.length === 2 && parts.every((p) => SINGLE_HAN.test(p))) return [parts.join('')];
  return parts;
}

function cleanName(raw: string, structured: boolean): string | null {
  const name = raw.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '').replace(ROLE_PREFIX, '').trim();
  if (!name || name.length > MAX_NAME_LENGTH) return null;
  if (NON_NAMES.has(name.toLowerCase())) return null;
  if (/\d|@|https?:|www\.|[:：]/i.test(name)) return null;
  if (CJK_CHAR.test(name)) {
    if (CJK_NON_NAME_WORD.test(name)) return null;
    const max = /[·•・]/.test(name) ? MAX_CJK_DOTTED_NAME : MAX_CJK_NAME;
    return name.length <= max && name.length >= 2 ? name : null;
  }
  const words = name.split(' ');
  if (words.length > MAX_LATIN_WORDS) return null;
  if (structured) return name;
  const capitalised = words.every((w) => /^[\p{Lu}\p{Lt}]/u.test(w) || NAME_PARTICLES.has(w.toLowerCase()) || /^\p{Lu}?\.$/u.test(w));
  if (!capitalised) return null;
  return name;
}

/** Names as metadata gives them (a list, or one string that may hold several). */
export function namesFrom(values: readonly string[], options: NameOptions = {}): string[] {
  const names: string[] = [];
  for (const v of values) for (const n of splitNames(v, options)) if (!names.includes(n)) names.push(n);
  return names;
}
