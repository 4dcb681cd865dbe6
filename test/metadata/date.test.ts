import { describe, expect, it } from 'vitest';
import {
  findTextDates, formatIsoDate, isFuture, parseMachineDate, urlDate, zoneOffsetAt, type DateParts,
} from '../../src/normalize/date.js';

const first = (text: string, monthFirst = false): string | null => {
  const d = findTextDates(text, { monthFirst })[0];
  return d ? formatIsoDate(d) : null;
};

describe('normalize/date: dates written for people', () => {
  it('reads the portal forms, with and without time', () => {
    expect(first('时间:2021-11-13 16:24:01来源:中国乡村振兴网')).toBe('2021-11-13T16:24:01');
    expect(first('发布时间：2021年11月13日 16:24 来源：新华社')).toBe('2021-11-13T16:24:00');
    expect(first('2021年11月13日16时24分')).toBe('2021-11-13T16:24:00');
    expect(first('2005-5-7 21:23:57')).toBe('2005-05-07T21:23:57');
    expect(first('更新于 2021/11/13')).toBe('2021-11-13');
    expect(first('2021.11.13')).toBe('2021-11-13');
    expect(first('2020년 4월 17일')).toBe('2020-04-17');
  });

  it('reads the two-digit years of forum and blog post dates (28.09.19), not version numbers or addresses', () => {
    expect(first('macbacchi   28.09.19  12:44    hallo, hat jemand')).toBe('2019-09-28T12:44:00');
    expect(first('31.10.23')).toBe('2023-10-31');
    expect(first('26.10.98 rebellisch')).toBe('1998-10-26');
    expect(first('Ich kann mit 13.1.1 nicht mehr laden')).toBeNull();
    expect(first('Server 10.12.14.2 antwortet nicht')).toBeNull();
    expect(first('am 29.12.2010, 13:36 Uhr')).toBe('2010-12-29T13:36:00');
    // Name, date and time in adjacent spans, rendered without spaces.
    expect(first('macbacchi28.09.1912:44')).toBe('2019-09-28T12:44:00');
    expect(first('Version 10.12.1412')).toBeNull();
  });

  it('reads 上午/下午 and am/pm', () => {
    expect(first('2021年11月13日 下午3:05')).toBe('2021-11-13T15:05:00');
    expect(first('Nov. 13, 2021 at 4:24 p.m.')).toBe('2021-11-13T16:24:00');
    expect(first('November 13, 2021 12:10 AM')).toBe('2021-11-13T00:10:00');
  });

  it('reads month names in English, German, French, Spanish', () => {
    expect(first('Published Nov. 13, 2021')).toBe('2021-11-13');
    expect(first('Updated 13 November 2021')).toBe('2021-11-13');
    expect(first('Veröffentlicht am 13. November 2021, 16:24 Uhr')).toBe('2021-11-13T16:24:00');
    expect(first('Stand: 3. März 2020')).toBe('2020-03-03');
    expect(first('publié le 1er avril 2019')).toBe('2019-04-01');
    expect(first('13 de noviembre de 2021')).toBe('2021-11-13');
    expect(first('Unica.md, 20 septembrie 2020 16:20')).toBe('2020-09-20T16:20:00');
    expect(first('13 listopada 2021')).toBe('2021-11-13');
  });

  it('reads Arabic month names of both series, also written side by side (`24 نيسان / أبريل 2020`)', () => {
    expect(first('تم نشره الجمعة 24 نيسان / أبريل 2020')).toBe('2020-04-24');
    expect(first('نشر في 3 تشرين الأول 2019')).toBe('2019-10-03');
    expect(first('الخميس 17 سبتمبر 2020')).toBe('2020-09-17');
  });

  it('reads dates whose parts touch, as inline elements without a space render (`Research7 April 2020`)', () => {
    expect(first('Original Research7 April 2020')).toBe('2020-04-07');
    // Blog themes print month, day and year in three spans: `<span>Feb</span> <span>18</span><span>2009</span>`.
    expect(first('Feb 182009')).toBe('2009-02-18');
    expect(first('Nov 2019')).toBeNull();
  });

  it('reads day-first numeric dates, and slashed ones by value or by page language', () => {
    expect(first('13.11.2021 16:24')).toBe('2021-11-13T16:24:00');
    expect(first('13/11/2021')).toBe('2021-11-13');
    expect(first('11/13/2021')).toBe('2021-11-13');
    expect(first('03/04/2021')).toBe('2021-04-03');
    expect(first('03/04/2021', true)).toBe('2021-03-04');
  });

  it('keeps an offset written after the time', () => {
    expect(first('2021-11-13 16:24:01 +0800')).toBe('2021-11-13T16:24:01+08:00');
    expect(first('13 November 2021 08:24 GMT')).toBe('2021-11-13T08:24:00+00:00');
  });

  it('gives a month when the page only gives a month, and rejects impossible dates', () => {
    expect(first('2003年5月')).toBe('2003-05');
    expect(first('2021-02-30')).toBeNull();
    expect(first('Copyright © 2003-2021')).toBeNull();
    expect(first('ICP备05012345号')).toBeNull();
  });
});

