/**
 * The metadata stage's data: which meta keys, JSON-LD types, class hints and words it trusts, in priority order.
 * A heuristic change here is a data change. Label words (作者, 来源, By) live in labels.ts.
 */

/** Meta keys (name/property/itemprop, lower case) carrying the first publication date; best first. */
export const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'og:published_time',
  'datepublished', 'article.published', 'published_time', 'publishdate', 'publish-date', 'publish_date',
  'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created',
  'dcterms.created', 'dc.created', 'citation_publication_date', 'citation_date',
  'date_published', 'datecreated', 'article:post_date', 'og:regdate', 'rnews:datepublished',
  'originalpublicationdate', 'article_date_original', 'cxenseparse:recs:publishtime', 'publication_date',
  'release_date', 'displaydate', 'ptime', 'pdate', 'bt:pubdate', 'article.created',
] as const;

/**
 * Generic date keys (Dublin Core `dc.date`, a bare `date`, `timestamp`): CMSs fill them with the last change as
 * often as with the publication, so they rank below the page's visible dateline and <time> elements.
 */
export const GENERIC_DATE_META = ['dc.date', 'dcterms.date', 'date', 'dc:date', 'dc:created', 'created', 'timestamp'] as const;

/**
 * Publication-date keys in the JSON state that script-rendered pages embed (shop systems, review widgets, app
 * frameworks): the page's last resort when neither metadata nor text dates it. Creation keys of users or uploads
 * (`created_at`, `createdAt`) are left out: they date other things as often as the page.
 */
export const SCRIPT_DATE_KEY = /"(?:datePublished|publishedDate|published_at|publishedAt|publish_date|publishDate|pubDate|firstPublished)"\s*:\s*"([^"]{8,40})"/;

/** Meta keys carrying the last revision date; best first. */
export const MODIFIED_META = [
  'article:modified_time', 'og:article:modified_time', 'datemodified', 'og:updated_time', 'article:modified',
  'dc.date.modified', 'dcterms.modified', 'lastmodified', 'last-modified', 'article.updated', 'mtime', 'modified',
] as const;

/** Meta keys naming the writer. article:author is often a profile URL (Facebook): URLs are dropped later. */
export const AUTHOR_META = [
  'author', 'article:author', 'og:article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator',
  'dcterms.creator', 'citation_author', 'article:author_name', 'cxenseparse:author',
] as const;

export const TITLE_META = ['og:title', 'twitter:title', 'headline', 'dc.title', 'sailthru.title', 'parsely-title'] as const;
export const SITE_NAME_META = ['og:site_name', 'application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher'] as const;
export const DESCRIPTION_META = ['og:description', 'description', 'twitter:description', 'dc.description'] as const;
export const IMAGE_META = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src', 'image', 'thumbnailurl'] as const;
export const TAG_META = ['article:tag', 'og:article:tag', 'parsely-tags', 'sailthru.tags', 'news_keywords', 'keywords'] as const;
export const LANGUAGE_META = ['content-language', 'language', 'dc.language', 'inlanguage', 'og:locale'] as const;
export const SOURCE_META = ['source', 'original-source', 'article:source'] as const;

/** JSON-LD types that describe the article itself (schema.org CreativeWork subtypes news pages use). */
export const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'liveblogposting', 'report',
  'scholarlyarticle', 'socialmediaposting', 'techarticle', 'posting', 'creativework', 'videoobject',
]);
/**
 * Guides that are no article type but carry the same fields (name, author, datePublished): recipe and how-to pages
 * describe themselves by them. They serve when the page has no article node.
 */
export const GUIDE_TYPES = new Set(['recipe', 'howto']);
/** Page-level types: their dates serve when no article node has one (many WordPress sites). */
export const PAGE_TYPES = new Set(['webpage', 'itempage', 'collectionpage', 'aboutpage', 'profilepage']);

/**
 * Class/id words of elements holding the date (blog templates: `entry-date`, `post-date`, `published`, `datum`)
 * and of bylines (`author`, `byline`); the last list marks widgets that merely contain those words.
 */
export const DATE_HINT = /date|time|publish|posted|datum|fecha|zeit|dateline|\bmeta\b|byline|info/i;
export const AUTHOR_HINT = /author|byline|writer|autor|auteur|reporter|journalist|creator|\bby\b/i;
export const HINT_EXCLUDE = /comment|related|recommend|sidebar|widget|share|social|footer|copyright|reply|avatar/i;

/**
 * Page regions whose dates, names and label lines belong to other articles or to the site: footers with copyright
 * years and ICP lines, navigation, sidebars and related-article lists (portal pages list ten dated headlines each).
 */
