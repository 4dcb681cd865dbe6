/**
 * Every selector, pattern and threshold of the content stage, as data. Each says which kind of page taught it.
 * Lengths are in words as counted by normalize/text wordCount (one CJK character = one word).
 */

/**
 * Never content: code, styling, embedded apps, form controls, document head, and ruby annotations (the reading
 * aid printed over Japanese and Chinese characters: kept, it splits every annotated word of the sentence).
 */
export const DROPPED_TAGS = new Set([
  'script', 'style', 'template', 'head', 'title', 'meta', 'link', 'base', 'svg', 'math', 'canvas', 'iframe', 'frame',
  'frameset', 'object', 'embed', 'applet', 'audio', 'video', 'source', 'track', 'map', 'area', 'input', 'select',
  'option', 'optgroup', 'textarea', 'button', 'label', 'dialog', 'noembed', 'param', 'rt', 'rp',
]);

/** Page furniture by element name (HTML5 layout pages put menus, sidebars and site footers here). */
export const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'form']);

/** Elements that start a new block of text; everything else is inline. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'ul', 'caption', 'noscript',
]);

/** Elements whose own text is one paragraph: their score goes to the container around them. */
export const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'blockquote', 'dd', 'dt', 'figcaption', 'caption']);

export const BOLD_TAGS = new Set(['b', 'strong']);
export const ITALIC_TAGS = new Set(['i', 'em']);

/**
 * class/id words of page furniture (Readability's "unlikelyCandidates", widened with what Chinese portals use:
 * fenxiang/share bars, xgwz/related lists, bq/tags, zrbj/editor lines, banquan/copyright footers). Consent
 * managers are matched by their vendors' names (`cmpbox`, `qc-cmp2-container`), not a bare `cmp`: Adobe Experience
 * Manager prefixes every content component with `cmp-` (`cmp-container`, `cmp-text`).
 */
export const UNLIKELY_HINT =
  /(?:^|[-_\s])(?:ad|ads|adv|advert|advertisement|banner|breadcrumbs?|combx|comments?|commentlist|kommentare?|community|cookie\w*|disqus|extra|foot|footer|footnav|header-nav|menu|nav|navbar|navigation|masthead|newsletter|outbrain|pager|pagination|popup|promo|related|remark|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|subscription|taboola|tags?|toolbar|tool-?bar|recommend|recommended|most-?popular|trending|read-?more|more-?stories|fenxiang|xgwz|xgxw|tuijian|banquan|copyright|zrbj|bianji|byline|author|author-?bio|meta|post-?meta|article-?meta|entry-?meta|print-?only|sr-only|visually-?hidden|modal|overlay|signup|login|infobox|consent|onetrust|gdpr|cmp\d|cmpbox|privacy-?banner|privacy-?notice|jump|crumbs?|topbar|top-?bar|bottom-?bar|site-?header|site-?footer|global-?header|global-?footer|caption-credit|credits?|newsletter-?signup|slideshow-?nav)(?=$|[-_\s\d])/i;

/**
 * class/id words that rescue an element the hint above would drop (Readability's "okMaybeItsACandidate"). The
 * WordPress post wrapper (`post-123 type-post hentry`) is listed too: its classes also name the post's terms
 * (`tag-demo`, `custom_tags-news`), which read like tag-cloud furniture on blog pages. So is a page wrapper named
 * after the column beside the text (`left-navigation_page-wrapper`), and the wrapper of a social-media post
 * embedded in the story (`social-media-embed`): the post is quoted, not a share bar.
 */
export const MAYBE_CONTENT_HINT = /(?:^|[-_\s])(?:and|page-?wrapper|social-?media-?embed|article|articlebody|article-?body|body|column|content|main|shadow|story|story-?body|post-?body|entry-?content|text|zw|zhengwen|hentry|type-post|post-\d+)(?=$|[-_\s\d])/i;

/** class/id words that raise a container's score (article templates across CMSs; zw = 正文 on Chinese portals). */
export const POSITIVE_HINT =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|zhengwen|(?:^|[-_\s])zw(?=$|[-_\s\d])|detail|cont(?=$|[-_\s\d])/i;

/** class/id words that lower a container's score (Readability's "negative", plus Chinese portal furniture). */
export const NEGATIVE_HINT =
  /-ad-|hidden|cookie|consent|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|recommend|nav|menu|fenxiang|xgwz|tuijian|banquan|copyright/i;

/** How much a positive or negative class/id hint moves a container's score (Readability uses 25). */
export const CLASS_WEIGHT = 25;

/** Inline styles and attributes that hide an element (print/AMP copies, collapsed menus). */
export const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** Attributes carrying the real address of lazy-loaded images (WordPress, Chinese CMSs, AMP fallbacks). */
export const IMAGE_SOURCE_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-url', 'src'] as const;

