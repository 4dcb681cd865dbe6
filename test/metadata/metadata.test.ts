import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';
import { parseHtml } from '../../src/parse/index.js';
import { extractMetadata } from '../../src/metadata/index.js';
import type { ExtractOptions } from '../../src/types.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const meta = (html: string, options: ExtractOptions = {}) => extractMetadata(parseHtml(html), { now: NOW, ...options });

describe('metadata: the seed page (fixtures/seed)', () => {
  for (const file of ['fixtures/seed/xiangcun-zhenxing.html', 'fixtures/seed/xiangcun-zhenxing.gbk.html']) {
    it.skipIf(!existsSync(file))(`reads every field the seed promises from ${file}`, () => {
      const { values, provenance } = meta(decodeHtml(readFileSync(file)).html);
      expect(values.title).toBe('东西帮扶助振兴 山海相连情相依');
      expect(values.publishedAt).toBe('2021-11-13T16:24:01+08:00');
      expect(values.source).toBe('中国乡村振兴网');
      expect(values.authors).toEqual(['柴秋实', '吴鲁', '任存军']);
      expect(values.editors).toEqual(['胡津瑞']);
      expect(values.tags).toEqual(['媒体关注']);
      expect(values.language).toBe('zh');
      expect(provenance.publishedAt).toBe('text:时间');
    });
  }
});

/** A Chinese portal article: title with channel and site suffix, dateline under the h1, related list and footer with dates. */
const PORTAL = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>东西帮扶助振兴 山海相连情相依_国内新闻_示例新闻网</title>
<meta name="keywords" content="东西部协作,乡村振兴">
</head><body>
<div class="top-nav"><a href="/">首页</a> <a href="/gn/">国内</a> 2021年11月20日 星期六</div>
<div class="main">
  <h1>东西帮扶助振兴 山海相连情相依</h1>
  <div class="info">2021年11月13日 16:24　来源：新华网　作者：本报记者 张小明 李红　【字体：大 中 小】</div>
  <div class="article"><p>　　东西呼应，海陆遥望；对口帮扶，山海相连。</p><p>　　记者在渭源县看到，万寿菊竞相绽放，村民说：“今年收成好。”</p>
  <p>（责编：王丽）</p></div>
  <div class="related-list"><h3>相关新闻</h3><ul>
    <li><a href="/a1">另一篇报道</a> 来源：人民网 2021-12-01 09:00</li>
    <li><a href="/a2">又一篇报道</a> 2021-12-02 10:00</li></ul></div>
