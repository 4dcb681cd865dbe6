import { describe, expect, it } from 'vitest';
import { chooseAuthors, type AuthorSources } from '../../src/metadata/authors.js';

const sources = (over: Partial<AuthorSources>): AuthorSources => ({
  profile: null, jsonLd: [], bylinesNear: [], metas: [], elements: [], bylinesFar: [], closingCredits: [], postedBy: [],
  siteNames: [], cjkSpaceSeparates: true, ...over,
});

describe('metadata/authors: the byline block', () => {
  it('starts at the first credit line naming someone and keeps the lines right after it', () => {
    const choice = chooseAuthors(sources({
      bylinesNear: [
        { value: 'size="20"', line: 3 },
        { value: '刘国栋 周炜', line: 8 },
        { value: '王燕平 方云凤', line: 9 },
        { value: '流泉', line: 30 },
      ],
    }));
    expect(choice).toEqual({ names: ['刘国栋', '周炜', '王燕平', '方云凤'], via: 'text:byline' });
  });
});
