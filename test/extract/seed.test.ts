import { describe, expect, it } from 'vitest';
import { extractFixture, fixtureText, linesOf } from './helpers.js';

const URL_OF_SEED = 'http://www.zgxczx.cn/content_2021-11/13/content_1234567.htm';
const HEADINGS = ['顶层设计描绘“美好蓝图”', '产业合作铺就“黄金大道”', '劳务输转乘上“增收快车”', '人才交流破解“瓶颈障碍”', '社会帮扶情暖“渭水源头”'];
/** Text of the banner, widgets, review lines, tabs and footers around the article on the seed page. */
const NOT_BODY = [
  '巩固拓展脱贫成果', '全面推进乡村振兴', '时间:', '来源:', '作者:', '总监审', '监 审', '姚卜成', '韩世雄', '责任编辑', '胡津瑞',
  '标签', '部委省市', '推荐阅读', '相关文章', '专题专栏', '热点推荐', '联系我们', '网站介绍', '主管:', '主办:', '版权所有', '京ICP备',
  '许可证', '邮编', '当前位置', '首页',
];

describe.each([
  ['UTF-8', 'seed/xiangcun-zhenxing.html'],
  ['GBK (charset only in meta http-equiv)', 'seed/xiangcun-zhenxing.gbk.html'],
])('seed page, %s', (_label, path) => {
  const { record, isArticle } = extractFixture(path, { url: URL_OF_SEED });
  const expected = linesOf(fixtureText('seed/expected-body.txt'));

  it('gives every body paragraph exactly once, in order, from the first to the last', () => {
    const lines = linesOf(record.text);
    expect(lines[0]).toBe('东西呼应,海陆遥望;对口帮扶,山海相连。');
    expect(lines.at(-1)).toMatch(/共同绘制“山海同行,携手共进”的乡村振兴迷人画卷。$/);
    expect(lines).toEqual(expected);
  });

  it('keeps the five section headings as Markdown headings', () => {
    const headings = record.markdown.split('\n').filter((l) => l.startsWith('#'));
    expect(headings.map((h) => h.replace(/^#+ /, ''))).toEqual(HEADINGS);
  });

  it('keeps banner, metadata, widget, review, tab and footer text out of the body', () => {
    for (const junk of NOT_BODY) expect(record.text, junk).not.toContain(junk);
    expect(linesOf(record.text)).not.toContain('0');
    expect(record.text).not.toContain('东西帮扶助振兴 山海相连情相依');
  });

  it('is an article', () => {
    expect(isArticle).toBe(true);
  });
});