</div>
<div class="footer">Copyright © 1996-2021 示例新闻网 版权所有 京ICP备05012345号 2021-12-31</div>
</body></html>`;

describe('metadata: Chinese portal pages', () => {
  it('reads title, dateline, source, authors and editor around the headline, ignoring lists and footers', () => {
    const { values, provenance } = meta(PORTAL, { url: 'https://news.example.com.cn/gn/2021/11-13/12345.shtml' });
    expect(values.title).toBe('东西帮扶助振兴 山海相连情相依');
    expect(values.siteName).toBe('示例新闻网');
    expect(values.publishedAt).toBe('2021-11-13T16:24:00+08:00');
    expect(values.source).toBe('新华网');
    expect(values.authors).toEqual(['张小明', '李红']);
    expect(values.editors).toEqual(['王丽']);
    expect(values.tags).toEqual(['东西部协作', '乡村振兴']);
    expect(values.language).toBe('zh');
    expect(provenance.title).toBe('h1');
  });

  it('takes no source from a template that printed an attribute or a placeholder instead of the value', () => {
    const page = (value: string) => `<html><body><h1>茉莉：我是怎样卷入八九民运的</h1>
      <div><font size="3">作者：\n size="20"\n &nbsp;&nbsp;来源：\n ${value}\n &nbsp;&nbsp;发布日期：\n 2005-07-05 21:23</font></div>
      <p>一九八九年四月，我在湖南张家界开一个全国性的学术会议，会上听到北京传来的消息，与会者议论纷纷，会议草草结束。</p></body></html>`;
    for (const residue of ['size="20"', '{$source}', '<%=from%>']) expect(meta(page(residue)).values.source).toBeNull();
    expect(meta(page('看中国')).values.source).toBe('看中国');
  });

  it('reads the byline block under the headline, not a credit further down', () => {
    const page = PORTAL.replace('　作者：本报记者 张小明 李红', '').replace(
      '<div class="article">',
      '<div class="byline">本报实习生 刘国栋</div><div class="byline">本报记者 王燕平 方云凤</div><div class="article">',
    ).replace('<p>（责编：王丽）</p>', '<p>作者： 流泉 访问统计： 2005年08月30日</p><p>（责编：王丽）</p>');
    expect(meta(page).values.authors).toEqual(['刘国栋', '王燕平', '方云凤']);
  });

  it('reads a blog post’s poster from its posted-by line when nothing else credits anyone', () => {
    const page = PORTAL.replace('　作者：本报记者 张小明 李红', '').replace(
      '<p>（责编：王丽）</p>', '<p>由海姑娘张贴 @ 2005-06-14 03:25:55 共 11 篇评论</p><p>由路人甲张贴 @ 2005-06-15 08:00:00</p>',
    );
    const { values, provenance } = meta(page);
    expect(values.authors).toEqual(['海姑娘']);
    expect(provenance.authors).toBe('text:posted-by');
  });

  it('reads the bracketed credit closing the story when the page has no byline', () => {
    const page = PORTAL.replace('　作者：本报记者 张小明 李红', '').replace(
      '今年收成好。”</p>',
      '今年收成好。”</p><p>　　下一步，当地将继续深化东西部协作，发展特色产业，带动更多群众在家门口就业增收，让乡村振兴的成果惠及更多农户，也让山海之间的情谊在一个个具体项目中不断加深、越走越近。（记者 胡晓蓉 渭源报道）</p>',
    );
    const { values, provenance } = meta(page);
    expect(values.authors).toEqual(['胡晓蓉']);
    expect(provenance.authors).toBe('text:closing-credit');
    expect(meta(page.replace('（记者 胡晓蓉 渭源报道）', '（图）')).values.authors).toEqual([]);
  });

  it('infers +08:00 from a Chinese page without a URL, and drops the zone for a date alone', () => {
    expect(meta(PORTAL).values.publishedAt).toBe('2021-11-13T16:24:00+08:00');
    const dateOnly = PORTAL.replace('2021年11月13日 16:24', '2021年11月13日');
    expect(meta(dateOnly).values.publishedAt).toBe('2021-11-13');
  });

  it('on a page whose headline is not in its text, takes the bare date at the top before a labelled comment date far down', () => {
    const replies = Array.from({ length: 40 }, (_, i) => `<p>第${i + 1}段议程：分组讨论与大会发言。</p>`).join('');
    const html = `<html><head><meta charset="utf-8"><title>第四届年会会议议程_年会秘书处_论坛</title></head><body>
      <table><tr><td>年会议程</td></tr><tr><td>2004-12-10&nbsp;&nbsp;&nbsp;阅读10544次</td></tr></table>
      ${replies}
      <table><tr><td>网友评论</td></tr><tr><td>发表时间：2004-12-11 9:51:00</td></tr><tr><td>支持！</td></tr></table>
      </body></html>`;
    const { values, provenance } = meta(html);
    expect(values.publishedAt).toBe('2004-12-10');
    expect(provenance.publishedAt).toBe('text');
  });

  it('tells Traditional from Simplified text when the page does not say', () => {
    const hant = `<html><head><title>東西幫扶助振興 山海相連情相依</title></head><body><h1>東西幫扶助振興 山海相連情相依</h1>
      <p>東西呼應，海陸遙望；對口幫扶，山海相連。一條母親河將山東與甘肅緊密相連，一條戰略部署讓兩個遠在千里之外的地方緊密相連。</p></body></html>`;
    expect(meta(hant).values.language).toBe('zh-Hant');
    expect(meta(hant.replace('<html>', '<html lang="en">')).values.language).toBe('zh-Hant');
  });
});

/** An English news page with JSON-LD, Open Graph and a visible dateline in US Eastern time. */
const NEWS = `<!DOCTYPE html><html lang="en-US"><head>
<title>Council approves new budget - The Daily Example</title>
<meta property="og:title" content="Council approves new budget">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:image" content="/img/council.jpg">
<meta name="description" content="The city council approved the budget late on Friday.">
<link rel="canonical" href="/news/council-budget">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"NewsArticle","headline":"Council approves new budget","datePublished":"2021-11-13T02:24:00Z",
  "dateModified":"2021-11-13T15:00:00Z","author":[{"@id":"#jane"},{"@type":"Person","name":"John Roe"}],
  "publisher":{"@id":"#org"},"keywords":["city hall","budget"]},
 {"@type":"Person","@id":"#jane","name":"Jane Doe"},
 {"@type":"NewsMediaOrganization","@id":"#org","name":"The Daily Example"}]}</script>
