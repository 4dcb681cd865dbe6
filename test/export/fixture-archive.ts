import { join } from 'node:path';
import { Archive } from '../../src/store/archive.js';
import { DEDUP_STORY_EN, DEDUP_STORY_EN_WIRE, HARVEST_STORY, OTHER_STORY_EN, RURAL_STORY, RURAL_STORY_REPOST, RURAL_STORY_TRADITIONAL } from '../dedup/stories.js';
import { record, saveInput, tempDir } from '../store/helpers.js';

/** A small archive: a Chinese story with a repost and a Traditional copy, another story, an English pair and one more. */
export function buildFixtureArchive() {
  const dir = tempDir();
  const path = join(dir, 'fixture.db');
  const archive = Archive.open(path);
  const save = (url: string, text: string, fields: Parameters<typeof record>[0] extends infer R ? Partial<R> : never, fetchedAt = '2024-03-01T10:00:00.000Z') =>
    archive.saveArticle(saveInput(record({ url, text, ...fields }), { fetchedAt })).articleId;
  const ids = {
    rural: save('https://www.crnews.net/2021/1113/a.html', RURAL_STORY, { title: '全国脱贫人口务工规模达3145万人', publishedAt: '2021-11-13T16:24:01+08:00', language: 'zh', authors: ['柴秋实', '吴鲁', '任存军'], source: '中国乡村振兴网' }),
    ruralRepost: save('https://news.portal.cn/2021-11-14/b.shtml', RURAL_STORY_REPOST, { title: '全国脱贫人口务工规模达3145万人', publishedAt: '2021-11-14T08:00:00+08:00', language: 'zh' }),
    ruralTraditional: save('https://hk.example.com/news/c.html', RURAL_STORY_TRADITIONAL, { title: '全國脫貧人口務工規模達3145萬人', publishedAt: '2021-11-13T20:00:00+08:00', language: 'zh-Hant' }),
    harvest: save('https://www.crnews.net/2021/1112/d.html', HARVEST_STORY, { title: '秋粮收获基本结束', publishedAt: '2021-11-12', language: 'zh' }),
    bus: save('https://www.courier.example/2024/bus-plan', DEDUP_STORY_EN, { title: 'Council approves "near duplicate" bus plan: routes, hours\nand costs', publishedAt: '2024-02-06T09:00:00-05:00', language: 'en' }),
    busWire: save('https://wire.example.org/story/123', DEDUP_STORY_EN_WIRE, { title: 'Council approves bus plan', publishedAt: '2024-02-06T15:00:00Z', language: 'en' }),
    school: save('https://www.courier.example/2024/school-start', OTHER_STORY_EN, { title: '=HYPERLINK("http://evil.example","click")', publishedAt: null, language: 'en' }, '2024-03-02T12:00:00.000Z'),
  };
  return { archive, path, dir, ids };
}
