import type { Random } from './random';

/**
 * Names that read like real ones but belong to nobody: park and company names from common
 * business words, people from common surnames and given names, and phone numbers all in the
 * 1380000xxxx block, so any contact in the scaled data is obviously fake.
 */
const PARK_KINDS = ['人力资源服务产业园', '人力资源服务产业园', '人力资源服务产业园', '人才发展产业园', '数字人力资源服务产业园', '人力资源服务创新园'];
const COMPANY_WORDS = ['聚才', '英才', '众诚', '博远', '鑫源', '华瑞', '天诚', '卓越', '精英', '才智', '汇才', '领航', '启航', '金桥', '同创', '恒信', '宏达', '中晟', '锦程', '瑞丰', '嘉禾', '德润', '诚誉', '优选', '安达', '鼎盛', '智联', '佳才', '远航', '新蓝'];
const COMPANY_KINDS = ['人力资源服务有限公司', '人力资源有限公司', '人才服务有限公司', '劳务派遣有限公司', '企业管理咨询有限公司', '职业技能培训学校有限公司', '信息技术有限公司', '人力资源开发有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '申', '牛', '原', '秦', '常'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建国', '晓燕', '志刚', '海燕', '文博', '雅琴', '子涵', '浩然'];

/** `count` distinct park names for a county, from its area names and the kinds of park. */
export function parkNames(random: Random, countyName: string, places: readonly string[], count: number): string[] {
  const short = countyName.replace(/(区|县)$/, '').replace(/^长治/, '');
  const candidates: string[] = [];
  for (const place of places) for (const kind of PARK_KINDS) candidates.push(`${short}${place}${kind}`);
  for (const kind of PARK_KINDS) candidates.push(`${short}${kind}`);
  const names = [...new Set(random.shuffle(candidates))];
  // A big county at a big scale runs out of combinations: number the phases like real parks do.
  return Array.from({ length: count }, (_, index) => (index < names.length ? names[index] : `${names[index % names.length]}（${Math.floor(index / names.length) + 1}期）`));
}

export function personName(random: Random): string {
  return `${random.pick(SURNAMES)}${random.pick(GIVEN)}`;
}

export function companyName(random: Random, prefix: string): string {
  return `${prefix}${random.pick(COMPANY_WORDS)}${random.pick(COMPANY_KINDS)}`;
}

/** 1380000xxxx: a real mobile number's shape in a block kept for fake data. */
export function fakeMobile(serial: number): string {
  return `1380000${String(serial % 10_000).padStart(4, '0')}`;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A well-formed 统一社会信用代码 (GB 32100) with its check character: 91 (an enterprise), the
 * county's division code, a nine-character organisation code from `serial`, and the check.
 */
export function creditCode(countyCode: string, serial: number): string {
  let organisation = '';
  let rest = serial;
  for (let index = 0; index < 9; index += 1) {
    organisation = CREDIT_ALPHABET[rest % 31] + organisation;
    rest = Math.floor(rest / 31);
  }
  const body = `91${countyCode}${organisation}`;
  const sum = [...body].reduce((total, char, index) => total + CREDIT_ALPHABET.indexOf(char) * CREDIT_WEIGHTS[index], 0);
  return body + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}
