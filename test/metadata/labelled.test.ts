import { describe, expect, it } from 'vitest';
import { closingCredit, labelMatcher, parseLabelLine, postedBy } from '../../src/metadata/labelled.js';
import { splitNames } from '../../src/metadata/names.js';

const parse = (line: string): [string, string][] => parseLabelLine(line, labelMatcher()).map((s) => [s.field, s.value]);

describe('metadata/labelled: label lines', () => {
  it('splits labels run together with their values (the seed page’s desktop line)', () => {
    expect(parse('时间:2021-11-13 16:24:01来源:中国乡村振兴网作者:柴秋实 吴鲁 任存军')).toEqual([
      ['date', '2021-11-13 16:24:01'],
      ['source', '中国乡村振兴网'],
      ['author', '柴秋实 吴鲁 任存军'],
    ]);
  });

  it('takes full-width colons, spaces around them, and the longest label (责任编辑 over 编辑)', () => {
    expect(parse('发布时间：2021年11月13日 来源： 新华社 责任编辑：王小二')).toEqual([
      ['date', '2021年11月13日'],
      ['source', '新华社'],
      ['editor', '王小二'],
    ]);
  });

  it('reads the Japanese date labels 公開日 (published) and 更新日 (updated)', () => {
    expect(parse('公開日：2025/01/31 11:30 更新日：2025/01/31 12:05')).toEqual([
      ['date', '2025/01/31 11:30'],
      ['date', '2025/01/31 12:05'],
    ]);
  });

  it('reads labels without a colon on short lines: 责任编辑胡津瑞, 标签媒体关注, 记者 张三', () => {
    expect(parse('责任编辑胡津瑞')).toEqual([['editor', '胡津瑞']]);
    expect(parse('标签媒体关注')).toEqual([['tag', '媒体关注']]);
    expect(parse('新华日报·交汇点记者 徐睿翔')).toEqual([['author', '徐睿翔']]);
    expect(parse('监 审韩世雄')).toEqual([['review', '韩世雄']]);
  });

  it('reads interns and drafters as writers: 本报实习生, 执笔人', () => {
    expect(parse('本报实习生 刘国栋 周炜')).toEqual([['author', '刘国栋 周炜']]);
    expect(parse('执笔人：闵乐夫 赵兰波 刘韬')).toEqual([['author', '闵乐夫 赵兰波 刘韬']]);
  });

  it('reads 文/ only as a credit, not inside words', () => {
    expect(parse('文/张三 图/李四')).toEqual([['author', '张三 图/李四']]);
    expect(parse('原文：见附件')).toEqual([]);
  });

  it('cuts values at counters and font switches that share the line', () => {
    expect(parse('来源：人民网 【字体：大 中 小】 浏览次数：123')).toEqual([['source', '人民网']]);
  });

  it('ignores the label words in prose', () => {
    expect(parse('记者在孙启勤的办公室里看到的山庄规划图上，不仅有宾馆、垂钓台、游猎场')).toEqual([]);
    expect(parse('他说，来源不明的资金已经冻结。')).toEqual([]);
  });

  it('reads English bylines and datelines, not "by" inside a sentence', () => {
    expect(parse('By Jane Doe and John Roe | Published 13 November 2021')).toEqual([
      ['author', 'Jane Doe and John Roe'],
      ['date', '13 November 2021'],
    ]);
    expect(parse('Source: Reuters')).toEqual([['source', 'Reuters']]);
    expect(parse('Photo by Ann Lee')).toEqual([]);
    expect(parse('The bill was passed by Congress')).toEqual([]);
  });
});

describe('metadata/labelled: bracketed credits closing a story', () => {
  it('reads names with a role word, a filing place, or two names', () => {
    expect(closingCredit('推动云南工业高质量发展。（记者 胡晓蓉）')).toBe('胡晓蓉');
    expect(closingCredit('（总台记者 张倩）')).toBe('张倩');
    expect(closingCredit('才有这座英雄的城！（评论员 罗博 萧海川）')).toBe('罗博 萧海川');
    expect(closingCredit('难道不都是利益再分配的过程吗？”（姚峰 上海报道）')).toBe('姚峰');
    expect(closingCredit('过一个平安、祥和、温馨、廉洁的新春佳节。（常书香 马丹阳 ）')).toBe('常书香 马丹阳');
  });

  it('ignores brackets that do not credit people', () => {
    expect(closingCredit('小两口尝试以钱生钱(图)')).toBeNull();
    expect(closingCredit('全文完。（新华社）')).toBeNull();
    expect(closingCredit('他说。（张三）')).toBeNull();
    expect(closingCredit('我们去了两个城市（上海 北京）')).toBeNull();
    expect(closingCredit('（据新华社报道）')).toBeNull();
  });
});