export const THRESHOLDS = {
  /** A block shorter than this adds nothing to its container's score (Readability: 25 characters). */
  minScoredWords: 8,
  /** Words per score point for a block's length, capped (Readability: one point per 100 characters, at most 3). */
  wordsPerPoint: 20,
  maxLengthPoints: 4,
  /** Ancestor levels a block's score reaches (parent, grandparent, ...), each divided by its level's divisor. */
  scoreLevels: 3,
  /** A sibling of the best container joins the body when its score reaches this share of the best score. */
  siblingShare: 0.2,
  /** A body block whose link words exceed this share is navigation (related lists, tag clouds). */
  maxLinkDensity: 0.5,
  /** From this length on, a block is prose with links (a roundup item) unless links make up more than... */
  longLinkBlockWords: 25,
  /** ...this share of it. */
  maxLongLinkDensity: 0.75,
  /** A link line this short counts towards a listing page's link lines. */
  shortLinkBlockWords: 20,
  /** A bold-only paragraph of at most this many words is a section heading (Chinese portals bold their 小标题). */
  maxBoldHeadingWords: 30,
  /** Repeated runs of at least this many blocks are a second copy of the body (desktop + mobile layouts). */
  minCopyRun: 2,
  /** A single repeated block this long counts as a copy on its own (a one-paragraph body printed twice). */
  minCopyBlockWords: 60,
  /** Below this many body words a page is not an article (home, listing, error pages). */
  minArticleWords: 40,
  /** A listing page has at least this many short link lines... */
  listingLinkLines: 25,
  /** ...and a body under this many words. */
  listingMaxBodyWords: 100,
  /** An error page ("页面不存在", "404 Not Found") keeps its body under this many words. */
  errorPageMaxWords: 120,
} as const;

/**
 * Lines that are never body text wherever they sit: metadata labels are built from src/metadata/labels.ts;
 * these are the rest (share prompts, counters, copyright and licence footers, tab labels, comment prompts).
 */
export const BOILERPLATE_LINE = [
  // Chinese portal footers: ICP licence, 主管/主办 line, 版权所有, 联系我们 menus, 公安备案.
  /ICP[备证]|京公网安备|公网安备|备案号|版权所有|主管[:：]|主办[:：]|承办[:：]|联系我们|网站介绍|违法和不良信息|许可证\d*|不良信息举报/,
  // Tab labels and list headings of related-article blocks on Chinese and English pages.
  /^(?:推荐阅读|相关文章|相关新闻|相关阅读|延伸阅读|专题专栏|热点推荐|热门推荐|猜你喜欢|更多精彩|精彩推荐|为你推荐|上一篇|下一篇|返回顶部|打印本页|关闭窗口|分享到|扫一扫|点击排行|阅读排行|24小时排行|Related(?: Articles| Stories| Posts)?|Read more|Read More|More from|Recommended|Trending|Most popular|Most Read|Share this(?: article)?|Share|Tweet|Print|Email|Advertisement|ADVERTISEMENT|Sponsored)[\s:：]*$/,
  // Words that label widgets on their own line (caption toggles, loaders, galleries).
  /^(?:Caption|Close|Loading\.*|Enlarge this image|Toggle caption|Hide caption|Expand|Continue reading|Explore further|Image|Photo|Video|Play Video|Watch|Listen)$/i,
  // Platform disclaimers under user-published articles ("the views are the author's own").
  /^(?:免责)?声明[:：]/,
  // Reuse notices under syndicated articles.
  /subject to copyright|may not be (?:published|reproduced)|reproduced without (?:the )?(?:written )?permission|未经(?:本网)?(?:书面)?(?:授权|许可)[,，]?(?:不得|禁止)转载/i,
  // Like/view counters and lone numbers left by widgets.
  /^[\d\s,.+万千kK]*$/,
  // Copyright footers.
  /^(?:©|\(c\)|copyright\b|Copyright ©|All rights reserved)/i,
  /all rights reserved\.?$/i,
  // Share/subscribe prompts.
  /^(?:share (?:this|on)|follow us|sign up for|subscribe to|click here to|分享到[:：]?|字号[:：]|【?字体[:：])/i,
  // The same prompts on German and other European blogs and the lone share/print buttons of their toolbars
  // (English ones are listed above), and "was this helpful" voting widgets.
  /^(?:teilen|drucken|drukuj|udostępnij|compartir|imprimir|partager|imprimer|condividi|stampa|jetzt teilen|(?:den )?(?:artikel|beitrag) teilen|möchten sie (?:den|diesen) (?:artikel|beitrag) teilen|like it\? share it|war (?:der|dieser) (?:artikel|beitrag) (?:hilfreich|nützlich)|was this (?:article|post|page) helpful|\(?noch keine bewertungen\)?)[\s!?.:]*$/i,
  // Post footers of blog engines: "This entry was posted in ... Bookmark the permalink.", read counters
  // ("(本文发表于…, 已被阅读178次)") and trackback addresses.
  /已被阅读\s*\d+\s*次|^本文(?:通告)?引用.{0,10}trackback|^trackback\b/i,
  /^(?:this (?:entry|post|article) was (?:posted|published|written)|dieser (?:eintrag|beitrag|artikel|text) wurde .{0,60}veröffentlicht|der (?:beitrag|artikel) wurde am\b)/i,
  // Reading-time lines and lone clock times of comment and live widgets.
  /^(?:\d+\s*min(?:ute)?s?\.?\s*(?:read|Lesezeit|de lectura|de leitura|lecture)|(?:reading time|Lesezeit|Lesedauer)[:：]?\s*\d+\s*(?:min(?:ute[ns]?)?\.?)?|\d{1,2}:\d{2}(?:\s*(?:am|pm|uhr))?)$/i,
  // Lone labels of tag lists, whose links leave as link blocks.
  /^(?:tags?|topics|keywords|schlagw(?:ö|oe)rter|schlagworte|(?:mehr |weitere )?themen|temas|etiquetas|mots-clés|tematy)[\s:：]*$/i,
  // German source lines and source-list headings ("Quelle: dpa", "Quellenangaben:"), as the labelled `Source:`.
  /^(?:quellen?|quellenangaben?)\s*[:：]/i,
  // Newsletter promotions set between paragraphs ("…by signing up to our free weekly newsletter").
  /\b(?:sign(?:ing)? up|subscrib(?:e|ing))\b.{0,60}\bour\b.{0,40}\bnewsletters?\b/i,
  // Advertising disclosures opening a line ("*Werbung. Dieser Beitrag enthält…", "Anzeige, enthält Affiliate Links").
  /^[*(]?(?:werbung|anzeige)[*)]?\s*[.,:|–-]/i,
  // Advertisement labels in other languages (an English "Advertisement" line is caught above).
  /^[-–—\s]*(?:Anzeige|Werbung|Publicidad|Publicité|Pubblicità|Reklama|Publicidade)[-–—\s]*$/i,
];

