/**
 * DEMO DATA: the 30 member units of the joint conference, as the demo seeds them. Names are real
 * institutions of (or near) Guangming Science City; their membership and sites are illustrative.
 * Other services' seeds refer to these by `stableId('unit', code)`; `SZBL`, `SYSU-SZ` and `SIAT`
 * are relied on by name.
 */
export interface UnitSeed {
  code: string;
  name: string;
  nameEn: string;
  /** Where the unit's shared resources stand, for the resources' `location`. */
  site: string;
  siteEn: string;
}

export const DEMO_UNITS = [
  {
    code: 'SZBL',
    name: '深圳湾实验室',
    nameEn: 'Shenzhen Bay Laboratory',
    site: '深圳湾实验室光明园区',
    siteEn: 'SZBL Guangming Campus',
  },
  {
    code: 'SYSU-SZ',
    name: '中山大学深圳校区',
    nameEn: 'Sun Yat-sen University (Shenzhen Campus)',
    site: '中山大学深圳校区',
    siteEn: 'SYSU Shenzhen Campus',
  },
  {
    code: 'SIAT',
    name: '中国科学院深圳先进技术研究院',
    nameEn: 'Shenzhen Institutes of Advanced Technology, CAS',
    site: '光明科学城先进院园区',
    siteEn: 'SIAT Guangming Science City Campus',
  },
  {
    code: 'SUSTECH',
    name: '南方科技大学',
    nameEn: 'Southern University of Science and Technology',
    site: '南方科技大学光明科研基地',
    siteEn: 'SUSTech Guangming Research Base',
  },
  {
    code: 'SUAT',
    name: '深圳理工大学',
    nameEn: 'Shenzhen University of Advanced Technology',
    site: '深圳理工大学光明校区',
    siteEn: 'SUAT Guangming Campus',
  },
  {
    code: 'GML',
    name: '光明实验室',
    nameEn: 'Guangming Laboratory',
    site: '光明实验室科研楼',
    siteEn: 'Guangming Laboratory Research Building',
  },
  {
    code: 'ISB',
    name: '深圳合成生物学创新研究院',
    nameEn: 'Shenzhen Institute of Synthetic Biology',
    site: '合成生物创新园',
    siteEn: 'Synthetic Biology Innovation Park',
  },
  {
    code: 'BCBDI',
    name: '深圳先进院脑认知与脑疾病研究所',
    nameEn: 'Brain Cognition and Brain Disease Institute, SIAT',
    site: '光明科学城脑科学园区',
    siteEn: 'Guangming Brain Science Campus',
  },
  {
    code: 'HITSZ',
    name: '哈尔滨工业大学（深圳）',
    nameEn: 'Harbin Institute of Technology, Shenzhen',
    site: '哈工大（深圳）光明创新中心',
    siteEn: 'HITSZ Guangming Innovation Centre',
  },
  {
    code: 'SIGS',
    name: '清华大学深圳国际研究生院',
    nameEn: 'Tsinghua Shenzhen International Graduate School',
    site: '清华深研院光明实验基地',
    siteEn: 'Tsinghua SIGS Guangming Lab Base',
  },
  {
    code: 'PKUSZ',
    name: '北京大学深圳研究生院',
    nameEn: 'Peking University Shenzhen Graduate School',
    site: '北大深研院光明分析中心',
    siteEn: 'PKU Shenzhen Guangming Analysis Centre',
  },
  {
    code: 'CUHKSZ',
    name: '香港中文大学（深圳）',
    nameEn: 'The Chinese University of Hong Kong, Shenzhen',
    site: '港中大（深圳）光明研究中心',
    siteEn: 'CUHK-Shenzhen Guangming Research Centre',
  },
  {
    code: 'SZU',
    name: '深圳大学',
    nameEn: 'Shenzhen University',
    site: '深圳大学光明科研平台',
    siteEn: 'SZU Guangming Research Platform',
  },
  {
    code: 'SZTU',
    name: '深圳技术大学',
    nameEn: 'Shenzhen Technology University',
    site: '深圳技术大学光明工程中心',
    siteEn: 'SZTU Guangming Engineering Centre',
  },
  {
    code: 'SYSU-7H',
    name: '中山大学附属第七医院',
    nameEn: 'The Seventh Affiliated Hospital, Sun Yat-sen University',
    site: '中山大学附属第七医院科研楼',
    siteEn: 'SYSU 7th Hospital Research Building',
  },
  {
    code: 'GMPH',
    name: '深圳市光明区人民医院',
    nameEn: 'Guangming District People’s Hospital',
    site: '光明区人民医院临床研究中心',
    siteEn: 'Guangming Hospital Clinical Research Centre',
  },
  {
    code: 'SMART',
    name: '深圳医学科学院',
    nameEn: 'Shenzhen Medical Academy of Research and Translation',
    site: '深圳医学科学院光明基地',
    siteEn: 'SMART Guangming Base',
  },
  {
    code: 'PCL',
    name: '鹏城实验室',
    nameEn: 'Peng Cheng Laboratory',
    site: '鹏城实验室光明算力节点',
    siteEn: 'Peng Cheng Lab Guangming Compute Node',
  },
  {
    code: 'NSCCSZ',
    name: '国家超级计算深圳中心',
    nameEn: 'National Supercomputing Center in Shenzhen',
    site: '国家超算深圳中心光明分中心',
    siteEn: 'NSCC Shenzhen Guangming Branch',
  },
  {
    code: 'SMQ',
    name: '深圳市计量质量检测研究院',
    nameEn: 'Shenzhen Institute of Metrology and Quality Inspection',
    site: '深圳计量院光明检测基地',
    siteEn: 'SMQ Guangming Testing Base',
  },
  {
    code: 'SIAEM',
    name: '深圳先进电子材料国际创新研究院',
    nameEn: 'Shenzhen Institute of Advanced Electronic Materials',
    site: '先进电子材料研究院中试楼',
    siteEn: 'SIAEM Pilot Building',
  },
  {
    code: 'BGIR',
    name: '深圳华大生命科学研究院',
    nameEn: 'BGI Research',
    site: '华大生命科学研究院光明实验室',
    siteEn: 'BGI Research Guangming Lab',
  },
  {
    code: 'RITS',
    name: '深圳清华大学研究院',
    nameEn: 'Research Institute of Tsinghua University in Shenzhen',
    site: '深圳清华大学研究院光明孵化基地',
    siteEn: 'RITS Guangming Incubation Base',
  },
  {
    code: 'SZIDC',
    name: '深圳市药品检验研究院',
    nameEn: 'Shenzhen Institute for Drug Control',
    site: '深圳药检院光明实验楼',
    siteEn: 'SZIDC Guangming Laboratory Building',
  },
  {
    code: 'GMAIC',
    name: '光明科学城智能计算中心',
    nameEn: 'Guangming Science City Intelligent Computing Center',
    site: '光明科学城智算中心',
    siteEn: 'Guangming Intelligent Computing Center',
  },
  {
    code: 'SZCDC',
    name: '深圳市疾病预防控制中心',
    nameEn: 'Shenzhen Center for Disease Control and Prevention',
    site: '深圳市疾控中心光明实验基地',
    siteEn: 'Shenzhen CDC Guangming Lab Base',
  },
  {
    code: 'AIRS',
    name: '深圳市人工智能与机器人研究院',
    nameEn: 'Shenzhen Institute of Artificial Intelligence and Robotics for Society',
    site: '人工智能与机器人研究院光明测试场',
    siteEn: 'AIRS Guangming Test Site',
  },
  {
    code: 'SZPU',
    name: '深圳职业技术大学',
    nameEn: 'Shenzhen Polytechnic University',
    site: '深圳职业技术大学光明实训基地',
    siteEn: 'SZPU Guangming Training Base',
  },
  {
    code: 'WBSI',
    name: '深圳第三代半导体研究院',
    nameEn: 'Shenzhen Institute of Wide-bandgap Semiconductors',
    site: '第三代半导体研究院工艺楼',
    siteEn: 'WBSI Process Building',
  },
  {
    code: 'SIQA',
    name: '深圳国际量子研究院',
    nameEn: 'Shenzhen International Quantum Academy',
    site: '量子研究院光明实验楼',
    siteEn: 'SIQA Guangming Laboratory Building',
  },
] as const satisfies readonly UnitSeed[];

export type DemoUnitCode = (typeof DEMO_UNITS)[number]['code'];