describe('metadata/labelled: a blog’s posted-by line', () => {
  it('reads the poster before a date, not a sentence starting with 由', () => {
    expect(postedBy('由海姑娘张贴 @ 2005-06-14 03:25:55 (370) 共 11 篇评论 发表评论 >>>')).toBe('海姑娘');
    expect(postedBy('由 lily 发表于 2006年1月2日 10:00')).toBe('lily');
    expect(postedBy('由市政府发布的通知要求各单位做好准备。')).toBeNull();
  });
});

describe('metadata/names: credits to names', () => {
  it('splits Chinese credits on spaces and 、, dropping role words', () => {
    expect(splitNames('柴秋实 吴鲁 任存军')).toEqual(['柴秋实', '吴鲁', '任存军']);
    expect(splitNames('本报记者 张三、李四')).toEqual(['张三', '李四']);
    expect(splitNames('记者王五 通讯员赵六')).toEqual(['王五', '赵六']);
    expect(splitNames('本报记者')).toEqual([]);
  });

  it('drops where the reporter filed from, and what follows a colon inside the credit', () => {
    expect(splitNames('彭冲 山东冠县报道')).toEqual(['彭冲']);
    expect(splitNames('赵 培：北京物资学院，北京')).toEqual(['赵培']);
    expect(splitNames('流泉 访问统计： 2005年08月30日, 星期二 13:22')).toEqual(['流泉']);
    expect(splitNames('撰稿人：张三')).toEqual(['张三']);
    expect(splitNames('回答者：')).toEqual([]);
  });

  it('leaves out photographers credited on the writer’s line', () => {
    expect(splitNames('张三 图/李四')).toEqual(['张三']);
    expect(splitNames('张三 文 李四 摄影')).toEqual(['张三']);
    expect(splitNames('张三/文 李四/图')).toEqual(['张三']);
    expect(splitNames('张三 摄影：李四')).toEqual(['张三']);
    expect(splitNames('王宏图')).toEqual(['王宏图']);
  });

  it('joins a two-character name padded with a space, and rejects page furniture', () => {
    expect(splitNames('王 刚')).toEqual(['王刚']);
    expect(splitNames('■该作者文章')).toEqual([]);
    expect(splitNames('更多博客')).toEqual([]);
  });

  it('keeps Japanese names whole when told spaces are inside names', () => {
    expect(splitNames('大渡 美咲', { cjkSpaceSeparates: false })).toEqual(['大渡 美咲']);
  });

  it('splits English and German credits on "and", "und", commas, keeping the names whole', () => {
    expect(splitNames('By Jane Doe and John Roe')).toEqual(['Jane Doe', 'John Roe']);
    expect(splitNames('Von Benjamin Fischer und Marcus Theurer')).toEqual(['Benjamin Fischer', 'Marcus Theurer']);
    expect(splitNames('Ludwig van Beethoven, John E. Smith')).toEqual(['Ludwig van Beethoven', 'John E. Smith']);
    expect(splitNames('Veröffentlicht von Cem Basman')).toEqual(['Cem Basman']);
  });

  it('drops placeholders, places after an author box name, and non-names', () => {
    expect(splitNames('Staff')).toEqual([]);
    expect(splitNames('Anna Sleegers, Frankfurt', { firstOnly: true })).toEqual(['Anna Sleegers']);
    expect(splitNames('Sarah LazareTwitter')).toEqual(['Sarah Lazare']);
    expect(splitNames('Foto: Bild: SN')).toEqual([]);
    expect(splitNames('see https://example.com')).toEqual([]);
    expect(splitNames('uriebe')).toEqual([]);
    expect(splitNames('uriebe', { structured: true })).toEqual(['uriebe']);
  });
});
