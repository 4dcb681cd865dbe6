/**
 * Dates as pages write them → ISO 8601. Two readers: `parseMachineDate` for values meant for machines (meta
 * content, JSON-LD, `<time datetime>`, HTTP dates) and `findTextDates` for dates written for people, in the
 * forms news pages use: `2021-11-13 16:24:01`, `2021年11月13日 16:24`, `13.11.2021`, `Nov. 13, 2021`,
 * `13 November 2021`, `13. November 2021`, `13 de noviembre de 2021`.
 */

export interface DateParts {
  year: number;
  month: number;
  /** Null when the page only gives a month (`2003年5月`). */
  day: number | null;
  hour?: number;
  minute?: number;
  second?: number;
  /** Offset from UTC in minutes when the value itself carries one (`+08:00`, `Z`, `GMT`). */
  offsetMinutes?: number;
}

export interface FoundDate extends DateParts {
  /** Position of the match in the searched text. */
  index: number;
}

/** Earliest year accepted: older numbers on news pages are founding years, not publication dates. */
const MIN_YEAR = 1990;

/**
 * Month names of the languages in our evaluation sets (English, German, French, Spanish, Italian, Portuguese,
 * Dutch, Swedish/Norwegian/Danish, Romanian, and the genitive forms dates use in Polish, Russian and Czech,
 * Turkish, Arabic in its two series), full and abbreviated; keys are lower case without a trailing dot.
 */
const MONTHS: Record<string, number> = {};
const MONTH_NAME_LISTS: string[][] = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['jän', 'feb', 'mär', 'apr', 'mai', 'jun', 'jul', 'aug', 'sept', 'okt', 'nov', 'dez'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'],
  ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'],
  ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  ['ocak', 'şubat', 'mart', 'nisan', 'mayıs', 'haziran', 'temmuz', 'ağustos', 'eylül', 'ekim', 'kasım', 'aralık'],
  ['ledna', 'února', 'března', 'dubna', 'května', 'června', 'července', 'srpna', 'září', 'října', 'listopadu', 'prosince'],
  ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
];
for (const list of MONTH_NAME_LISTS) list.forEach((name, i) => (MONTHS[name] = i + 1));
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const TIME = String.raw`(?:\s*(?:[T,]|at|um|à|a las|às|alle|kl\.?|-|\|)?\s*(上午|下午|晚上|凌晨)?\s*(\d{1,2})\s*[:：时時시h]\s*(\d{2})(?:\s*[:：分분]\s*(\d{2}))?(?:[.,]\d{1,6})?\s*(秒|초)?\s*([ap]\.?\s?m\.?)?(?:\s*Uhr)?\s*(Z(?![a-z])|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)?`;

/** Year first, any separator: 2021-11-13, 2021/11/13, 2021.11.13, 2021年11月13日, 2021년 11월 13일. */
const YMD = new RegExp(
  String.raw`(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年|년)\s*(\d{1,2})\s*(?:[-/.]|月|월)\s*(\d{1,2})(?!\d)\s*(?:日|일)?` + TIME,
  'giu',
);
/** Day first with dots (German, Nordic, Russian...): 13.11.2021, 13. 11. 2021. */
const DMY_DOT = new RegExp(String.raw`(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})(?!\d)` + TIME, 'giu');
/**
 * Day first with dots and a two-digit year, as German forums and blogs print post dates: 28.09.19. Two digits each,
 * nothing dotted or numeric around it, so version numbers (13.1.1) and addresses stay out; only a time may touch it
 * (`28.09.1912:44`, date and time spans rendered without a space).
 */
const DMY_DOT_SHORT = new RegExp(String.raw`(?<![\d.])(\d{2})\.(\d{2})\.(\d{2})(?:(?![\d.])|(?=\d{1,2}:\d{2}(?!\d)))` + TIME, 'giu');
/** Slashed, order ambiguous: 13/11/2021 or 11/13/2021; settled by the values, else by the page's language. */
const SLASHED = new RegExp(String.raw`(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)` + TIME, 'giu');
/** Month name first: Nov. 13, 2021; November 13th 2021; Feb 182009 (day and year spans rendered without a space). */
const MDY_NAME = new RegExp(
  String.raw`(?<![\p{L}])(${MONTH_ALT})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\.?,?\s*((?:19|20)\d{2})(?!\d)` + TIME,
  'giu',
);
/**
 * Day first with month name: 13 November 2021, 13. November 2021, 13 de noviembre de 2021, 13th Nov 2021, and the
 * two Arabic names side by side (24 نيسان / أبريل 2020). A letter may touch the day: page text joins inline elements
 * as rendered, and a label span often has no space after it (`<span>Original Research</span><span>7 April 2020</span>`).
 */
