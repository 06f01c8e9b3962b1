import { stableId } from '@gm/shared-contracts';
import type { HousingUnitStatus } from '@gm/housing-contracts';
import type { NewBuildingRow, NewProjectRow, NewUnitRow } from '../tables.js';

/**
 * DEMO DATA: talent-housing projects of Guangming district and their units, as the demo seeds
 * them. The project names follow real places (长圳 is the district's largest talent-housing
 * area); buildings, layouts, rents and who lives where are illustrative. There are far more
 * available units than the demo talents could take.
 */
interface UnitType {
  bedrooms: number;
  areaSqm: number;
  monthlyRent: number;
}

interface BuildingSeed {
  code: string;
  floors: number;
  /** The units of every floor, by position: position 1 is number `<floor>01`. */
  floorPlan: UnitType[];
  /** Floors 1 … n are already let (allocated before the platform existed). */
  letUpToFloor?: number;
  /** Unit numbers kept out of allocation (repairs, management office). */
  unavailable?: string[];
}

interface ProjectSeed {
  code: string;
  name: string;
  nameEn: string;
  address: string;
  buildings: BuildingSeed[];
}

const STUDIO: UnitType = { bedrooms: 0, areaSqm: 32, monthlyRent: 960 };
const ONE_BED: UnitType = { bedrooms: 1, areaSqm: 45, monthlyRent: 1350 };
const TWO_BED: UnitType = { bedrooms: 2, areaSqm: 65, monthlyRent: 1950 };
const THREE_BED: UnitType = { bedrooms: 3, areaSqm: 89, monthlyRent: 2670 };
const FOUR_BED: UnitType = { bedrooms: 4, areaSqm: 118.5, monthlyRent: 3555 };

export const DEMO_HOUSING_PROJECTS: readonly ProjectSeed[] = [
  {
    code: 'CZ',
    name: '长圳人才社区',
    nameEn: 'Changzhen Talent Community',
    address: '光明区凤凰街道长圳片区（示例数据）',
    buildings: [
      {
        code: '1',
        floors: 12,
        floorPlan: [ONE_BED, TWO_BED, TWO_BED, THREE_BED],
        letUpToFloor: 4,
        unavailable: ['101'],
      },
      { code: '2', floors: 12, floorPlan: [ONE_BED, TWO_BED, TWO_BED, THREE_BED], letUpToFloor: 2 },
      {
        code: '3',
        floors: 12,
        floorPlan: [TWO_BED, TWO_BED, THREE_BED, THREE_BED],
        unavailable: ['1204'],
      },
    ],
  },
  {
    code: 'FHC',
    name: '凤凰城人才公寓',
    nameEn: 'Fenghuang Town Talent Apartments',
    address: '光明区凤凰城片区（示例数据）',
    buildings: [
      {
        code: 'A',
        floors: 10,
        floorPlan: [STUDIO, ONE_BED, ONE_BED, TWO_BED, TWO_BED],
        letUpToFloor: 3,
      },
      {
        code: 'B',
        floors: 10,
        floorPlan: [STUDIO, ONE_BED, ONE_BED, TWO_BED, TWO_BED],
        unavailable: ['105'],
      },
    ],
  },
  {
    code: 'YT',
    name: '玉塘人才安居苑',
    nameEn: 'Yutang Talent Residence',
    address: '光明区玉塘街道（示例数据）',
    buildings: [
      {
        code: '1',
        floors: 8,
        floorPlan: [TWO_BED, THREE_BED, THREE_BED, FOUR_BED],
        letUpToFloor: 2,
      },
      { code: '2', floors: 8, floorPlan: [TWO_BED, THREE_BED, THREE_BED, FOUR_BED] },
    ],
  },
  {
    code: 'GMC',
    name: '光明中心区青年人才公寓',
    nameEn: 'Guangming Central Young Talent Apartments',
    address: '光明区光明街道中心区（示例数据）',
    buildings: [
      { code: '1', floors: 6, floorPlan: [STUDIO, STUDIO, ONE_BED, ONE_BED, ONE_BED, TWO_BED] },
    ],
  },
];

const projectId = (project: string) => stableId('housing-project', project);
const buildingId = (project: string, building: string) =>
  stableId('housing-building', `${project}/${building}`);
const unitId = (project: string, building: string, number: string) =>
  stableId('housing-unit', `${project}/${building}/${number}`);

function unitStatus(building: BuildingSeed, floor: number, number: string): HousingUnitStatus {
  if (building.unavailable?.includes(number)) return 'unavailable';
  return floor <= (building.letUpToFloor ?? 0) ? 'allocated' : 'available';
}

function unitsOf(project: ProjectSeed, building: BuildingSeed): NewUnitRow[] {
  return Array.from({ length: building.floors }, (_, i) => i + 1).flatMap((floor) =>
    building.floorPlan.map((type, position) => {
      const number = `${floor}${String(position + 1).padStart(2, '0')}`;
      return {
        id: unitId(project.code, building.code, number),
        building_id: buildingId(project.code, building.code),
        number,
        floor,
        bedrooms: type.bedrooms,
        area_sqm: type.areaSqm,
        monthly_rent: type.monthlyRent,
        status: unitStatus(building, floor, number),
      };
    }),
  );
}

/** The demo housing stock as table rows, with ids computed from codes (same on every run). */
export function demoHousingStock(): {
  projects: NewProjectRow[];
  buildings: NewBuildingRow[];
  units: NewUnitRow[];
} {
  return {
    projects: DEMO_HOUSING_PROJECTS.map((p) => ({
      id: projectId(p.code),
      code: p.code,
      name: p.name,
      name_en: p.nameEn,
      address: p.address,
    })),
    buildings: DEMO_HOUSING_PROJECTS.flatMap((p) =>
      p.buildings.map((b) => ({
        id: buildingId(p.code, b.code),
        project_id: projectId(p.code),
        code: b.code,
        name: `${b.code}栋`,
      })),
    ),
    units: DEMO_HOUSING_PROJECTS.flatMap((p) => p.buildings.flatMap((b) => unitsOf(p, b))),
  };
}
