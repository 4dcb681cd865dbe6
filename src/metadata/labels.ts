/**
 * Label words that introduce metadata on a page ("作者:", "来源:", "By ..."). One list per field, shared by
 * the metadata stage (to read the values) and the content stage (to keep these lines out of the body).
 * Site profiles may add words for one site (SiteProfile.labels).
 */
export const LABELS = {
  /**
   * 作者/记者/文/撰稿: writers, and the interns (实习生) and drafters (执笔人) newspapers credit beside them. "文" only
   * counts directly before a colon or slash (文/张三), never inside prose.
   */
  author: [
    '作者', '记者', '撰稿', '撰文', '文', '通讯员', '特约记者', '本报记者', '作 者', '实习生', '本报实习生', '实习记者', '见习记者',
    '执笔', '执笔人', 'By', 'Author', 'Autor', 'Written by',
  ],
  /** 责任编辑/编辑/责编: editors, kept apart from authors. */
  editor: ['责任编辑', '责编', '编辑', '编 辑', '主编', '校对', 'Edited by', 'Editor'],
  /** Review lines (总监审, 监审, 审核): dropped from the body, not kept as metadata. */
  review: ['总监审', '监审', '监 审', '审核', '审校', '终审', '二审', '一审', '三审', '初审', '复审'],
  source: ['来源', '稿源', '出处', '来自', 'Source'],
  /** Chinese, English, and the Japanese 公開日/投稿日 (published, posted) and 更新日 (updated). */
  date: ['时间', '日期', '发布时间', '发表时间', '发布日期', '更新时间', '发稿时间', '公開日', '投稿日', '更新日', 'Published', 'Updated', 'Date'],
  /** 标签/关键词: the page's visible tags (`标签媒体关注` on the seed page), kept as the record's tags. */
  tag: ['标签', '关键词', '关键字', 'Tags', 'Keywords', 'Schlagwörter'],
} as const;

/** Date labels that name a later revision, not the first publication: their dates go to modifiedAt. */
export const MODIFIED_DATE_LABELS: readonly string[] = ['更新时间', '更新日', 'Updated'];

export type LabelField = keyof typeof LABELS;