const DMY_NAME = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(${MONTH_ALT})\.?(?:\s*/\s*(?:${MONTH_ALT}))?,?\s+(?:de\s+)?((?:19|20)\d{2})(?!\d)` + TIME,
  'giu',
);
/** Year and month only (Chinese/Japanese/Korean): 2003年5月. */
const YM_CJK = /(?<!\d)((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월](?!\s*\d)/gu;

const HAS_YEAR = /(?:19|20)\d\d|\d\.\d\d\.\d\d/;
/** Two-digit years from this one on are read as 19xx (MIN_YEAR rules out older ones anyway), the rest as 20xx. */
const CENTURY_PIVOT = 90;

type Order = 'ymd' | 'dmy' | 'dmyy' | 'mdy' | 'slash';
const TEXT_PATTERNS: { re: RegExp; order: Order }[] = [
  { re: YMD, order: 'ymd' },
  { re: DMY_DOT, order: 'dmy' },
  { re: MDY_NAME, order: 'mdy' },
  { re: DMY_NAME, order: 'dmy' },
  { re: SLASHED, order: 'slash' },
  { re: DMY_DOT_SHORT, order: 'dmyy' },
];

export interface TextDateOptions {
  /** Month-first reading for ambiguous slashed dates (US English pages). */
  monthFirst?: boolean;
}

/** Every date written for people in `text`, in order of position (overlapping matches dropped). */
export function findTextDates(text: string, options: TextDateOptions = {}): FoundDate[] {
  // Every form needs a year (four digits, or two after a dotted day and month): most lines have none, and one
  // cheap test spares the regex scans.
  if (!HAS_YEAR.test(text)) return [];
  const found: FoundDate[] = [];
  const taken: [number, number][] = [];
  for (const { re, order } of TEXT_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const parts = partsFromMatch(m, order, options.monthFirst ?? false);
      if (!parts) continue;
      taken.push([start, end]);
      found.push({ ...parts, index: start });
    }
  }
  YM_CJK.lastIndex = 0;
  for (let m = YM_CJK.exec(text); m; m = YM_CJK.exec(text)) {
    const start = m.index;
    if (taken.some(([s, e]) => start < e && start + m![0].length > s)) continue;
    const parts = validParts(Number(m[1]), Number(m[2]), null);
    if (parts) found.push({ ...parts, index: start });
  }
  return found.sort((a, b) => a.index - b.index);
}

function monthNumber(s: string): number | undefined {
  return MONTHS[s.toLowerCase().replace(/\.$/, '')];
}

function partsFromMatch(m: RegExpExecArray, order: Order, monthFirst: boolean): DateParts | null {
  let year: number;
  let month: number | undefined;
  let day: number;
  if (order === 'ymd') [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (order === 'dmy') {
    day = Number(m[1]);
    month = /^\d+$/.test(m[2]) ? Number(m[2]) : monthNumber(m[2]);
    year = Number(m[3]);
  } else if (order === 'dmyy') {
    const yy = Number(m[3]);
    [day, month, year] = [Number(m[1]), Number(m[2]), yy + (yy >= CENTURY_PIVOT ? 1900 : 2000)];
  } else if (order === 'mdy') [month, day, year] = [monthNumber(m[1]), Number(m[2]), Number(m[3])];
  else {
    const a = Number(m[1]);
    const b = Number(m[2]);
    year = Number(m[3]);
    const monthFirstHere = a > 12 ? false : b > 12 ? true : monthFirst;
    [month, day] = monthFirstHere ? [a, b] : [b, a];
  }
  if (month === undefined) return null;
  const parts = validParts(year, month, day);
  if (!parts) return null;
  addTime(parts, m.slice(4));
  return parts;
}

function validParts(year: number, month: number, day: number | null): DateParts | null {
  if (year < MIN_YEAR || month < 1 || month > 12) return null;
  if (day !== null && (day < 1 || day > daysInMonth(year, month))) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Time groups of TIME: [meridiem word, hour, minute, second, 秒, am/pm, offset]. */
function addTime(parts: DateParts, groups: (string | undefined)[]): void {
  const [cjkMeridiem, h, mi, s, , ampm, offset] = groups;
  if (h === undefined || mi === undefined) return;
  let hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const pm = (ampm && /^p/i.test(ampm)) || cjkMeridiem === '下午' || cjkMeridiem === '晚上';
  const am = (ampm && /^a/i.test(ampm)) || cjkMeridiem === '上午' || cjkMeridiem === '凌晨';
  if (pm && hour < 12) hour += 12;
  if (am && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59) return;
  parts.hour = hour;
  parts.minute = minute;
  parts.second = second;
  if (offset) {
    const minutes = parseOffset(offset);
    if (minutes !== null) parts.offsetMinutes = minutes;
  }
}

/** `Z`, `+0800`, `+08:00`, `GMT`, `GMT+8`, `UTC-05:00` → minutes east of UTC. */
export function parseOffset(s: string): number | null {
  const t = s.trim().toUpperCase();
  if (t === 'Z' || t === 'GMT' || t === 'UTC') return 0;
  const m = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

const ISO = /^\s*((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
/** RFC 2822 / HTTP dates: `Sat, 13 Nov 2021 16:24:01 GMT`, `Sat, 13 Nov 2021 16:24:01 +0800`. */
const RFC2822 = /^\s*(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?/i;

/**
 * A date value meant for machines: ISO 8601 (also `20211113`, `2021-11-13 16:24:01`), RFC 2822, Unix seconds or
 * milliseconds; else falls back to the first human-written date in the value (some sites put `13.11.2021` in meta).
 */
export function parseMachineDate(value: string): DateParts | null {
  const iso = ISO.exec(value);
  if (iso) {
    const parts = validParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!parts) return null;
    if (iso[4] !== undefined) {
      addTime(parts, [undefined, iso[4], iso[5], iso[6] ?? '0', undefined, undefined, iso[7]]);
    }
    return parts;
  }
  const rfc = RFC2822.exec(value);
  if (rfc) {
    const month = monthNumber(rfc[2]);
    const parts = month ? validParts(Number(rfc[3]), month, Number(rfc[1])) : null;
    if (parts) addTime(parts, [undefined, rfc[4], rfc[5], rfc[6] ?? '0', undefined, undefined, rfc[7]]);
    return parts;
  }
  const epoch = /^\s*(\d{10}|\d{13})\s*$/.exec(value);
  if (epoch) {
    const ms = epoch[1].length === 10 ? Number(epoch[1]) * 1000 : Number(epoch[1]);
    const d = new Date(ms);
    const parts = validParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    if (parts) Object.assign(parts, { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), offsetMinutes: 0 });
    return parts;
  }
  return findTextDates(value)[0] ?? null;
}

/**
 * Dates in URL paths: /2021/11/13/, /2021-11-13/, /20211113/, t20211113_123.html, /2021/1113/, /202111/13/.
 * Month-only paths (/2021/11/) give a month.
 */
const URL_DATE_PATTERNS: { re: RegExp; hasDay: boolean }[] = [
  { re: /(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)/, hasDay: true },
  { re: /(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/, hasDay: true },
  { re: /\/((?:19|20)\d{2})\/(\d{2})(\d{2})\//, hasDay: true },
  { re: /\/((?:19|20)\d{2})(\d{2})\/(\d{2})\//, hasDay: true },
  { re: /\/((?:19|20)\d{2})[/-](\d{1,2})\//, hasDay: false },
];

export function urlDate(url: string): DateParts | null {
  let path: string;
  try {
    const u = new URL(url);
    path = u.pathname + u.search;
  } catch {
    return null;
  }
  for (const { re, hasDay } of URL_DATE_PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const parts = validParts(Number(m[1]), Number(m[2]), hasDay ? Number(m[3]) : null);
    if (parts) return parts;
  }
  return null;
}

/** Instant of the parts, taking a missing offset as `assumeOffset` (UTC when unknown); for ordering and the future test. */
function toEpochMs(parts: DateParts, assumeOffset = 0): number {
  const local = Date.UTC(parts.year, parts.month - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return local - (parts.offsetMinutes ?? assumeOffset) * 60_000;
}

/** Dates after `now` are misreadings (event dates, expiry dates, copyright "2030"); a day of slack covers time zones. */
export function isFuture(parts: DateParts, now: Date): boolean {
  // Read an offset-less wall time in the easternmost zone (+14:00): its earliest possible instant.
  return toEpochMs(parts, 14 * 60) > now.getTime() + 24 * 3600_000;
}

/** Formatters by IANA zone: building one costs more than formatting a thousand dates; null for unknown zones. */
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  if (!zoneFormats.has(zone)) {
    let format: Intl.DateTimeFormat | null = null;
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      // An unknown zone name (a typo in a site profile): dates stay without offset.
    }
    zoneFormats.set(zone, format);
  }
  return zoneFormats.get(zone)!;
}

const FIXED_OFFSET = /^(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?$|^Z$/i;

/**
 * Offset of a zone at the wall-clock time of `parts`: a fixed offset (`+08:00`) as is; an IANA zone
 * (`Europe/Berlin`) through Intl, so daylight saving time is right for that date.
 */
export function zoneOffsetAt(zone: string, parts: DateParts): number | null {
  if (FIXED_OFFSET.test(zone.trim())) return parseOffset(zone);
  const format = zoneFormat(zone);
  if (!format) return null;
  const offsetAt = (ms: number): number => {
    const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    return parseOffset(name) ?? 0;
  };
  const wall = toEpochMs({ ...parts, offsetMinutes: 0 });
  // The offset at the guessed instant can differ from the one at the true instant near a DST switch: a second pass settles it.
  const first = offsetAt(wall);
  return offsetAt(wall - first * 60_000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * ISO 8601 text of the parts: `2021-11` for a month, `2021-11-13` for a day, `2021-11-13T16:24:01` with a time,
 * plus the offset the value carries, else the zone's offset when one is given (`zone`: IANA name or `+08:00`).
 */
export function formatIsoDate(parts: DateParts, zone?: string | null): string {
  const date = `${pad(parts.year, 4)}-${pad(parts.month)}`;
  if (parts.day === null) return date;
  const day = `${date}-${pad(parts.day)}`;
  if (parts.hour === undefined) return day;
  const time = `${day}T${pad(parts.hour)}:${pad(parts.minute ?? 0)}:${pad(parts.second ?? 0)}`;
  const offset = parts.offsetMinutes ?? (zone ? zoneOffsetAt(zone, parts) : null);
  return offset === null || offset === undefined ? time : time + formatOffset(offset);
}