describe('normalize/date: values meant for machines', () => {
  it('reads ISO 8601, RFC 2822 and Unix time', () => {
    expect(formatIsoDate(parseMachineDate('2021-11-13T16:24:01.000Z')!)).toBe('2021-11-13T16:24:01+00:00');
    expect(formatIsoDate(parseMachineDate('2021-11-13T16:24:01+0800')!)).toBe('2021-11-13T16:24:01+08:00');
    expect(formatIsoDate(parseMachineDate('2021-11-13')!)).toBe('2021-11-13');
    expect(formatIsoDate(parseMachineDate('20211113')!)).toBe('2021-11-13');
    expect(formatIsoDate(parseMachineDate('Sat, 13 Nov 2021 08:24:01 GMT')!)).toBe('2021-11-13T08:24:01+00:00');
    expect(formatIsoDate(parseMachineDate('1636791841')!)).toBe('2021-11-13T08:24:01+00:00');
    expect(formatIsoDate(parseMachineDate('13.11.2021')!)).toBe('2021-11-13');
    expect(parseMachineDate('not a date')).toBeNull();
  });

  it('finds dates in URL paths', () => {
    const iso = (u: string): string | null => {
      const d = urlDate(u);
      return d ? formatIsoDate(d) : null;
    };
    expect(iso('https://example.com/2021/11/13/story.html')).toBe('2021-11-13');
    expect(iso('https://news.example.cn/c/2021-11-13/doc-1.shtml')).toBe('2021-11-13');
    expect(iso('http://www.example.gov.cn/xxgk/202111/t20211113_123456.html')).toBe('2021-11-13');
    expect(iso('https://example.com/politics/20211113/story')).toBe('2021-11-13');
    expect(iso('https://blog.example.org/2016/12/release.html')).toBe('2016-12');
    expect(iso('https://example.com/story/123456789')).toBeNull();
  });
});

describe('normalize/date: zones', () => {
  const at = (s: string): DateParts => parseMachineDate(s)!;
  it('applies a fixed offset or an IANA zone with its daylight saving time', () => {
    expect(formatIsoDate(at('2021-11-13 16:24:01'), '+08:00')).toBe('2021-11-13T16:24:01+08:00');
    expect(formatIsoDate(at('2021-07-01 12:00'), 'Europe/Berlin')).toBe('2021-07-01T12:00:00+02:00');
    expect(formatIsoDate(at('2021-12-01 12:00'), 'Europe/Berlin')).toBe('2021-12-01T12:00:00+01:00');
    expect(zoneOffsetAt('America/New_York', at('2021-03-14 12:00'))).toBe(-240);
    expect(zoneOffsetAt('Not/AZone', at('2021-03-14 12:00'))).toBeNull();
  });

  it('never puts an offset on a date without a time, and keeps the page’s own offset', () => {
    expect(formatIsoDate(at('2021-11-13'), '+08:00')).toBe('2021-11-13');
    expect(formatIsoDate(at('2021-11-13T16:24:01-05:00'), '+08:00')).toBe('2021-11-13T16:24:01-05:00');
  });

  it('calls dates after now future, with a day of slack for zones', () => {
    const now = new Date('2021-11-13T00:00:00Z');
    expect(isFuture(at('2021-11-13 20:00'), now)).toBe(false);
    expect(isFuture(at('2021-12-24'), now)).toBe(true);
  });
});