export const BOILERPLATE_TAGS = new Set(['footer', 'nav', 'aside']);
/** Matched per class/id token, at its start or end (`site-footer`, `nav-main`), never mid-token (`has-no-bottom-gap`). */
export const BOILERPLATE_TOKEN = /^(?:footer|copyright|nav|navbar|navigation|menu|sidebar|related|recommend|comments?|breadcrumbs?)(?:$|[-_])|[-_](?:footer|copyright|nav|navbar|navigation|menu|sidebar|related|recommend|recommended|comments?|breadcrumbs?)$/i;

/** Elements whose text never is page text. */
export const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'svg', 'noscript', 'iframe', 'textarea', 'select', 'button']);

/** Elements that end a line of text (as a browser renders them); the rest flow inline. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'center', 'body', 'html',
]);

/** Label lines are short; a longer line holding 作者 or 时间 is prose that happens to use the word. */
export const MAX_LABEL_LINE = 220;
/** How far (in lines) after the headline the byline and dateline are looked for; portals put them right below it. */
export const NEAR_TITLE_LINES = 25;
/** Lines before the headline still searched (breadcrumb-style datelines above the h1). */
export const BEFORE_TITLE_LINES = 6;

/**
 * Words that end a label's value on portal metadata lines: font-size switches, counters and share prompts that
 * follow the source or author on the same line (`来源：新华网 【字体：大 中 小】 浏览次数：12`).
 */
export const VALUE_TERMINATORS = /【|\[|字体|字号|浏览|点击|阅读[:：数量次]|评论|分享|打印|关闭|收藏|手机看|扫一扫|\s{3,}|\|/;

/** Credits that are roles or placeholders, not people (`本报记者`, "Staff"): dropped from author and editor lists. */
export const NON_NAMES = new Set([
  '本报记者', '记者', '本报讯', '通讯员', '特约记者', '实习生', '实习记者', '见习记者', '编辑', '责任编辑', '作者', '本报',
  '本网记者', '本台记者', '新华社记者', '佚名', '未知', '网友', '匿名', '小编', 'admin', 'administrator',
  'staff', 'staff writer', 'staff writers', 'staff reporter', 'editor', 'editors', 'the editors', 'reporter',
  'correspondent', 'author', 'guest', 'redaktion', 'autor', 'anonymous', 'unknown', 'by', 'and', 'von', 'por', 'par',
]);
/**
 * Words of page furniture, never of a Chinese name: a class=author box reading `该作者文章` (this author's
 * articles) or `更多博客` is a link, not a credit; `上海报道` after the names says where the reporter filed from.
 */
export const CJK_NON_NAME_WORD = /作者|文章|更多|查看|博客|专栏|报道|来源|点击|评论|阅读|链接|首页|网站|本站|转载|原创|投稿/;
/** Role words written before a name (`本报记者 张三`, `记者张三`): stripped, the name kept. */
export const ROLE_PREFIX = /^(?:本报记者|本网记者|本台记者|特约记者|实习记者|见习记者|新华社记者|本报通讯员|通讯员|记者|实习生|作者)\s*/;
/** Separators between several names in one credit; the words are lower case so middle initials (John E. Smith) survive. */
export const NAME_SEPARATORS = /\s*(?:[,，、;；/|&+]|\b(?:and|AND|And|und|UND|et|y|e|og|och|i|en)\b)\s*/;
/** Particles of Latin-script names written lower case (Ludwig van Beethoven, Pedro de la Cruz). */
export const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'al', 'ter', 'dos', 'das', 'zu', 'vom']);

/** Title separators between headline and site name: `Headline - Site`, `Headline_新浪网`, `Headline|人民网`, `标题-中国网`. */
export const TITLE_SEPARATORS = /\s+[-–—|·•:»]\s+|\s*[|｜_]\s*|\s*——\s*|\s*--\s*|(?<=[\u4e00-\u9fff])\s*-\s*|\s*-\s*(?=[\u4e00-\u9fff])/;

/** Class/id words of a heading (or its parent) that holds the site's name, not the article's: WordPress `site-title`. */
export const SITE_HEADING_HINT = /site-?title|site-?name|logo|brand|masthead|blog-?title|blog-?name|header-title/i;
/** Class words of h2/h3 headlines in blog and CMS themes (`entry-title`, `post-title`, `article-title`). */
export const HEADLINE_CLASS = /entry-title|post-title|article-title|story-title|headline|news-title|content-title/i;
