import type { ParkProfileInput } from '@cz/policy';
import type { ParkStatus } from '@cz/queue-contracts';

/** A demo park: the approval form's fields (as the registry validates them) plus its demo history. */
export interface DemoPark extends Omit<ParkProfileInput, 'servicesOffered'> {
  id: string;
  status: ParkStatus;
  servicesOffered: string[];
  /** Year of recognition, for recognised parks. */
  recognisedYear?: number;
  /** Stage of its current application. */
  applicationStage: 'DRAFT' | 'COUNTY_REVIEW' | 'APPROVED';
  /** Assessment results, year → total score, for recognised parks. */
  assessments?: Record<number, string>;
}

/**
 * The small demo data set `npm start` loads into an empty database: a few real-looking parks in
 * real Changzhi counties, with their references in every service. Ids are fixed so every service
 * seeds its part independently and the parts fit together.
 */
export const DEMO_PARKS: readonly DemoPark[] = [
  {
    id: '0b6f1d2e-5a4c-4c1e-9a51-000000000001',
    name: '潞州人力资源服务产业园',
    status: 'RECOGNISED',
    countyCode: '140403',
    address: '长治市潞州区英雄北路 168 号',
    contactName: '王晓燕',
    contactPhone: '13835501234',
    propertyOwnership: '国有（区人社局）',
    registeredOn: '2021-03-18',
    constructionInvestmentFen: '2860000000',
    buildingAreaM2: '5200.00',
    managementTeamSize: 18,
    constructionMode: 'RENOVATED',
    servicesOffered: ['POLICY_CONSULTING', 'INFORMATION', 'REGISTRATION', 'FIT_OUT', 'PROPERTY_MANAGEMENT', 'PLATFORM'],
    recognisedYear: 2023,
    applicationStage: 'APPROVED',
    assessments: { 2024: '92.50', 2025: '88.00' },
  },
  {
    id: '0b6f1d2e-5a4c-4c1e-9a51-000000000002',
    name: '高新区人力资源服务产业园',
    status: 'RECOGNISED',
    countyCode: '140471',
    address: '长治高新区太行北路 66 号',
    contactName: '李建国',
    contactPhone: '13903552468',
    propertyOwnership: '园区运营公司自有',
    registeredOn: '2022-06-01',
    constructionInvestmentFen: '1950000000',
    buildingAreaM2: '3600.50',
    managementTeamSize: 11,
    constructionMode: 'NEW',
    servicesOffered: ['POLICY_CONSULTING', 'LICENSING', 'OPENING_GUIDANCE', 'FINANCING'],
    recognisedYear: 2024,
    applicationStage: 'APPROVED',
    assessments: { 2025: '71.00' },
  },
  {
    id: '0b6f1d2e-5a4c-4c1e-9a51-000000000003',
    name: '襄垣县人力资源服务产业园',
    status: 'CANDIDATE',
    countyCode: '140423',
    address: '襄垣县古韩镇建设路 9 号',
    contactName: '赵敏',
    contactPhone: '0355-7221234',
    propertyOwnership: '租赁',
    registeredOn: '2024-09-10',
    constructionInvestmentFen: '680000000',
    buildingAreaM2: '3050.00',
    managementTeamSize: 7,
    constructionMode: 'RENOVATED',
    servicesOffered: ['POLICY_CONSULTING', 'INFORMATION'],
    applicationStage: 'COUNTY_REVIEW',
  },
  {
    id: '0b6f1d2e-5a4c-4c1e-9a51-000000000004',
    name: '沁源县人力资源服务产业园',
    status: 'CANDIDATE',
    countyCode: '140431',
    address: '沁源县沁河镇育才路 21 号',
    contactName: '孙丽',
    contactPhone: '13734550987',
    propertyOwnership: '国有（县人社局）',
    registeredOn: '2025-04-22',
    constructionInvestmentFen: '420000000',
    buildingAreaM2: '2150.00',
    managementTeamSize: 5,
    constructionMode: 'NEW',
    servicesOffered: ['INFORMATION', 'OTHER'],
    applicationStage: 'DRAFT',
  },
];

/** Art 7(四) naming for the recognised demo parks. */
export function demoOfficialName(park: DemoPark): string | null {
  return park.status === 'CANDIDATE' ? null : `长治${park.name}`;
}

export { demoChildId } from './demo-child-id';
export * from './scaled';
