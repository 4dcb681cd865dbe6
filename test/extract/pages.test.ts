import { describe, expect, it } from 'vitest';
import { aebPageCounts, aebPagePR, f1Of } from '../../bench/lib/metrics.js';
import { parseHtml } from '../../src/parse/index.js';
import { blockFingerprint, extractContent } from '../../src/extract/index.js';
import { extractFixture, fixtureHtml, fixtureText, linesOf } from './helpers.js';

function f1(truth: string, predicted: string, cjk = false): number {
  const { precision, recall } = aebPagePR(aebPageCounts(truth, predicted, { cjk }));
  return f1Of(precision, recall);
}

describe('pages of other templates', () => {
  it('a table-layout Chinese portal: <br>-separated paragraphs, labels, font widget, prev/next and related links', () => {
    const { record, isArticle } = extractFixture('pages/portal-table-layout.html', { url: 'http://www.binjiang.example.cn/news/bjxw/201911/t20191102_1012.html' });
    expect(linesOf(record.text)).toEqual(linesOf(fixtureText('pages/portal-table-layout.expected.txt')));
    expect(isArticle).toBe(true);
  });

  it('an English feature: headings, quote, table, list, lead image with caption; no share bar, ads, comments or footer', () => {
    const { record } = extractFixture('pages/english-feature.html', { url: 'https://www.coastalledger.example/energy/2023/05/harbour-towns-tidal-power' });
    const md = record.markdown;
    expect(md).toContain('![A tidal turbine being lowered into the water at Porthaven](https://www.coastalledger.example/images/2023/05/tidal-turbine-1200.jpg)');
    expect(md).toContain('A 2-megawatt turbine is lowered into the channel');
    expect(md).toContain('## A predictable source');
    expect(md).toContain('> We are not chasing the weather. The moon does the scheduling for us.');
    expect(md).toContain('| Turbines | 4.1 |');
    expect(md).toContain('- rising standing charges on grid connections;');
    expect(record.text.split('\n')[0]).not.toBe('Harbour towns bet on tidal power as grid costs climb');
    for (const junk of ['Share on Twitter', 'Advertisement', 'Read more', 'Offshore wind auction', 'Comments (12)', 'Great to see', 'Most read', 'All rights reserved', 'cookies', 'Sign up for', 'Tags:']) {
      expect(record.text, junk).not.toContain(junk);
    }
    expect(linesOf(record.text).at(-1)).toBe('The council will publish its first full year of output figures in September.');
  });

  it('a listing page is not an article', () => {
    const result = extractFixture('pages/portal-listing.html', { url: 'http://www.binjiang.example.cn/news/bjxw/index_2.html' });
    expect(result.isArticle).toBe(false);
    expect(result.pageKindReason).not.toBe('');
    expect(result.links).toContain('http://www.binjiang.example.cn/news/bjxw/201911/t20191101_1000.html');
  });

  it('a soft 404 page is not an article', () => {
    const result = extractFixture('pages/soft-404.html', { url: 'http://www.binjiang.example.cn/news/gone.html' });
    expect(result.isArticle).toBe(false);
    expect(result.pageKindReason).toMatch(/error/);
  });
});

describe('real pages from the datasets', () => {
  it.each(['14cc2a0c', '85439e26', '0ec95c72'])('AEB page %s matches its ground truth', (id) => {
    const { record } = extractFixture(`pages/aeb-${id}.html.gz`);
    expect(f1(fixtureText(`pages/aeb-${id}.expected.txt`), record.text)).toBeGreaterThan(0.95);
  });

  it.each(['c4d032a1', '05e98007'])('chinese-wced page %s matches its ground truth', (id) => {
    const { record } = extractFixture(`pages/wced-${id}.html.gz`);
    expect(f1(fixtureText(`pages/wced-${id}.expected.txt`), record.text, true)).toBeGreaterThan(0.95);
  });
});

