/** The four talk levels of 附件2 (禹安〔2023〕1号) and who keeps the signed 明白书 at each level. */
export interface PledgeLevel {
  level: 1 | 2 | 3 | 4;
  name: string;
  description: string;
  defaultCustody: string;
}

export const PLEDGE_LEVELS: readonly PledgeLevel[] = [
  {
    level: 1,
    name: '党政主要负责人谈话',
    description: '党委主要负责人与本级党委班子成员、政府主要负责人与本级政府班子成员谈心',
    defaultCustody: '党委、政府办公室留存，安委会办公室统一收集后装订成册备查',
  },
  {
    level: 2,
    name: '党政副职、部门主要负责人谈话',
    description: '党委政府副职与分管部门主要负责人谈心，部门主要负责人与本部门班子成员谈心',
    defaultCustody: '党委、政府办公室留存（部门内谈话由相关部门留存备查）',
  },
  {
    level: 3,
    name: '行业部门分管负责人谈话',
    description: '负有安全监管职责部门分管负责人与本行业领域生产经营单位负责人谈心',
    defaultCustody: '负有安全监管职责的部门汇总装订成册留存备查',
  },
  {
    level: 4,
    name: '企业主要负责人谈话',
    description: '生产经营单位主要负责人与本单位安全生产管理机构负责人及安全生产管理人员谈心',
    defaultCustody: '企业汇总装订成册，报行业监管部门存档备查',
  },
];

export function pledgeLevel(level: number): PledgeLevel | undefined {
  return PLEDGE_LEVELS.find((l) => l.level === level);
}

/** 一级 … 四级 */
export function levelLabel(level: number): string {
  return `${['', '一', '二', '三', '四'][level] ?? level}级`;
}
