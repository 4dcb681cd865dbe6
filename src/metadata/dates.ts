import { findTextDates, formatIsoDate, formatOffset, isFuture, parseMachineDate, zoneOffsetAt, type DateParts } from '../normalize/date.js';

/**
 * Zones of country-code hosts, for dates written without an offset. Fixed offsets where the country has one zone
 * and no daylight saving time; IANA names where it has DST (the offset is then computed for the date itself).
 */
const TLD_ZONES: Record<string, string> = {
  cn: '+08:00', hk: '+08:00', mo: '+08:00', tw: '+08:00', sg: '+08:00', jp: '+09:00', kr: '+09:00', in: '+05:30',
  de: 'Europe/Berlin', at: 'Europe/Vienna', ch: 'Europe/Zurich', fr: 'Europe/Paris', it: 'Europe/Rome',
  es: 'Europe/Madrid', nl: 'Europe/Amsterdam', be: 'Europe/Brussels', pl: 'Europe/Warsaw', cz: 'Europe/Prague',
  se: 'Europe/Stockholm', no: 'Europe/Oslo', dk: 'Europe/Copenhagen', fi: 'Europe/Helsinki', uk: 'Europe/London',
  ie: 'Europe/Dublin', pt: 'Europe/Lisbon', gr: 'Europe/Athens', ro: 'Europe/Bucharest', hu: 'Europe/Budapest',
  sk: 'Europe/Bratislava', si: 'Europe/Ljubljana', hr: 'Europe/Zagreb', ba: 'Europe/Sarajevo', rs: 'Europe/Belgrade',
  bg: 'Europe/Sofia', lu: 'Europe/Luxembourg', il: 'Asia/Jerusalem', tr: '+03:00', ar: '-03:00', uy: '-03:00',
  co: '-05:00', pe: '-05:00', ve: '-04:00', th: '+07:00', vn: '+07:00', ph: '+08:00', my: '+08:00', pk: '+05:00',
  bd: '+06:00', ng: '+01:00', ke: '+03:00', za: '+02:00',
};
/** Languages written (almost) only in one zone: Chinese-language news is +08:00 (mainland, Taiwan, Hong Kong, Singapore). */
const LANGUAGE_ZONES: Record<string, string> = { zh: '+08:00', 'zh-Hant': '+08:00', ja: '+09:00', ko: '+09:00' };

/** The zone to read offset-less dates in: the profile's, else the host's country, else the language's. */
export function inferZone(url: string | undefined, language: string | null, profileZone: string | undefined): string | null {
  if (profileZone) return profileZone;
  if (url) {
    try {
      const tld = new URL(url).hostname.split('.').pop() ?? '';
      if (TLD_ZONES[tld]) return TLD_ZONES[tld];
    } catch {
      // Not a URL: fall through to the language.
    }
  }
  return language ? (LANGUAGE_ZONES[language] ?? null) : null;
}

/** One place a date may come from; `read` turns its raw value into parts (machine or human format). */
export interface DateCandidate {
  value: string;
  via: string;
  machine: boolean;
  /** Already-read parts (URL dates), used instead of parsing value. */
  parts?: DateParts;
  /** Shown to readers next to the headline (dateline, byline date) or in the URL's date path: the page's local calendar day. */
  visible?: boolean;
}

export interface DateContext {
  zone: string | null;
  now: Date;
  monthFirst: boolean;
  /** Texts of the page's machine values (meta contents, scripts): read for the local offset of a UTC instant. */
  machineTexts?: () => Iterable<string>;
}

/** ISO 8601 instants that carry a non-zero offset (`2020-02-24T21:25:54-05:00`). */
const OFFSET_INSTANT = /(?:19|20)\d\d-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:\.\d+)?[+-]\d\d:?\d\d/g;

/**
 * The offset the page itself writes the same instant in elsewhere: CMSs put a UTC instant in og/JSON-LD and the
 * local one (`-05:00`) in their script state, and readers date the story by the local day.
 */
function offsetOfSameInstant(utc: DateParts, texts: Iterable<string>): number | null {
  const target = utcMs(utc);
  for (const text of texts) {
    OFFSET_INSTANT.lastIndex = 0;
    for (let m = OFFSET_INSTANT.exec(text); m; m = OFFSET_INSTANT.exec(text)) {
      const local = parseMachineDate(m[0]);
      if (local?.offsetMinutes && utcMs(local) - local.offsetMinutes * MINUTE === target) return local.offsetMinutes;
    }
  }
  return null;
}

/** Parts of a candidate when it holds a plausible date: a real calendar date, not in the future. */
function partsOf(c: DateCandidate, ctx: DateContext): DateParts | null {
  const parts = c.parts ? { ...c.parts } : c.machine ? parseMachineDate(c.value) : (findTextDates(c.value, { monthFirst: ctx.monthFirst })[0] ?? null);
  if (!parts || isFuture(parts, ctx.now)) return null;
  return parts;
}

/**
 * The first candidate (they come best first) holding a plausible date, as ISO 8601. When it gives the day only
 * (`<meta name="PubDate" content="2022-02-13">`), a later candidate with the same day and a time of day
 * (the dateline under the headline) lends its time. When it is a UTC instant whose day differs from the one
 * the page shows readers, the page's own calendar wins (see `localise`).
 */
