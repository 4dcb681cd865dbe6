import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/parse/index.js';
import { extractMetadata } from '../../src/metadata/index.js';
import { stripSiteName } from '../../src/metadata/title.js';

const meta = (html: string) => extractMetadata(parseHtml(html), { url: 'https://www.example.de/politik/artikel-123.html' });

/** A German news page: kicker and headline as two spans inside the h1, byline and dateline right under it. */
const page = (head: string, h1: string): string => `<!DOCTYPE html><html lang="de"><head>${head}
<meta property="og:site_name" content="Example Zeitung"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><header><h1>${h1}</h1><p class="byline">Von Anna Beispiel</p><time datetime="2024-04-28T10:15:00+02:00">28.04.2024</time></header>
<p>Der Landtag hat am Freitag über den Bericht des Untersuchungsausschusses beraten.</p></article></body></html>`;

describe('title: the h1 against the publisher’s metadata', () => {
  it('takes the metadata spelling when the h1 only lost the separator between its kicker and headline spans', () => {
    const html = page(
      '<title>Ausschuss zur Flut: Zwei Rücktritte - und viele offene Fragen | Example Zeitung</title>' +
        '<meta property="og:title" content="Ausschuss zur Flut: Zwei Rücktritte - und viele offene Fragen">',
      '<span class="kicker">Ausschuss zur Flut</span> <span class="headline">Zwei Rücktritte - und viele offene Fragen</span>',
    );
    const { values, provenance } = meta(html);
    expect(values.title).toBe('Ausschuss zur Flut: Zwei Rücktritte - und viele offene Fragen');
    expect(provenance.title).toBe('h1+meta:og:title');
    expect(values.publishedAt).toBe('2024-04-28T10:15:00+02:00');
  });

  it('takes the metadata spelling when the h1 has a space before its colon', () => {
    const html = page(
      '<meta property="og:title" content="Stuttgart feiert: Stadt der Rekorde">',
      '<span>Stuttgart feiert</span> <span>: Stadt der Rekorde</span>',
    );
    expect(meta(html).values.title).toBe('Stuttgart feiert: Stadt der Rekorde');
  });

  it('prefers the heading the og:title names over a section heading only the <title> names', () => {
    const html = `<html><head><title>News - Example Institut</title>
<meta property="og:title" content="Auf das erste Elektron kommt es an"></head><body>
<div class="section-head"><h1>News</h1></div>
<article><h1>Auf das erste Elektron kommt es an</h1><p>Forschende haben gemessen, wie Bakterien Strom leiten.</p></article></body></html>`;
    const { values, provenance } = meta(html);
    expect(values.title).toBe('Auf das erste Elektron kommt es an');
    expect(provenance.title).toBe('h1');
  });

  it('keeps the h1 against a metadata title that only adds a dangling separator', () => {
    const html = page('<meta property="og:title" content="Stadtrat beschließt neuen Haushalt |">', 'Stadtrat beschließt neuen Haushalt');
    expect(meta(html).values.title).toBe('Stadtrat beschließt neuen Haushalt');
  });

  it('keeps the h1 when the metadata differs in quotes: typography is the editor’s choice, not layout', () => {
    const html = page(
      `<meta property="og:title" content="Mexico's economy grew 1.1% in the first quarter">`,
      'Mexico’s economy grew 1.1% in the first quarter',
    );
    expect(meta(html).values.title).toBe('Mexico’s economy grew 1.1% in the first quarter');
  });

  it('takes the og:title when it is the h1 without its closing clause: the editor’s short form of the headline', () => {
    const html = page(
      '<title>Stadtrat beschließt neuen Haushalt nach langer Debatte um die Schulen | Example Zeitung</title>' +
        '<meta property="og:title" content="Stadtrat beschließt neuen Haushalt">',
      'Stadtrat beschließt neuen Haushalt nach langer Debatte',
    );
    const { values, provenance } = meta(html);
    expect(values.title).toBe('Stadtrat beschließt neuen Haushalt');
    expect(provenance.title).toBe('h1-clause+meta:og:title');
  });

  it('keeps the h1 when the og:title lost only its last word, a quotation, or most of the headline', () => {
    const confirmed = (og: string, h1: string) => page(`<title>${h1} | Example Zeitung</title><meta property="og:title" content="${og}">`, h1);
    const lastWord = confirmed('Stadtrat beschließt neuen Haushalt für die', 'Stadtrat beschließt neuen Haushalt für die Schulen');
    expect(meta(lastWord).values.title).toBe('Stadtrat beschließt neuen Haushalt für die Schulen');
    // An unescaped quote in the attribute ends the value before the quotation.
    const quotation = confirmed('Marathon: Überlegener Sieger und', 'Marathon: Überlegener Sieger und „royaler Besuch“');
    expect(meta(quotation).values.title).toBe('Marathon: Überlegener Sieger und „royaler Besuch“');
    const most = confirmed('Wie man Hortensien pflegt', 'Wie man Hortensien pflegt, damit sie den ganzen Sommer über prächtig blühen');
    expect(meta(most).values.title).toBe('Wie man Hortensien pflegt, damit sie den ganzen Sommer über prächtig blühen');
  });

  it('keeps the h1 when only twitter:title is the shorter form: CMSs cut it at the card’s length limit', () => {
    const html = page(
      '<title>Stadtrat beschließt neuen Haushalt nach langer Debatte | Example Zeitung</title>' +
        '<meta name="twitter:title" content="Stadtrat beschließt neuen Haushalt">',
      'Stadtrat beschließt neuen Haushalt nach langer Debatte',
    );
    expect(meta(html).values.title).toBe('Stadtrat beschließt neuen Haushalt nach langer Debatte');
  });

  it('confirms an h1 whose markup carries hyphenation hints, and gives it without them', () => {
    const html = page(
      '<meta property="og:title" content="Messengerdienste sind kein rechtsfreier Raum">',
      'Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein rechts&shy;frei&shy;er Raum',
    );
    const { values, provenance } = meta(html);
    expect(values.title).toBe('Messengerdienste sind kein rechtsfreier Raum');
    expect(provenance.title).toBe('h1');
    // A word joiner keeps the dash with the quote after it; the JSON-LD headline spells the same words without it.
    const joined = page(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Vettern auf Norwegen-Tour: – Magisch"}</script>',
      'Vettern auf Norwegen-Tour: –\u2060 Magisch',
    );
    expect(meta(joined).values.title).toBe('Vettern auf Norwegen-Tour: – Magisch');
  });

  it('drops a kicker from the h1 when the share-card title gives the headline without it', () => {
    const html = page(
      '<title>Sonderparteitag zur Migration: Partei ruft zum Widerstand gegen die Asylpolitik auf | Example Zeitung</title>' +
        '<meta property="og:title" content="Partei ruft zum Widerstand gegen die Asylpolitik auf">',
      '<span class="kicker">Sonderparteitag zur Migration:</span> Partei ruft zum Widerstand gegen die Asylpolitik auf',
    );
    const { values, provenance } = meta(html);
    expect(values.title).toBe('Partei ruft zum Widerstand gegen die Asylpolitik auf');
    expect(provenance.title).toBe('h1-kicker+meta:og:title');
    expect(values.authors).toEqual(['Anna Beispiel']);
  });

  it('keeps the kicker when only the JSON-LD headline lacks it (a shortened SEO headline), or when it is longer than the rest', () => {
    const ld = page(
      '<meta property="og:title" content="Neue Abrechnung: Musiker fordern ein anderes Streaming-Modell">' +
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Musiker fordern ein anderes Streaming-Modell"}</script>',
      'Neue Abrechnung: Musiker fordern ein anderes Streaming-Modell',
    );
    expect(meta(ld).values.title).toBe('Neue Abrechnung: Musiker fordern ein anderes Streaming-Modell');
    const subtitle = page(
      '<title>Vierzig Jahre nach dem Unglück von Tschernobyl: Ein Rückblick</title><meta property="og:title" content="Ein Rückblick">',
      'Vierzig Jahre nach dem Unglück von Tschernobyl: Ein Rückblick',
    );
    expect(meta(subtitle).values.title).toBe('Vierzig Jahre nach dem Unglück von Tschernobyl: Ein Rückblick');
  });
});