/** Page text that marks a soft error page (served with status 200). */
export const ERROR_PAGE_TEXT =
  /页面不存在|页面没有找到|找不到(?:该|此)?页面|页面已删除|您访问的页面|404\s*not\s*found|page not found|page (?:you requested )?(?:could not|cannot|can't) be found|this page (?:does not|doesn't) exist|error 404|^404$/i;

/** URL paths of pages that list articles rather than hold one. */
export const LISTING_URL = /\/(?:tags?|topics?|category|categories|search|author|archives?|page\/\d+)(?:\/|$|\?)|[?&](?:s|q|query|search)=|\/(?:index|list)[_-]?\d*\.s?html?$/i;

/**
 * Short lines that open what follows an article: related lists, comment sections, prev/next links. In the
 * body's second half, the body ends there (old portals and blogs put all of it in the article's own cell).
 */
export const END_OF_ARTICLE = new RegExp(
  String.raw`^[\s\[【(（]*(?:相关报道|相关新闻|相关文章|相关阅读|相关链接|相关专题|延伸阅读|推荐阅读|热点推荐|热门文章|精彩推荐|猜你喜欢|发表评论|网友评论|我要评论|评论列表|最新评论|共有\d+条评论|上一篇|下一篇|Related(?: Articles| Stories| Posts| Coverage| Content| Links)?|More (?:on|from|stories|articles)\b.*|Comments?(?: \(\d+\))?|\d+ Comments?|Leave a (?:Reply|Comment)|Post a Comment|You (?:may|might) also like|Recommended(?: for you)?|Read next|Trending(?: now)?|Kommentare?|Comentários|Comentarios|Commenti|` +
  // Comment sections and author boxes of blogs, in English, German, Spanish, Portuguese, French.
  String.raw`About the author|Comments are closed\.?|No comments(?: yet)?|Über (?:den|die) Autor(?:in)?|Keine Kommentare|\d+ Kommentare?|Kommentieren|Kommentar schreiben|Deja un comentario|Deixe um comentário|Laisser un commentaire)[\s:：\]】)）]*$`,
  'i',
);

/**
 * Headings of "read also" boxes. News sites put these boxes inside the text too (German and Polish papers
 * break long articles with them), so the heading goes on its own and the body does not end there; the links
 * under it leave as link blocks.
 */
export const TEASER_HEADING =
  /^[\s\[【(（]*(?:Read (?:also|more)|See also|Also read|Auch interessant|Das (?:Thema )?könnte (?:dich|Sie) (?:auch )?interessieren|Mehr zum Thema|Lesen Sie (?:auch|mehr)|(?:Zum )?Weiterlesen|Schon gelesen\?|Weitere (?:Artikel|Beiträge|Themen)|Empfohlene (?:Artikel|Beiträge)|Ähnliche (?:Artikel|Beiträge)|Verwandte (?:Artikel|Beiträge|Themen|Themenbereiche)|Weiterführende Links?|Lee (?:también|más)|Te puede interesar|Noticias relacionadas|Veja (?:também|mais)|Leia (?:também|mais)|Notícias relacionadas|À lire aussi|Lire aussi|Sur le même sujet|Czytaj (?:też|także))[\s:：\]】)）]*$/i;
