/**
 * A labelled set of near-duplicate pairs built from the datasets' gold article bodies: each story plus copies
 * edited the way portals repost (other boilerplate, trimmed, lightly edited, print version), beside the other
 * stories of the same site wearing that site's own boilerplate (hard negatives), and for Chinese stories a
 * Traditional-script copy labelled as a different story (kept apart unless converted at export).
 */
import { converter } from '../../src/normalize/convert.js';
import { CJK_CHAR } from '../../src/normalize/text.js';
import { seeded } from '../faults/helpers.js';

export interface PairSetItem {
  /** Which story this text is; items with the same label are true duplicates. */
  story: string;
  site: string;
  variant: 'original' | 'repost' | 'trimmed' | 'edited' | 'print' | 'traditional';
  text: string;
}

const BOILERPLATE_ZH = [
  '来源：本网综合　责任编辑：张伟',
  '【打印本页】【关闭窗口】【我要纠错】',
  '版权所有，未经书面授权禁止使用。',
  '扫一扫在手机打开当前页',
  '声明：本文转载自其他媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。',
  '相关阅读：更多精彩内容请关注本网微信公众号。',
];
const BOILERPLATE_EN = [
  'Share this article on Facebook Twitter Email',
  'Copyright 2024 The Daily Courier. All rights reserved.',
  'Sign up for our newsletter to get the latest news delivered to your inbox every morning.',
  'This article originally appeared in a partner publication and is republished with permission.',
  'Read more: the top stories of the week, in one place.',
  'Print this page | Close window',
];
const FILLER_ZH = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质'];
const FILLER_EN = ['report', 'city', 'said', 'new', 'year', 'people', 'official', 'plan', 'local', 'week', 'state', 'group'];

const isChinese = (text: string): boolean => (text.match(new RegExp(CJK_CHAR.source, 'gu'))?.length ?? 0) * 3 > text.length;

/** Replaces about `share` of the words (or CJK characters) with others: a copy editor's light touch. */
function editWords(text: string, share: number, random: () => number): string {
  const zh = isChinese(text);
  const unit = zh ? new RegExp(CJK_CHAR.source, 'gu') : /\p{L}+/gu;
  const pool = zh ? FILLER_ZH : FILLER_EN;
  return text.replace(unit, (w) => (random() < share ? pool[Math.floor(random() * pool.length)]! : w));
}

/** Drops the last paragraph when it is short, else cuts the text to 85 %: a repost that loses its tail. */
function trim(text: string): string {
  const paragraphs = text.split('\n').filter((p) => p.trim() !== '');
  const last = paragraphs.at(-1) ?? '';
  if (paragraphs.length >= 4 && last.length <= text.length * 0.25) return paragraphs.slice(0, -1).join('\n');
  return text.slice(0, Math.floor(text.length * 0.85));
}

function changedShare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length || x.length === 0) return x.length === y.length ? 0 : 1;
  return x.filter((c, i) => c !== y[i]).length / x.length;
}

function pick<T>(list: readonly T[], n: number, random: () => number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!);
  return out;
}

export interface StoryInput {
  id: string;
  site: string;
  body: string;
}

export function buildPairSet(stories: StoryInput[], seed = 20241113): PairSetItem[] {
  const random = seeded(seed);
  const siteBoilerplate = new Map<string, { zh: string[]; en: string[] }>();
  const boilerplateOf = (site: string) => {
    let b = siteBoilerplate.get(site);
    if (!b) siteBoilerplate.set(site, (b = { zh: pick(BOILERPLATE_ZH, 2, random), en: pick(BOILERPLATE_EN, 2, random) }));
    return b;
  };
  const toTraditional = converter('s2t');
  const items: PairSetItem[] = [];
  for (const { id, site, body } of stories) {
    const text = body.trim();
    const zh = isChinese(text);
    const own = zh ? boilerplateOf(site).zh : boilerplateOf(site).en;
    const others = pick(zh ? BOILERPLATE_ZH : BOILERPLATE_EN, 3, random).filter((line) => !own.includes(line));
    const item = (variant: PairSetItem['variant'], t: string, story = id): PairSetItem => ({ story, site, variant, text: t });
    items.push(item('original', [text, ...own].join('\n')));
    items.push(item('repost', [others[0] ?? '', editWords(text, 0.01, random), ...others.slice(1)].join('\n')));
    items.push(item('trimmed', [trim(text), ...own].join('\n')));
    items.push(item('edited', [editWords(text, 0.03, random), ...own].join('\n')));
    items.push(item('print', [text.split('\n').join(zh ? '' : ' '), zh ? '【打印】【关闭】' : 'Print | Close window'].join('\n')));
    // Only Simplified Chinese makes a Traditional copy worth the name (Japanese kanji barely change).
    const traditional = zh ? toTraditional(text) : text;
    if (changedShare(text, traditional) >= 0.1) items.push(item('traditional', [traditional, ...own].join('\n'), `${id}#hant`));
  }
  return items;
}
