import { type DeclaredFacts, type DeclaredInstitution, type DeclaredSite, PARK_SERVICES, PUBLIC_SERVICE_FUNCTIONS } from '@cz/policy';
import { demoChildId } from '../demo-child-id';
import type { RegistryRows } from './model';
import { companyName, creditCode, fakeMobile, personName } from './names';
import type { ScaledCounty } from './places';
import type { Random } from './random';
import { type Day, dayBetween } from './time';

type ProfileFields = 'name' | 'address' | 'contactName' | 'contactPhone' | 'propertyOwnership' | 'registeredOn' | 'constructionInvestmentFen' | 'buildingAreaM2' | 'managementTeamSize' | 'constructionMode' | 'servicesOffered';

/** A park before its history: the approval form's fields and what it would declare (Art 6, Art 7). */
export interface ParkPlan extends Pick<RegistryRows['park'][number], ProfileFields> {
  index: number;
  id: string;
  county: ScaledCounty;
  sites: DeclaredSite[];
  institutions: DeclaredInstitution[];
  /** 0–1: how well the park is run; drives its scores, its employment figures and its spending. */
  quality: number;
  /** The subject its park operator acts under. */
  operator: string;
}

const OWNERSHIP = ['国有（区人社局）', '国有（县人社局）', '国有（开发区管委会）', '园区运营公司自有', '租赁', '民营企业自有'];
/** Kinds of the park id and its children (see demoChildId); the demo parks use 1–3. */
export const SCALED_KINDS = { park: 100, publicity: 101, cycle: 102, application: 110, submission: 111, material: 112, review: 113, inspection: 114, conclusion: 115, objection: 116, site: 120, institution: 121, assessment: 130, rectification: 131, recognitionAward: 140, subsidy: 141, employmentReport: 142, gradingEvent: 143, enterpriseSubsidy: 144 } as const;

const area = (m2: number) => m2.toFixed(2);

/** One site of at least 3000 m², or a core site and up to three sub-parks (Art 6(二), within the rules). */
function sites(random: Random, park: { name: string; county: ScaledCounty; address: string }): DeclaredSite[] {
  if (random.chance(0.6)) return [{ name: `${park.name}核心园区`, address: park.address, buildingAreaM2: area(random.int(3000, 14000) + random.int(0, 99) / 100), isCore: true }];
  const subParks = random.int(1, 3);
  const core = random.int(2400, 9000);
  const others = Array.from({ length: subParks }, () => random.int(900, 3200));
  // Art 6(二): the total must reach 4000 m²; the last sub-park makes up any shortfall.
  others[subParks - 1] += Math.max(0, 4000 - core - others.reduce((sum, m2) => sum + m2, 0));
  return [
    { name: `${park.name}核心园区`, address: park.address, buildingAreaM2: area(core), isCore: true },
    ...others.map((m2, index) => ({ name: `${random.pick(park.county.places)}分园（${index + 1}）`, address: `${park.county.name}${random.pick(park.county.streets)} ${random.int(1, 300)} 号`, buildingAreaM2: area(m2), isCore: false })),
  ];
}

/**
 * The resident institutions (Art 6(三)): 15–400 of them, most operating, revenues from a few
 * hundred thousand to tens of millions of yuan. The largest one is made big enough that the revenue
 * rule always holds, so a recognised park's facts pass the rules they were judged by.
 */
function institutions(random: Random, parkIndex: number, county: ScaledCounty): DeclaredInstitution[] {
  const count = Math.round(random.logUniform(15, 400));
  const list = Array.from({ length: count }, (_, index): DeclaredInstitution => {
    const licensed = random.chance(0.7);
    const year = random.int(2012, 2024);
    const serial = parkIndex * 1000 + index;
    return {
      name: companyName(random, random.chance(0.5) ? `长治市${county.name.replace(/^长治/, '')}` : random.pick(['山西', '长治', '太行'])),
      creditCode: creditCode(county.code, serial + 7_000_000),
      licenceKind: licensed ? 'LICENCE' : 'FILING',
      licenceNo: licensed ? `（晋）人服证字〔${year}〕第${county.code}${String(serial % 100_000).padStart(5, '0')}号` : `晋人服备〔${year}〕${county.code}-${String(serial % 100_000).padStart(5, '0')}号`,
      licenceValidUntil: licensed ? `${random.int(2027, 2031)}-${String(random.int(1, 12)).padStart(2, '0')}-28` : null,
      operating: random.chance(0.85),
      revenueFen: String(Math.round(random.logUniform(20_000_000, 3_000_000_000))),
    };
  });
  list[0] = { ...list[0], operating: true, revenueFen: String(Math.max(Number(list[0].revenueFen), random.int(1_050_000_000, 4_000_000_000))) };
  return list;
}

export function planPark(random: Random, root: string, index: number, county: ScaledCounty, name: string, registeredFrom: Day, registeredTo: Day): ParkPlan {
  const id = demoChildId(root, SCALED_KINDS.park, index);
  const address = `${county.name.startsWith('长治') ? '' : '长治市'}${county.name}${random.pick(county.streets)} ${random.int(1, 400)} 号`;
  const parkSites = sites(random, { name, county, address });
  const totalArea = parkSites.reduce((sum, site) => sum + Number(site.buildingAreaM2), 0);
  const offered = random.shuffle(PARK_SERVICES).slice(0, random.int(3, 8));
  return {
    index,
    id,
    county,
    name,
    address,
    contactName: personName(random),
    contactPhone: fakeMobile(index),
    propertyOwnership: random.pick(OWNERSHIP),
    registeredOn: dayBetween(random, registeredFrom, registeredTo),
    constructionInvestmentFen: String(random.int(300, 6000) * 1_000_000),
    buildingAreaM2: area(totalArea),
    managementTeamSize: random.int(5, 40),
    constructionMode: random.chance(0.45) ? 'NEW' : 'RENOVATED',
    servicesOffered: PARK_SERVICES.filter((service) => offered.includes(service)),
    sites: parkSites,
    institutions: institutions(random, index, county),
    quality: random.around(0.78, 0.26, 0.45, 0.99),
    operator: `park-operator-${id.slice(0, 8)}`,
  };
}

/** What the park declares in an application of `year`: its sites, roster and all four public services. */
export function declaredFacts(park: ParkPlan, year: number): DeclaredFacts {
  return { revenueYear: year - 1, sites: park.sites, institutions: park.institutions, publicServices: [...PUBLIC_SERVICE_FUNCTIONS], subParkJustification: null };
}