describe('links, fingerprints, site memory and profiles', () => {
  const page = `<html><head><base href="/news/"></head><body>
    <nav><a href="/">Home</a> <a href="/world/">World</a> <a href="mailto:desk@example.org">Mail</a> <a href="javascript:void(0)">Menu</a></nav>
    <div class="disclaimer">Our journalism is funded by readers like you.</div>
    <div class="story">
      <p>The river burst its banks overnight and flooded the lower town, leaving three hundred homes without power by morning.</p>
      <p>Our journalism is funded by readers like you.</p>
      <p>Rescue teams used boats to reach families on the upper floors of the old mill buildings near the <a href="bridge.html#map">bridge</a>.</p>
      <p>The council said the water would take several days to drain and asked residents to boil drinking water until further notice.</p>
      <p>Our journalism is funded by readers like you.</p>
    </div>
    <div class="ad">Buy tickets now for the spring fair, all rides included.</div>
  </body></html>`;
  const url = 'https://example.org/news/2024/flood.html';

  it('lists absolute http(s) links in document order without fragments, mailto: or javascript:', () => {
    const { links } = extractContent(parseHtml(page), { url });
    expect(links).toEqual(['https://example.org/', 'https://example.org/world/', 'https://example.org/news/bridge.html']);
  });

  it('fingerprints ignore case, white space and punctuation', () => {
    expect(blockFingerprint('Our journalism is funded  by readers like you.')).toBe(blockFingerprint('our journalism is funded by readers, like you'));
    expect(blockFingerprint('—')).toBe('');
  });

  it('drops learned boilerplate at the edges of the body but not inside its run of text', () => {
    const learned = new Set([blockFingerprint('Our journalism is funded by readers like you.')]);
    const { text, blockFingerprints } = extractContent(parseHtml(page), { url, boilerplate: learned });
    const lines = linesOf(text);
    expect(lines.filter((l) => l.startsWith('Our journalism'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^The council said/);
    expect(blockFingerprints).toContain(blockFingerprint('Buy tickets now for the spring fair, all rides included.'));
  });

  it('honours a site profile: remove selectors first, then the body selector', () => {
    const { text, reason } = extractContent(parseHtml(page), { url, profile: { host: 'example.org', body: 'div.ad, div.story', remove: ['.story p:nth-of-type(3)'] } });
    expect(reason).toMatch(/profile/);
    expect(text).toContain('Buy tickets now');
    expect(text).toContain('The river burst its banks');
    expect(text).not.toContain('Rescue teams');
  });

  it('reports a bad profile selector as one user error line', () => {
    expect(() => extractContent(parseHtml(page), { url, profile: { host: 'example.org', body: 'div[' } }))
      .toThrow(/site profile for example.org: bad selector "div\["/);
  });

  it('uses the same fixture decoding as the crawler for GBK pages', () => {
    expect(fixtureHtml('seed/xiangcun-zhenxing.gbk.html')).toContain('东西帮扶助振兴');
  });
});

describe('generic rules', () => {
  const prose = [
    'The ferry service to the outer islands will run twice a day from next month, the operator said on Friday.',
    'Islanders had campaigned for three years for a second daily crossing, saying a single boat left them stranded.',
    'The new timetable adds an evening departure that returns before midnight, in time for the last buses.',
  ];

  it('ends the body where a related-articles heading follows most of the text', () => {
    const html = `<html><body><div class="article-text">${prose.map((p) => `<p>${p}</p>`).join('')}
      <p>相关新闻</p><p>Harbour fees to rise for the second time this year, council confirms after long debate.</p></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('joins an article cut into full-width bands that share a class and hold most of the page text', () => {
    const more = [
      'The operator will lease a second vessel from a mainland company until its own new ferry is delivered in two years.',
      'Fares stay the same for residents, while visitors will pay a small surcharge on the evening crossing in summer.',
      'Council members welcomed the plan but asked for a review after the first winter, when storms often cancel sailings.',
    ];
    const band = (outer: string, ps: string[]) =>
      `<section class="${outer}"><div class="row"><div class="col-md-8 offset-md-1">${ps.map((p) => `<p>${p}</p>`).join('')}</div></div></section>`;
    const html = `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>${band('band band-lead', prose)}
      <div class="container image-band"><img src="/img/ferry.jpg" alt="The new ferry"></div>${band('band band-topic', more)}
      <div class="container teasers"><a href="/a">Harbour fees to rise again</a></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([...prose, ...more]);
  });

  it('keeps the standfirst above a byline box and a long share bar', () => {
    const standfirst = 'Islanders will get a second daily ferry from next month, after a three-year campaign for an evening crossing.';
    const icons = ['Facebook', 'Twitter', 'WhatsApp', 'E-Mail', 'Drucken', 'Pinterest', 'LinkedIn', 'Flipboard', 'Reddit', 'Link kopieren']
      .map((n) => `<li><a href="/share/${n.toLowerCase()}">${n}</a></li>`).join('');
    const html = `<html><body><div class="article-top"><h1>Second ferry for the outer islands</h1><p class="intro">${standfirst}</p>
      <div class="author-sharing-line">By Jane Doe, 2 January 2023</div><ul class="share-icons">${icons}</ul></div>
      <div class="layout"><div class="article-text">${prose.map((p) => `<p>${p}</p>`).join('')}</div>
      <div class="teaser-column"><p>Harbour fees to rise again</p></div></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([standfirst, ...prose]);
  });

  it('writes decomposed letters in their composed form', () => {
    const decomposed = 'Besonders bei Babyschalen sollte gepru\u0308ft werden, ob die Gurtla\u0308nge im Fahrzeug ausreicht.';
    const { text, markdown } = extractContent(parseHtml(`<html><body><article><p>${decomposed}</p></article></body></html>`), {});
    expect(text).toBe('Besonders bei Babyschalen sollte geprüft werden, ob die Gurtlänge im Fahrzeug ausreicht.');
    expect(markdown).toBe(text);
  });

  it('drops ruby annotations, so a Japanese sentence reads as written', () => {
    const html = `<html><body><article><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>親<rt>おや</rt></ruby>が<ruby>子<rt>こ</rt></ruby>どもを<ruby>教育<rt>きょういく</rt></ruby>するために、たたいたりする<ruby>体罰<rt>たいばつ</rt></ruby>を<ruby>禁止<rt>きんし</rt></ruby>することになりました。</p></article></body></html>`;
    expect(extractContent(parseHtml(html), {}).text).toBe('子どもへの虐待をなくすための法律ができて、親が子どもを教育するために、たたいたりする体罰を禁止することになりました。');
  });

  it('finds an article inside a wrapper named after the footer below it, not the disclosure box outside it', () => {
    const story = [
      ...prose,
      'The operator will lease a second vessel from a mainland company until its own new ferry is delivered in two years.',
      'Fares stay the same for residents, while visitors will pay a small surcharge on the evening crossing in summer.',
      'Council members welcomed the plan but asked for a review after the first winter, when storms often cancel sailings.',
      'Harbour staff will add a second shift so that the ticket office stays open until the last boat has left the quay.',
      'The island school expects the change to help older pupils who take evening classes at the college on the mainland.',
      'Shops on the outer islands say deliveries could arrive a day earlier once the second crossing carries freight too.',
    ];
    const disclosure = 'This page contains references to products from one or more of our advertisers. We may receive compensation when you click on links to those products, and this may affect how and where they appear. Terms apply to the offers listed on this page, and not all offers are included.';
    const html = `<html><body><section class="advertiser-disclosure-body"><p>${disclosure} See our <a href="/advertising-policy">advertising policy</a>.</p></section>
      <div class="above-footer"><div class="post-content"><div class="article-text">${story.map((p) => `<p>${p}</p>`).join('')}</div></div></div>
      <footer><p>About us</p></footer></body></html>`;
    // The disclosure box may join as a scoring sibling; what matters is that the article is no longer lost.
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(expect.arrayContaining(story));
  });

  it('drops the lone share and print buttons of a German or Polish toolbar inside the article', () => {
    const html = `<html><body><article><div class="entry-content">${prose.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}
      <div class="buttons"><div>Teilen:</div><div>drukuj</div></div><p>${prose[2]}</p></div></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('drops the subscription, app and comment prompts that end the article, not a sentence about subscribers inside it', () => {
    const subscribers = 'Subscribers to the ferry pass will pay the same fare for both crossings until the end of the year.';
    const html = `<html><body><article><div class="entry-content">${prose.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}
      <p>${subscribers}</p><p>${prose[2]}</p>
      <p>To view the full story, please subscribe to The Island Courier. You can choose an annual subscription or a weekly pass.</p>
      <p>For the latest stories and breaking news download the Courier apps for iOS and Android.</p>
      <p>Verraten Sie gerne in den Kommentaren: Wie oft fahren Sie mit der Fähre?</p>
      <p>有料会員になると会員限定の有料記事もお読みいただけます。</p></div></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([...prose.slice(0, 2), subscribers, prose[2]]);
  });

  it('finds the article inside a layout wrapper whose class looks like a sidebar', () => {
    const html = `<html><body><div class="cookie-notice">This website uses cookies to improve your experience of it.</div>
      <div class="container has_sidebar"><div class="post-entry">${prose.map((p) => `<p>${p}</p>`).join('')}</div></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  const teasers = [
    'Ein Radar soll Seenotretter schneller zu Booten in Not führen, sagt das Team nach einem Jahr der Tests.',
    'Der neue Einkaufsassistent empfiehlt nachhaltige Produkte, doch nur wenige Siegel halten strengen Prüfungen stand.',
    'Forscher wollen mit maschinellem Lernen die Rufe der Pottwale entschlüsseln und so ihre Sprache verstehen.',
    'Hunderte Firmen haben Klimaziele veröffentlicht, doch keines reicht weit genug, zeigt ein neues Rating.',
  ];

  it('finds a blog post whose wrapper carries tag-* term classes, not the teaser column beside it', () => {
    const html = `<html><body><div class="teaser-column">${teasers.map((t) => `<div class="teaser"><p>${t}</p></div>`).join('')}</div>
      <div id="post-4822" class="post-4822 post type-post status-publish hentry category-news tag-ferries custom_tags-islands">
      <h1>Ferries</h1><div class="post-text">${prose.map((p) => `<p>${p}</p>`).join('')}</div></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('drops a "read also" box inside the text but keeps the paragraphs after it', () => {
    const html = `<html><body><article>${prose.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}
      <p>Mehr zum Thema:</p><p><a href="/a">Hafengebühren steigen erneut</a></p><p>${prose[2]}</p></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
    const related = `<html><body><article>${prose.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}
      <div class="wp-block-mmo-recirculation-box"><div class="title">Mehr Kolumnen auf unserer Seite</div></div>
      <p>Verwandte Themenbereiche</p><p><a href="/a">Hafengebühren steigen erneut</a></p><p>${prose[2]}</p></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(related), {}).text)).toEqual(prose);
  });

  it('reads on past a related-stories box set into the text when the text resumes in the same flow', () => {
    const html = `<html><body><div class="article-text">${prose.map((p) => `<p>${p}</p>`).join('')}<h4>Related Stories</h4>
      <ul><li><a href="/a">Harbour fees to rise again this spring</a></li><li><a href="/b">Island school reopens</a></li></ul>
      <p>The operator said the winter timetable would stay as it is until the end of March next year.</p></div>
      <div class="comments"><h4>Comments</h4><p>Great news for the islands, about time someone listened to us out here!</p></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([...prose,
      'The operator said the winter timetable would stay as it is until the end of March next year.']);
  });

  it('ends the body at a closed comment section or an author box', () => {
    for (const marker of ['Comments are closed.', 'Keine Kommentare', 'Über den Autor']) {
      const html = `<html><body><article>${prose.map((p) => `<p>${p}</p>`).join('')}<p>${marker}</p>
        <p>Jana writes about island life and the sea for the paper since the spring of two thousand and twelve.</p></article></body></html>`;
      expect(linesOf(extractContent(parseHtml(html), {}).text), marker).toEqual(prose);
    }
  });

  it('drops picture credits, reading times, share and voting prompts, ad labels and disclosures, source lines, tag-list labels and blog post footers', () => {
    const junk = ['4 Min Read', 'Beitragsbild', 'Bild via Flickr', 'Crédits photos : Bestimage', '- Anzeige -', 'Jetzt teilen!',
      '*Werbung. Dieser Beitrag enthält Werbung für eine Teemarke.', 'Anzeige, enthält Affiliate Links', 'Quelle: dpa, Deutscher Jagdverband',
      'Quellenangaben:', '公開日：2025/01/31 11:30 更新日：2025/01/31 11:30',
      'War der Artikel nützlich?', '(Noch keine Bewertungen)', '19:49', '11 Jan 2019',
      'This entry was posted in Islands and tagged ferries. Bookmark the permalink.', 'Mehr Themen:', 'Temas'];
    const html = `<html><body><article><p>${junk[0]}</p><p>${junk[1]}</p><p>${junk[2]}</p><p>${prose[0]}</p><p>${junk[3]}</p>
      <p>${junk[4]}</p><p>${prose[1]}</p><p>${prose[2]}</p>${junk.slice(5).map((j) => `<p>${j}</p>`).join('')}</article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('drops a picture caption that ends with its credit or a copyright line, but keeps prose with a parenthesis', () => {
    const aside = 'The crossing takes forty minutes (about as long as the bus into town).';
    const html = `<html><body><article><p>${prose[0]}</p><div class="photo"><img src="/img/ferry.jpg" alt="">
      Islanders wait for the morning ferry at the pier (Image: Getty )</div><p>${prose[1]}</p><p>${aside}</p><p>${prose[2]}</p>
      <div class="photo"><img src="/img/pier.jpg" alt="">Die neue Anlegestelle im Hafen (Foto: Hafenamt)</div>
      <div class="photo"><img src="/img/quay.jpg" alt="">Die Kranzniederlegung am Kai © Hafenamt | Jana Beispiel</div></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([prose[0], prose[1], aside, prose[2]]);
  });

  it('keeps captions in caption-named elements out of the text and in the Markdown, but not a video player’s description', () => {
    const caption = 'Islanders wait for the morning ferry at the pier, as they have done every winter since the bridge closed.';
    const clip = 'Watch the first crossing of the new ferry, filmed from the bridge on Monday morning by our reporter.';
    const html = `<html><body><article><p>${prose[0]}</p>
      <div class="wp-caption"><img src="/img/ferry.jpg" alt=""><p class="wp-caption-text">${caption}</p></div>
      <p>${prose[1]}</p><div class="featured-video"><div class="caption"><p>${clip}</p></div></div><p>${prose[2]}</p></article></body></html>`;
    const { text, markdown } = extractContent(parseHtml(html), {});
    expect(linesOf(text)).toEqual([prose[0], prose[1], clip, prose[2]]);
    expect(markdown).toContain(`*${caption}*`);
    // A gallery's captions are list items.
    const gallery = `<html><body><article><p>${prose[0]}</p><ul class="gallery"><li><img src="/img/ferry.jpg" alt="">
      <div class="caption">${caption}</div></li></ul><p>${prose[1]}</p><p>${prose[2]}</p></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(gallery), {}).text)).toEqual(prose);
  });

  it('drops disclaimers, disclosures, notices, calls to action and fact boxes the template sets into the article', () => {
    const html = `<html><body><article>
      <section class="editorial-disclosure"><p>This post contains affiliate links; we may earn a commission when you buy through them.</p></section>
      <p>${prose[0]}</p><p class="aawp-disclaimer">Bei den Verlinkungen handelt es sich um Affiliate-Links, die Preise können sich ändern.</p>
      <p>${prose[1]}</p><div class="column community-notice notice-after-text">This post is a reader’s blog and reflects the author’s view only.</div>
      <p>${prose[2]}</p><section class="c-letters-cta"><p>We want to hear what you think about this article. Write to us.</p></section>
      <div class="licenceInfo"><p>Materiał chroniony prawem autorskim, wszelkie prawa zastrzeżone.</p></div>
      <div class="fact-box"><div class="factbox-content"><p>Never miss the latest news by signing up to our newsletter today!</p></div></div>
      <div class="block-content_breaker"><p>Czytasz właśnie nowy rodzaj materiału na naszym portalu, w krótki sposób.</p></div></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('drops a consent blocker standing in for an embed, and a German comment section named in German', () => {
    const html = `<html><body><article><p>${prose[0]}</p>
      <div class="BorlabsCookie"><div class="_brlbs-content-blocker"><p>Klicken Sie auf den unteren Button, um den Inhalt von Google Maps zu laden.</p></div></div>
      <p>${prose[1]}</p><p>${prose[2]}</p>
      <div id="kommentare" class="kommentare"><h2>Kommentieren Sie</h2><p>Ihre E-Mail-Adresse wird nicht veröffentlicht, Pflichtfelder sind markiert.</p></div>
      </article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('drops the small table that sets the headline over its dateline, but keeps a data table near the top', () => {
    const title = '多数夫妻生活有名无实 日本无性婚姻问题严重(图)';
    const header = `<table><tr><td>${title}</td><td></td></tr><tr><td>2005-04-05 06:40更新</td><td>来源：转载文章</td></tr></table>`;
    const data = '<table><tr><th>年份</th><th>比例</th></tr><tr><td>2004</td><td>26%</td></tr></table>';
    const html = `<html><body><table><tr><td>${header}${prose.map((p) => `<p>${p}</p>`).join('')}${data}</td></tr></table></body></html>`;
    const { text } = extractContent(parseHtml(html), { title });
    expect(linesOf(text)).toEqual([...prose, '年份 | 比例', '2004 | 26%']);
  });

  it('drops a blog’s labelled line behind a dash, its read counter and its trackback address', () => {
    const html = `<html><body><div class="entity">${prose.map((p) => `<p>${p}</p>`).join('')}
      <p>- 作者： 流泉 访问统计： 2005年08月30日, 星期二 13:22 加入博采</p>
      <p>(本文发表于首页批评与建议, 已被阅读178次)</p><p>本文通告引用(Trackback)链接: /wp-trackback.php?p=1700</p></div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('leaves out text that a utility class hides until a script shows it (a paywall prompt)', () => {
    const html = `<html><body><article><div class="intro-body__premium hidden"><p>THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY</p>
      <p>Subscribe now to read the latest news in your city and across the country.</p></div>
      ${prose.map((p) => `<p>${p}</p>`).join('')}<div class="app-hint d-none"><p>Sie lesen gerade auf die zweitbeste Art!</p></div>
      </article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('keeps text hidden on phones only (Tailwind hidden md:block, Bootstrap d-none d-lg-block)', () => {
    const wide = ['The full timetable for the summer season is printed below for readers on larger screens.', 'Crossings run every two hours from six in the morning until ten at night.'];
    const html = `<html><body><article>${prose.map((p) => `<p>${p}</p>`).join('')}
      <div class="hidden md:block"><p>${wide[0]}</p></div><div class="d-none d-lg-block"><p>${wide[1]}</p></div></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([...prose, ...wide]);
  });

  it('drops a newsletter promotion set between paragraphs, but keeps prose about a newsletter', () => {
    const promo = 'Check out more of our latest travel stories by signing up to our free weekly newsletter here.';
    const about = 'The ferry company said it would sign up every islander to a newsletter about timetable changes.';
    const html = `<html><body><article><p>${prose[0]}</p><p>${promo}</p><p>${prose[1]}</p><p>${about}</p><p>${prose[2]}</p></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([prose[0], prose[1], about, prose[2]]);
  });

  it('keeps paragraphs that a template wraps one per <div> beside the scored container, but not a quoted headline', () => {
    const headline = 'Ferry operator: “Two crossings a day from June”';
    const wrapped = ['The operator will publish the full timetable next week.', 'Season tickets go on sale in May.'];
    const html = `<html><body><div class="story"><div class="c1"><p>${headline}</p></div>
      <div class="article-body">${prose.map((p) => `<p>${p}</p>`).join('')}</div>
      ${wrapped.map((w, i) => `<div class="c${i + 3}"><p>${w}</p></div>`).join('')}</div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([...prose, ...wrapped]);
  });

  it('drops a platform disclaimer line under a user-published Chinese article', () => {
    const html = `<html><body><article>${prose.map((p) => `<p>${p}</p>`).join('')}
      <p>声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务。</p></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('does not take a cookie notice container for the article', () => {
    const cookieText = 'Diese Website verwendet Cookies, um Ihnen die bestmögliche Nutzung zu ermöglichen, und speichert Ihre Auswahl dauerhaft.';
    const html = `<html><body><div class="cookiecontent"><p>${cookieText}</p><p>${cookieText} Mit der weiteren Nutzung stimmen Sie zu, lesen Sie mehr.</p></div>
      <div>${prose.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('reads an Adobe Experience Manager page, whose content components are all named cmp-*, but not a consent box', () => {
    const consent = 'Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Zugriffe zu analysieren.';
    const html = `<html><body><div id="cmpbox" class="cmpbox"><p>${consent}</p><p>${consent} Sie können Ihre Auswahl jederzeit ändern.</p></div>
      <main><div id="container-64ba3" class="cmp-container"><div class="cmp-text">${prose.map((p) => `<p>${p}</p>`).join('')}</div></div></main></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('keeps web addresses the author typed out as links, but not a linked navigation line', () => {
    const html = `<html><body><article>${prose.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}
      <p><a href="http://amzn.to/2iJFhRj">http://amzn.to/2iJFhRj</a></p><p>${prose[2]}</p>
      <p><a href="https://ferries.example.org/timetable">www.ferries.example.org/timetable</a></p>
      <p><a href="/news/harbour-fees">Harbour fees to rise again</a></p></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual([...prose.slice(0, 2), 'http://amzn.to/2iJFhRj', prose[2],
      'www.ferries.example.org/timetable']);
  });

  it('takes every section of a page whose text is spread over several parts, not the best part alone', () => {
    const sections = [
      ['Our workshops', 'Visit the companies in their own workshops and ask the engineers about their daily work, their tools and projects.'],
      ['Evening reception', 'In a relaxed atmosphere you can talk to students and recruiters over a drink, from six until late in the evening.',
        'Bring a few copies of your CV, since several firms hire interns on the spot and like to keep a paper copy.'],
      ['Getting there', 'The reception takes place in the old goods shed next to the station, a five-minute walk from the platforms.'],
      ['Registration', 'Registration is free of charge and closes on the fifteenth of March, or earlier once all places are taken.'],
    ];
    const html = `<html><body><nav><a href="/">Home</a> <a href="/events">Events</a></nav><div class="page">
      ${sections.map(([h, ...ps], i) => `<section><div class="inner"><h2>${h}</h2><div class="copy-${i}">${ps.map((p) => `<p>${p}</p>`).join('')}</div>
      <img src="/img/${h!.length}.jpg" alt=""></div></section>`).join('')}</div><footer>© Career events</footer></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(sections.flat());
  });

  it('drops a heading whose section is only links (a most-read list), keeps headings over text', () => {
    const html = `<html><body><article><h2>The new timetable</h2>${prose.map((p) => `<p>${p}</p>`).join('')}
      <h3>Articles les plus lus</h3><ul><li><a href="/a">Harbour fees to rise again this spring</a></li>
      <li><a href="/b">Island school reopens after the storm</a></li></ul></article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(['The new timetable', ...prose]);
  });

  it('drops the author box under the article', () => {
    const html = `<html><body><article><div class="entry-text">${prose.map((p) => `<p>${p}</p>`).join('')}</div>
      <section class="post-author"><p>Jana Berg writes about island life, ferries and the sea for the paper, and has done so since 2012.</p></section>
      </article></body></html>`;
    expect(linesOf(extractContent(parseHtml(html), {}).text)).toEqual(prose);
  });

  it('keeps the standfirst between the headline and the body, but not the byline or the lead image caption', () => {
    const standfirst = 'Islanders will get a second daily ferry from June, after three years of campaigning for it.';
    const html = `<html><body><article><header><h1>Second ferry for the outer islands</h1><p>${standfirst}</p>
      <p class="byline-name">Jana Berg, island correspondent</p><img src="/img/ferry.jpg" alt="">
      <p>The morning ferry leaves the pier, in a photo taken last spring by a reader.</p></header>
      <div class="article-body">${prose.map((p) => `<p>${p}</p>`).join('')}</div></article></body></html>`;
    const options = { url: 'https://news.example.org/islands/ferry', title: 'Second ferry for the outer islands' };
    expect(linesOf(extractContent(parseHtml(html), options).text)).toEqual([standfirst, ...prose]);
  });

  it('fingerprints full-width letters and digits like their ASCII forms', () => {
    expect(blockFingerprint('ＡＢＣ１２３，中文')).toBe(blockFingerprint('abc123 中文'));
  });
});
