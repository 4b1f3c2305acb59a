/**
 * Changzhi's twelve districts and counties and its high-tech zone (the registry's county table),
 * with how many of the city's parks each tends to hold and a few real street and area names for
 * addresses. Weights are a guess at where HR service businesses cluster: the urban districts and
 * the zone hold most.
 */
export interface ScaledCounty {
  code: string;
  name: string;
  weight: number;
  /** Area names used for park names and addresses. */
  places: readonly string[];
  streets: readonly string[];
}

export const SCALED_COUNTIES: readonly ScaledCounty[] = [
  { code: '140403', name: '潞州区', weight: 3, places: ['英雄', '太行', '八一', '西街', '东街', '紫金', '长北', '延安', '城东', '淮海'], streets: ['英雄北路', '太行东街', '八一路', '紫金西街', '长兴路', '延安南路', '府后西街'] },
  { code: '140404', name: '上党区', weight: 1.4, places: ['韩店', '苏店', '荫城', '上党', '八义'], streets: ['上党大道', '振兴街', '府前路', '韩店东街'] },
  { code: '140405', name: '屯留区', weight: 1, places: ['麟绛', '渔泽', '余吾', '康庄'], streets: ['麟绛大街', '康庄路', '渔泽路'] },
  { code: '140406', name: '潞城区', weight: 1, places: ['潞华', '店上', '成家川', '微子'], streets: ['潞华路', '文化路', '中华街'] },
  { code: '140423', name: '襄垣县', weight: 1, places: ['古韩', '王桥', '侯堡', '夏店'], streets: ['建设路', '古韩大街', '太行北路'] },
  { code: '140425', name: '平顺县', weight: 0.5, places: ['青羊', '龙溪', '石城'], streets: ['青羊路', '龙溪街'] },
  { code: '140426', name: '黎城县', weight: 0.6, places: ['黎侯', '上遥', '东阳关'], streets: ['黎侯路', '朝阳街'] },
  { code: '140427', name: '壶关县', weight: 0.6, places: ['龙泉', '店上', '百尺'], streets: ['龙泉路', '府前街'] },
  { code: '140428', name: '长子县', weight: 0.9, places: ['丹朱', '鲍店', '慈林', '色头'], streets: ['丹朱大道', '建设街', '新华路'] },
  { code: '140429', name: '武乡县', weight: 0.6, places: ['丰州', '蟠龙', '洪水'], streets: ['太行街', '丰州路'] },
  { code: '140430', name: '沁县', weight: 0.5, places: ['定昌', '郭村', '新店'], streets: ['定昌路', '迎春街'] },
  { code: '140431', name: '沁源县', weight: 0.7, places: ['沁河', '郭道', '灵空山'], streets: ['育才路', '沁河大道', '府前街'] },
  { code: '140471', name: '长治高新区', weight: 2, places: ['高新', '太行北', '漳泽', '科创', '智谷', '金威'], streets: ['太行北路', '漳泽路', '科创大道', '潞宝路', '金威南路'] },
];
