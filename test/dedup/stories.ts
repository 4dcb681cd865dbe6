/** Real-looking news bodies for dedup, search and export tests (written for these tests). */

export const RURAL_STORY = [
  '11月13日，记者从国家乡村振兴局获悉，今年以来各地持续巩固拓展脱贫攻坚成果，守住不发生规模性返贫底线。',
  '据介绍，截至10月底，全国脱贫人口务工规模达到3145万人，超过去年全年水平；中央财政衔接推进乡村振兴补助资金已下达1561亿元。',
  '在山东省临沂市，当地依托特色产业带动农户增收，建成蔬菜大棚两千余个，吸纳周边村民就近就业。',
  '乡村振兴局有关负责人表示，下一步将继续压实各方责任，健全防止返贫动态监测和帮扶机制，推动脱贫地区加快发展。',
  '专家认为，产业帮扶和就业帮扶是防止返贫的关键，要让脱贫群众的收入持续稳定增长。',
].join('\n');

/** The same story as a portal reprints it: its own boilerplate around it and a light edit in the body. */
export const RURAL_STORY_REPOST = [
  '来源：新华网　责任编辑：王芳',
  RURAL_STORY.replace('两千余个', '2000余个').replace('专家认为', '有专家认为'),
  '【打印本页】【关闭窗口】',
  '本网站所刊登的各种新闻、信息和各种专题专栏资料，均为版权所有，未经协议授权禁止下载使用。',
].join('\n');

/** The same story in Traditional characters (a Hong Kong or Taiwan portal's copy). */
export const RURAL_STORY_TRADITIONAL = [
  '11月13日，記者從國家鄉村振興局獲悉，今年以來各地持續鞏固拓展脫貧攻堅成果，守住不發生規模性返貧底線。',
  '據介紹，截至10月底，全國脫貧人口務工規模達到3145萬人，超過去年全年水平；中央財政銜接推進鄉村振興補助資金已下達1561億元。',
  '在山東省臨沂市，當地依託特色產業帶動農戶增收，建成蔬菜大棚兩千餘個，吸納周邊村民就近就業。',
  '鄉村振興局有關負責人表示，下一步將繼續壓實各方責任，健全防止返貧動態監測和幫扶機制，推動脫貧地區加快發展。',
  '專家認為，產業幫扶和就業幫扶是防止返貧的關鍵，要讓脫貧群眾的收入持續穩定增長。',
].join('\n');

/** Another story from the same site: shares stock phrases and boilerplate, not the story. */
export const HARVEST_STORY = [
  '11月12日，记者从农业农村部获悉，今年全国秋粮收获已基本结束，粮食总产量有望再创历史新高。',
  '据介绍，今年各地克服秋汛等不利因素影响，加快机收进度，玉米、大豆、水稻等主要作物收获进展顺利。',
  '在黑龙江省绥化市，种粮大户李建国今年种植玉米八百亩，亩产比去年提高近一成，他说今年的收成让人满意。',
  '农业农村部有关负责人表示，下一步将抓好冬小麦播种和田间管理，为明年夏粮丰收打下坚实基础。',
].join('\n');

export const DEDUP_STORY_EN = [
  'City council members voted on Tuesday to approve a new plan that will expand bus service to the northern suburbs.',
  'The plan adds three routes and extends evening hours on two existing lines, according to the transit authority.',
  'Supporters said the change would help shift workers who currently have no way to get home after late shifts.',
  'Critics questioned the cost, estimated at four million dollars a year, and asked how the city would pay for it.',
  'The council said the money would come from a state grant and from savings in the road maintenance budget.',
].join('\n');

/** A wire copy: another outlet's dateline and footer, one sentence trimmed, a near duplicate of DEDUP_STORY_EN. */
export const DEDUP_STORY_EN_WIRE = [
  'SPRINGFIELD (Wire) —',
  DEDUP_STORY_EN.replace('on Tuesday ', 'Tuesday ').replace('\nThe council said the money would come from a state grant and from savings in the road maintenance budget.', ''),
  'Copyright 2024 Wire Services. All rights reserved. This material may not be published or redistributed.',
].join('\n');

export const OTHER_STORY_EN = [
  'The school board met on Tuesday to discuss a proposal that would move the start of the school day later in the morning.',
  'Parents who spoke at the meeting were divided, with some saying teenagers need more sleep and others worried about sports.',
  'The district said buses would have to be rescheduled and that the change could not happen before next autumn.',
  'Board members asked staff to survey families and report back with a cost estimate at the next meeting in March.',
].join('\n');