export function firstDate(
  first: readonly DateCandidate[], ctx: DateContext, later?: () => readonly DateCandidate[],
): { iso: string; via: string } | null {
  // `later` is appended when a search reaches the end of `first`: the same list, built only if needed.
  let candidates = first;
  let pending = later;
  const has = (k: number): boolean => {
    if (k >= candidates.length && pending) {
      candidates = [...candidates, ...pending()];
      pending = undefined;
    }
    return k < candidates.length;
  };
  // Each candidate is read once: the searches below look at the same later candidates again.
  const read: (DateParts | null | undefined)[] = [];
  const partsAt = (k: number): DateParts | null => (read[k] === undefined ? (read[k] = partsOf(candidates[k], ctx)) : read[k]);
  for (let i = 0; has(i); i += 1) {
    const parts = partsAt(i);
    if (!parts) continue;
    let via = candidates[i].via;
    if (parts.hour === undefined && parts.day !== null) {
      for (let j = i + 1; has(j); j += 1) {
        const more = partsAt(j);
        if (more && more.hour !== undefined && more.year === parts.year && more.month === parts.month && more.day === parts.day) {
          Object.assign(parts, { hour: more.hour, minute: more.minute, second: more.second, offsetMinutes: more.offsetMinutes });
          via += `+${candidates[j].via}`;
          break;
        }
      }
    } else if (parts.offsetMinutes === undefined && candidates[i].visible) {
      // The shown wall time plus a metadata instant give the page's offset (`9:24 p.m.` and `02:24Z` → -05:00).
      for (let j = i + 1; has(j); j += 1) {
        if (!candidates[j].machine) continue;
        const instant = partsAt(j);
        const offset = instant?.offsetMinutes !== undefined && instant.hour !== undefined ? offsetBetween(parts, instant) : null;
        if (offset !== null) {
          parts.offsetMinutes = offset;
          via += `+${candidates[j].via}`;
          break;
        }
      }
    } else if (parts.offsetMinutes === 0 && !candidates[i].visible) {
      let shown = i + 1;
      while (has(shown) && !(candidates[shown].visible && partsAt(shown))) shown += 1;
      const local = has(shown) ? localise(parts, partsAt(shown)!) : null;
      if (local) return { iso: local, via: `${via}+${candidates[shown].via}` };
      const offset = ctx.machineTexts ? offsetOfSameInstant(parts, ctx.machineTexts()) : null;
      if (offset !== null) return { iso: formatIsoDate(inZone(parts, formatOffset(offset))), via: `${via}+offset` };
      // No dateline to learn from, but the site's zone is known: say the instant in it (23:00Z is tomorrow in Berlin).
      if (ctx.zone) return { iso: formatIsoDate(inZone(parts, ctx.zone)), via: `${via}+zone` };
    }
    return { iso: formatIsoDate(parts, ctx.zone), via };
  }
  return null;
}

const MINUTE = 60_000;

/** A UTC instant as the wall time of a zone, with that zone's offset. */
function inZone(utc: DateParts, zone: string): DateParts {
  const offset = zoneOffsetAt(zone, utc) ?? 0;
  const d = new Date(utcMs(utc) + offset * MINUTE);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), offsetMinutes: offset,
  };
}
const DAY = 24 * 60 * MINUTE;
const utcMs = (p: DateParts): number => Date.UTC(p.year, p.month - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);

/**
 * The offset that makes a shown wall time and a metadata instant the same moment, if one does (whole quarter
 * hours within ±14 h; shown times often drop the seconds, so minutes are compared).
 */
function offsetBetween(wall: DateParts, instant: DateParts): number | null {
  if (wall.day === null || instant.day === null || wall.hour === undefined) return null;
  const instantUtc = utcMs({ ...instant, second: 0 }) - (instant.offsetMinutes ?? 0) * MINUTE;
  const offset = Math.round((utcMs({ ...wall, second: 0 }) - instantUtc) / MINUTE);
  return Math.abs(offset) <= 14 * 60 && offset % 15 === 0 ? offset : null;
}

/**
 * A UTC instant from metadata (`2023-11-09T02:00:00Z`) read in the page's own zone, learnt from the date it shows
 * (`Nov. 8, 2023, 9:00 p.m.`): readers and archives date an article by the local day. With a shown time the
 * offset follows exactly (in quarter hours, within ±14 h); with a shown day only, that day. Null when they do not
 * describe the same moment.
 */
function localise(utc: DateParts, shown: DateParts): string | null {
  if (shown.day === null) return null;
  const dayShift = Math.round((utcMs({ ...shown, hour: 0, minute: 0, second: 0 }) - utcMs({ ...utc, hour: 0, minute: 0, second: 0 })) / DAY);
  if (Math.abs(dayShift) > 1) return null;
  if (shown.hour !== undefined) {
    // Shown minutes may drop the seconds: compare whole minutes.
    const offset = Math.round((utcMs({ ...shown, second: 0 }) - utcMs({ ...utc, second: 0 })) / MINUTE);
    if (offset === 0 || Math.abs(offset) > 14 * 60 || offset % 15 !== 0) return null;
    return formatIsoDate({ ...shown, second: utc.second, offsetMinutes: offset });
  }
  if (dayShift === 0) return null;
  // West of Greenwich the local day lags (evening there is the next UTC morning); east of it, it leads.
  if ((dayShift === -1 && (utc.hour ?? 0) >= 14) || (dayShift === 1 && (utc.hour ?? 0) < 10)) return null;
  return formatIsoDate({ year: shown.year, month: shown.month, day: shown.day });
}