</head><body class="one-sidebar sidebar-first">
<nav class="site-nav"><a href="/">Home</a> Saturday, November 20, 2021</nav>
<article><header><h1>Council approves new budget</h1>
<p class="byline">By Jane Doe and John Roe</p><p class="dateline">Nov. 12, 2021, 9:24 p.m.</p></header>
<p>The city council approved the budget late on Friday after a long debate that began on Oct. 1, 2021.</p></article>
<aside class="sidebar"><h3>Most read</h3><p>Other story — Dec. 1, 2021</p></aside>
<footer>© 2021 The Daily Example</footer>
</body></html>`;

describe('metadata: English news pages', () => {
  it('reads JSON-LD with @id references, Open Graph and link elements', () => {
    const { values, provenance } = meta(NEWS, { url: 'https://www.example.com/news/council-budget?utm_source=x' });
    expect(values.title).toBe('Council approves new budget');
    expect(values.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(provenance.authors).toBe('json-ld');
    expect(values.siteName).toBe('The Daily Example');
    expect(values.tags).toEqual(['city hall', 'budget']);
    expect(values.canonicalUrl).toBe('https://www.example.com/news/council-budget');
    expect(values.image).toBe('https://www.example.com/img/council.jpg');
    expect(values.description).toBe('The city council approved the budget late on Friday.');
    expect(values.language).toBe('en');
    expect(values.modifiedAt).toBe('2021-11-13T15:00:00+00:00');
  });

  it('reads a UTC instant in the zone the dateline shows, so the day is the reader’s', () => {
    expect(meta(NEWS).values.publishedAt).toBe('2021-11-12T21:24:00-05:00');
  });

  it('says a UTC metadata instant in the offset the page writes the same instant in elsewhere (script state)', () => {
    const page = `<html><head><title>Press secretary exits role</title>
      <meta property="article:published_time" content="2020-02-25T02:25:54+00:00">
      <script>window.__data = {"post":{"publish_time":"21:25:54","date":"2020-02-24T21:25:54-05:00"}};</script>
      </head><body><h1>Press secretary exits role</h1><p>The former press secretary is leaving.</p></body></html>`;
    const { values, provenance } = meta(page, { url: 'https://example.com/former-press-secretary-exits/' });
    expect(values.publishedAt).toBe('2020-02-24T21:25:54-05:00');
    expect(provenance.publishedAt).toBe('meta:article:published_time+offset');
  });

  it('dates a UTC instant by the day of the URL’s date path when the page shows no dateline', () => {
    const page = `<html lang="es"><head><title>Silvia Pinal sigue estable</title>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Silvia Pinal sigue estable","datePublished":"2020-02-18T02:18:11Z"}</script>
      </head><body><h1>Silvia Pinal sigue estable</h1><p>La actriz se recupera en casa.</p></body></html>`;
    const { values, provenance } = meta(page, { url: 'https://example.com/2020/02/17/silvia-pinal-sigue-estable/' });
    expect(values.publishedAt).toBe('2020-02-17');
    expect(provenance.publishedAt).toBe('json-ld+url');
    expect(meta(page, { url: 'https://example.com/2020/02/18/silvia-pinal-sigue-estable/' }).values.publishedAt).toBe('2020-02-18T02:18:11+00:00');
  });

  it('reads a recipe’s or how-to guide’s structured data when the page has no article node', () => {
    const page = (ld: string) => `<html lang="de"><head><title>Runde Tischdecke nähen</title>
      <script type="application/ld+json">{"@type":"Organization","name":"Beispiel GmbH"}</script>
      <script type="application/ld+json">${ld}</script></head><body><h1>Runde Tischdecke nähen</h1>
      <p>Mit einem runden Tisch erhältst du einen gemütlichen Essplatz.</p></body></html>`;
    const howTo = meta(page('{"@type":"HowTo","name":"Runde Tischdecke nähen","author":{"@type":"Person","name":"Robert Stitz"},"datePublished":"2022-01-10T22:06:08Z"}'));
    expect(howTo.values.publishedAt).toBe('2022-01-10T22:06:08+00:00');
    expect(howTo.values.authors).toEqual(['Robert Stitz']);
    expect(howTo.provenance.publishedAt).toBe('json-ld');
    // An article node wins over a recipe embedded in the same page.
    const both = meta(page('[{"@type":"Recipe","name":"Apfelkuchen","datePublished":"2019-05-01"},{"@type":"NewsArticle","headline":"Runde Tischdecke nähen","datePublished":"2022-01-10"}]'));
    expect(both.values.publishedAt).toBe('2022-01-10');
  });

  it('falls back to the byline and dateline when there is no structured data', () => {
    const plain = NEWS.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    const { values, provenance } = meta(plain);
    expect(values.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(provenance.authors).toBe('text:byline');
    expect(values.publishedAt).toBe('2021-11-12T21:24:00');
  });

  it('rejects a future date and takes the next candidate', () => {
    const future = NEWS.replace('"datePublished":"2021-11-13T02:24:00Z"', '"datePublished":"2031-11-13T02:24:00Z"');
    expect(meta(future).values.publishedAt).toBe('2021-11-12T21:24:00');
  });

  it('strips the site name from the <title> when nothing else names the article', () => {
    const bare = '<html><head><title>Council approves new budget | The Daily Example</title></head><body><p>Text.</p></body></html>';
    const { values } = meta(bare);
    expect(values.title).toBe('Council approves new budget');
    expect(values.siteName).toBe('The Daily Example');
  });
});

describe('metadata: blogs and other languages', () => {
  it('reads a WordPress post: time element in the entry header, not the comment dates', () => {
    const blog = `<html lang="de-DE"><head><title>Laufen im Winter › Nordish by Nature</title></head>
      <body class="post-template sidebar-right"><div class="layout-container has-sidebar"><article class="post tag-related-nav"><header class="entry-header">
      <h1 class="entry-title">Laufen im Winter</h1><div class="entry-meta"><span class="posted-on">Veröffentlicht am
      <time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">10. Februar 2019</time></span>
      <span class="byline">von <a class="url fn n" rel="author" href="/author/heiko">Heiko</a></span></div></header>
      <p>Im Winter ist es dunkel und kalt.</p></article></div>
      <div id="comments" class="comments-area"><p>Anna sagt: 15. Dezember 2019 um 11:21</p></div></body></html>`;
    const { values } = meta(blog, { url: 'https://www.example.de/laufen-im-winter/' });
    expect(values.publishedAt).toBe('2019-02-10T09:30:10+01:00');
    expect(values.authors).toEqual(['Heiko']);
    expect(values.language).toBe('de');
  });

  it('treats a "sidebar" that holds the headline as the content area (themes misname it)', () => {
    const page = `<html lang="en"><body><div id="sidebar" class="content-area"><article><header class="entry-header">
      <h1>The First Decade</h1><div class="entry-meta"><time class="entry-date">Sa 13 Jul 2019</time></div></header>
      <p>Ten years have passed. 8 August 2009: the first post.</p></article></div>
      <div class="sidebar"><p>Archive: 1 June 2021</p></div></body></html>`;
    expect(meta(page).values.publishedAt).toBe('2019-07-13');
  });

  it('anchors the dateline at the line that is the headline, not a hidden site h1 holding it with the site name', () => {
    const topics = Array.from({ length: 30 }, (_, i) => `<p><a href="/thema/${i}">Thema ${i + 1}</a></p>`).join('');
    const page = `<html lang="de"><head><meta property="og:title" content="Atomkraft und Erdgas sind nicht nachhaltig">
      <meta name="dcterms.date" content="2022-01-21T09:43+01:00"></head><body>
      <header id="branding"><h1 class="visuallyhidden">Atomkraft und Erdgas sind nicht nachhaltig | Umweltamt</h1></header>
      <div class="topics">${topics}</div>
      <div id="main-content"><h2>Atomkraft und Erdgas sind nicht nachhaltig</h2>
      <p><time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time></p><p>Der Entwurf würde verhindern, dass die Taxonomie wirkt.</p></div></body></html>`;
    expect(meta(page, { url: 'https://www.example.de/themen/taxonomie' }).values.publishedAt).toBe('2022-01-25T08:00:00+01:00');
  });

  it('reads the date in an article’s own <footer>, not the page footer’s, and no bio box names from it', () => {
    const page = (byline: string): string => `<html lang="de"><body><main><article class="node">
      <h1>LVMH mit ordentlichem Wachstum</h1>
      <footer class="node__meta"><span class="post-created">28.01.22</span> / 0 Kommentare${byline}</footer>
      <p>Der Luxusgüterkonzern meldet für 2021 einen Umsatz von 64,2 Mrd. Euro.</p>
      <footer class="entry-footer"><div class="about"><span class="author">Max Muster</span> schreibt seit 2010 über Wein.</div></footer>
      </article></main><footer class="site"><p>Stand: 02.02.2022</p><p>© 2022 Verlag</p></footer></body></html>`;
    const { values } = meta(page(''), { url: 'https://www.example.de/wein/lvmh-wachstum' });
    expect(values.publishedAt).toBe('2022-01-28');
    expect(values.authors).toEqual([]);
    const signed = meta(page(' <address class="author">Anna Weber</address>'), { url: 'https://www.example.de/wein/lvmh-wachstum' });
    expect(signed.values.authors).toEqual(['Anna Weber']);
  });

  it('reads the date in an article’s own <aside> facts box, not in an aside listing other articles', () => {
    const page = (box: string): string => `<html lang="de"><head>
      <meta name="date" content="2022-01-26T14:32:06+02:00"></head><body><main><article class="article">
      <h1>Das Beste aus der Touring- und der Freeride-Welt</h1><p>Ein Schuh für beide Welten.</p>
      <p>Er wiegt wenig.</p><p>Er hält warm.</p><p>Er passt in jede Bindung.</p>${box}
      <p>Fazit: ein Allrounder.</p></article></main></body></html>`;
    const facts = '<aside class="meta" role="complementary"><p>Veröffentlicht</p><p><time>21.01.2022 - 13:30</time></p></aside>';
    expect(meta(page(facts)).values.publishedAt).toBe('2022-01-21T13:30:00');
    const teasers = '<aside class="readmore"><article><h3>Skitouren im Januar</h3><p>14.01.2021</p></article></aside>';
    expect(meta(page(teasers)).values.publishedAt).toBe('2022-01-26T14:32:06+02:00');
  });

  it('does not read the revision date a dateline shows first (itemprop dateModified) as the publication', () => {
    const page = `<html lang="de"><body><h1>Anpassung der eBay-Verkaufsvorlagen</h1>
      <p class="news-info"><span itemprop="dateModified">29.08.2018 14:15</span> <span>22.06.2018 10:20</span></p>
      <p>Die Vorlagen laden Schriften nun lokal.</p></body></html>`;
    expect(meta(page, { url: 'https://shop.example.de/ebay-vorlagen' }).values.publishedAt).toBe('2018-06-22T10:20:00+02:00');
  });

  it('finds the headline line under a double-escaped og:title (&#039;), so the header’s “today” does not date it', () => {
    const page = `<html lang="en"><head><meta property="og:title" content="Australian &amp;#039;megablaze&amp;#039; brought under control">
      </head><body><div class="top-date">Tue, 14 Jan 2020</div><div class="banner"><h2>Australian 'megablaze' brought under control</h2>
      <p>News24<br>13 Jan 2020, 22:11 GMT+10</p></div><p>Firefighters said they had the upper hand.</p></body></html>`;
    expect(meta(page, { url: 'http://www.example.com/news/263700449/australian-megablaze' }).values.publishedAt).toBe('2020-01-13T22:11:00+10:00');
  });

  it('dates a long post by a dated line far below its headline when nothing nearer dates it, not by its comments', () => {
    const steps = Array.from({ length: 30 }, (_, i) => `<p>Schritt ${i + 1}: die Diode anlöten und prüfen.</p>`).join('');
    const page = `<html lang="de"><body><div class="post"><h2 class="entry-title">Eine virtuelle Wand für den Staubsauger</h2>
      <p>von Heiner</p>${steps}<div class="post-footer">Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von Heiner geschrieben.</div></div>
      <div class="comments"><p>Anna: 13. Dezember 2015 at 11:21</p></div></body></html>`;
    const { values, provenance } = meta(page, { url: 'https://www.example.de/arduino/424-virtuelle-wand.php' });
    expect(values.publishedAt).toBe('2015-12-14T14:48:00+01:00');
    expect(provenance.publishedAt).toBe('text:far');
  });

  it('infers the zone from the host: Japan without DST, Germany with it', () => {
    const jp = '<html><body><h1>見出しのテスト記事です</h1><p>2021年11月13日 16:24 配信</p><p>本文です。</p></body></html>';
    expect(meta(jp, { url: 'https://www.example.co.jp/a/1' }).values.publishedAt).toBe('2021-11-13T16:24:00+09:00');
    expect(meta(jp).values.language).toBe('ja');
    const de = '<html lang="de"><body><h1>Eine Überschrift hier</h1><p>13.07.2021, 16:24 Uhr</p></body></html>';
    expect(meta(de, { url: 'https://www.example.de/a' }).values.publishedAt).toBe('2021-07-13T16:24:00+02:00');
    expect(meta(de, { url: 'https://www.example.com/a' }).values.publishedAt).toBe('2021-07-13T16:24:00');
  });

  it('says a UTC metadata instant in the site’s zone when no dateline shows the local time', () => {
    const page = `<html lang="de"><head><meta property="article:published_time" content="2021-11-04T23:00Z"></head>
      <body><h1>Kommunalwahlen in Nordmazedonien</h1><p>Erdrutschsieg der Opposition.</p></body></html>`;
    expect(meta(page, { url: 'https://www.example.de/wahl' }).values.publishedAt).toBe('2021-11-05T00:00:00+01:00');
    expect(meta(page, { url: 'https://www.example.com/wahl' }).values.publishedAt).toBe('2021-11-04T23:00:00+00:00');
  });

  it('knows the zones of more single-zone countries: an evening in Buenos Aires is the next UTC day', () => {
    const page = `<html lang="es"><head><meta property="article:published_time" content="2022-05-04T00:25:56Z"></head>
      <body><h1>La jugada que definió el partido</h1><p>Fue en el último minuto.</p></body></html>`;
    expect(meta(page, { url: 'https://www.example.com.ar/deportes/jugada' }).values.publishedAt).toBe('2022-05-03T21:25:56-03:00');
    expect(meta(page, { url: 'https://www.example.com.tr/spor/mac' }).values.publishedAt).toBe('2022-05-04T03:25:56+03:00');
  });

  it('honours a site profile: selectors, timezone and extra label words', () => {
    const page = `<html><body><div class="hd">Real headline of the story</div><h1>Site Logo</h1>
      <span class="when">13/11/2021 16:24</span><p class="credit">Jane Doe</p><p>Reporter: Kim Lee</p></body></html>`;
    const { values, provenance } = meta(page, {
      profile: { host: 'example.com', title: '.hd', date: '.when', author: '.credit', timezone: 'Europe/London' },
    });
    expect(values.title).toBe('Real headline of the story');
    expect(provenance.title).toBe('profile');
    expect(values.publishedAt).toBe('2021-11-13T16:24:00+00:00');
    expect(values.authors).toEqual(['Jane Doe']);
    const labelled = meta(page.replace('<p class="credit">Jane Doe</p>', ''), { profile: { host: 'example.com', labels: { author: ['Reporter'] } } });
    expect(labelled.values.authors).toEqual(['Kim Lee']);
  });

  it('dates a script-rendered page from the publication key of its inline state, and only as a last resort', () => {
    const page = (body: string): string => `<html><head><title>Sidamo Bio Kaffeebohnen</title>
      <script>var meta = {"product":{"id":1,"created_at":"2018-01-05T10:00:00+01:00","published_at":"2019-03-02T06:22:28+01:00"}};</script>
      </head><body><div id="app"><h1>Sidamo Bio Kaffeebohnen</h1>${body}<p>Ein Kaffee aus Äthiopien.</p></div></body></html>`;
    const fromScript = meta(page(''));
    expect(fromScript.values.publishedAt).toBe('2019-03-02T06:22:28+01:00');
    expect(fromScript.provenance.publishedAt).toBe('script');
    expect(meta(page('<p class="date">12.04.2020</p>')).values.publishedAt).toBe('2020-04-12');
  });

  it('returns empty values, not errors, for a page without metadata', () => {
    const { values } = meta('<html><body><p>Just some words.</p></body></html>');
    expect(values).toMatchObject({ title: null, authors: [], publishedAt: null, tags: [], canonicalUrl: null });
  });
});