describe('title: pages without title metadata', () => {
  const plain = (h1s: string): string => `<html><head><title>Ausflugtipps Niederrhein und Ruhrgebiet</title></head><body>
<div id="menu"><a href="/">Start</a> <a href="/essen">Essen</a></div>${h1s}
<p>Das Westviertel liegt zwischen Hauptbahnhof und Krupp-Park und wandelt sich seit Jahren.</p></body></html>`;

  it('takes the only h1 over a <title> that is the site’s template', () => {
    const { values, provenance } = meta(plain('<h1>Essen-Westviertel</h1>'));
    expect(values.title).toBe('Essen-Westviertel');
    expect(provenance.title).toBe('h1');
  });

  it('keeps the <title> when several h1s leave the headline open', () => {
    expect(meta(plain('<h1>Essen-Westviertel</h1><h1>Weitere Ausflüge</h1>')).values.title).toBe('Ausflugtipps Niederrhein und Ruhrgebiet');
  });
});

describe('title: cutting an unknown site name from the <title>', () => {
  it('keeps a closing guillemet or quote that ends the headline', () => {
    expect(stripSiteName('Chiesa ruft zum «politischen Widerstand» - Tages-Nachrichten', [])).toEqual({
      title: 'Chiesa ruft zum «politischen Widerstand»',
      suffix: 'Tages-Nachrichten',
    });
    expect(stripSiteName('Er sagt: »Wir bleiben« | Stadtblatt', []).title).toBe('Er sagt: »Wir bleiben«');
  });

  it('still cuts the separator before the name, Chinese dashes without spaces included', () => {
    expect(stripSiteName('东西帮扶助振兴 山海相连情相依-中国乡村振兴网', []).title).toBe('东西帮扶助振兴 山海相连情相依');
    expect(stripSiteName('武汉的声音：有英勇的你，才有英雄的城！-新华网', []).title).toBe('武汉的声音：有英勇的你，才有英雄的城！');
    expect(stripSiteName('Council approves the new budget for schools — Daily Post', []).title).toBe('Council approves the new budget for schools');
  });
});
