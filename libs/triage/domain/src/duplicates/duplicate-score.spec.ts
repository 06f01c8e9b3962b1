import { describe, expect, it } from '@jest/globals';
import {
  characterBigrams,
  DEFAULT_DUPLICATE_THRESHOLD,
  dice,
  normaliseText,
  scoreDuplicate,
  textSimilarity,
  type DuplicateSubject,
} from './duplicate-score.js';

const ticket = (patch: Partial<DuplicateSubject> & { title: string }): DuplicateSubject => ({
  requesterId: 'researcher1',
  description: '',
  details: null,
  items: [],
  ...patch,
});

const PLATES = [
  { beneficiaryName: '张三', reference: '湘A·12345' },
  { beneficiaryName: '李四', reference: '鄂B·54321' },
  { beneficiaryName: '王五', reference: '赣C·24680' },
];

describe('normalised text and character bigrams', () => {
  it('folds full-width forms, case, punctuation and spaces', () => {
    expect(normaliseText('人才住房申请（Ｂ类）, 第 1 批！')).toBe('人才住房申请b类第1批');
    expect(normaliseText('Parking  Permit.')).toBe('parkingpermit');
  });

  it('cuts Chinese into character bigrams, which compare without word boundaries', () => {
    expect([...characterBigrams('外地车牌')]).toEqual(['外地', '地车', '车牌']);
    expect([...characterBigrams('车')]).toEqual(['车']);
    expect(characterBigrams('，。').size).toBe(0);
    expect(dice(characterBigrams('外地车牌'), characterBigrams('外地车牌通行'))).toBeCloseTo(0.75);
    expect(dice(new Set(), new Set())).toBe(0);
  });
});

describe('duplicate score (并单 suggestions)', () => {
  it('scores the same problem reworded in Chinese by another requester above the threshold', () => {
    const a = ticket({
      title: '外地车牌研究员通行证办理',
      description: '我所三名研究员的外地车牌需要在光明区内通行，申请办理通行证',
    });
    const b = ticket({
      requesterId: 'enterprise1',
      title: '研究员外地车牌通行证申请',
      description: '我单位三名研究员外地车牌需在光明区内通行，请协助办理通行证',
    });
    const { score, reasons } = scoreDuplicate(a, b);
    expect(score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    expect(reasons).toEqual([{ kind: 'similar-text', similarity: expect.any(Number) }]);
  });

  it('scores near-identical text (full-width brackets, punctuation) close to the top', () => {
    const a = ticket({ title: '人才住房申请（B类）', description: '新入职研究员，申请人才住房' });
    const b = ticket({
      requesterId: 'talent1',
      title: '人才住房申请(B类)',
      description: '新入职研究员,申请人才住房。',
    });
    expect(textSimilarity(a, b)).toBe(1);
    expect(scoreDuplicate(a, b).score).toBe(0.75);
    // The same requester raising it twice is the strongest case.
    expect(scoreDuplicate(a, { ...b, requesterId: a.requesterId })).toMatchObject({
      score: 0.85,
      reasons: [{ kind: 'similar-text', similarity: 1 }, { kind: 'same-requester' }],
    });
  });

  it('gives unrelated tickets nothing', () => {
    const a = ticket({
      title: '子女入学学位申请',
      description: '孩子明年上小学一年级，申请光明区学位',
    });
    const b = ticket({
      requesterId: 'enterprise1',
      title: '实验室用电扩容',
      description: '中试实验室需要增加用电容量',
    });
    expect(scoreDuplicate(a, b)).toEqual({ score: 0, reasons: [] });
  });

  it('keeps tickets of one category apart when only their vocabulary is shared', () => {
    // Both about vehicle permits, different problems: below the floor of text similarity.
    const a = ticket({ title: '外地牌照研究员车辆通行证', description: '通勤至光明科学城实验室' });
    const b = ticket({
      requesterId: 'enterprise1',
      title: '企业设备运输车辆临时通行',
      description: '大型仪器运输',
    });
    expect(scoreDuplicate(a, b).score).toBeLessThan(0.2);
  });

  it('negative control: the same requester and the same detail do not make unrelated text a duplicate', () => {
    const a = ticket({
      title: '高层次人才认定进度',
      description: 'B 类人才认定材料已提交两个月',
      details: { service: 'certification', talentTier: 'B' },
    });
    const b = ticket({
      title: '人才补贴未到账',
      description: 'B 类人才补贴超期未发放',
      details: { service: 'certification', talentTier: 'B' },
    });
    const { score, reasons } = scoreDuplicate(a, b);
    expect(score).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
    // A one-letter tier matches by chance and is not compared.
    expect(reasons).toContainEqual({ kind: 'same-details', keys: ['service'] });
  });

  it('finds the same beneficiaries by their plates however written, whatever the wording', () => {
    const a = ticket({ title: '车辆通行', description: '研究员车辆需要通行', items: PLATES });
    const b = ticket({
      requesterId: 'enterprise1',
      title: '外地牌照问题',
      description: '关于几位同事的外地牌照',
      items: [
        { beneficiaryName: '张三', reference: '湘a 12345' },
        { beneficiaryName: 'Zhang San', reference: '鄂B54321' },
        { beneficiaryName: '赵六', reference: '粤B·00001' },
      ],
    });
    const { score, reasons } = scoreDuplicate(a, b);
    expect(reasons).toEqual([
      { kind: 'shared-beneficiaries', count: 2, examples: ['湘A·12345', '鄂B·54321'] },
    ]);
    expect(score).toBe(0.4); // 2 of 3 shared
    const all = scoreDuplicate(a, { ...b, items: PLATES });
    expect(all.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it('weighs one shared common name lightly (names coincide)', () => {
    const a = ticket({ title: '通行证', items: [{ beneficiaryName: '张伟' }] });
    const b = ticket({
      requesterId: 'enterprise1',
      title: '子女入学',
      items: [{ beneficiaryName: '张伟' }],
    });
    expect(scoreDuplicate(a, b).score).toBe(0.3);
  });

  it('adds the same address in details to similar text', () => {
    const a = ticket({
      title: '实验室漏水',
      description: 'B栋三楼实验室天花板漏水',
      details: { address: '光明区科学城B栋301', floor: 3 },
    });
    const b = ticket({
      requesterId: 'enterprise1',
      title: '实验室天花板漏水',
      description: '三楼实验室天花板一直漏水',
      details: { address: '光明区科学城 B栋 301', floor: 3 },
    });
    const { score, reasons } = scoreDuplicate(a, b);
    // Numbers match by chance: only the address counts.
    expect(reasons).toContainEqual({ kind: 'same-details', keys: ['address'] });
    expect(score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    expect(
      scoreDuplicate(a, { ...b, details: { address: '光明区科学城C栋101' } }).score,
    ).toBeLessThan(score);
  });

  it('scores a pair the same whichever side is new', () => {
    const a = ticket({ title: '停车证办理', description: '停车证办理：详情', items: PLATES });
    const b = ticket({
      requesterId: 'talent1',
      title: '停车证办理（重复）',
      description: '停车证办理（重复）：详情',
      items: PLATES.slice(0, 2),
    });
    expect(scoreDuplicate(a, b).score).toBe(scoreDuplicate(b, a).score);
  });
});
