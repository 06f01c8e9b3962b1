import type { Page } from '@gm/shared-contracts';
import type { Resource, Unit } from '@gm/resources-contracts';
import { PAGE_SIZE } from './api.js';
import { bilingual, h } from './dom.js';
import { CATEGORY_LABELS, STATUS_LABELS } from './labels.js';

export function resourceCard(resource: Resource): HTMLLIElement {
  const status = STATUS_LABELS[resource.status];
  const title = h('h3', {}, resource.name, ' ', h('span', { lang: 'en' }, resource.nameEn));
  const meta = h(
    'dl',
    { class: 'meta' },
    h('dt', {}, '单位 Unit'),
    h('dd', {}, resource.unit.name, ' ', h('span', { lang: 'en' }, resource.unit.nameEn)),
    h('dt', {}, '类别 Category'),
    h('dd', {}, bilingual(CATEGORY_LABELS[resource.category])),
    h('dt', {}, '地点 Location'),
    h('dd', {}, resource.location),
  );
  const article = h(
    'article',
    { class: 'resource', 'data-code': resource.code },
    h(
      'div',
      { class: 'resource-top' },
      h('span', { class: 'code' }, resource.code),
      h('span', { class: `chip status-${resource.status}`, title: status[1] }, bilingual(status)),
    ),
    title,
    meta,
  );
  return h('li', {}, article);
}

export function summaryText(page: Page<Resource>): string {
  if (page.total === 0) return '无结果 · No results';
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.items.length - 1;
  return `共 ${page.total} 项，显示第 ${first}–${last} 项 · ${page.total} resources, showing ${first}–${last}`;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export function pageInfoText(page: Page<Resource>): string {
  const pages = pageCount(page.total);
  return `第 ${page.page} / ${pages} 页 · Page ${page.page} of ${pages}`;
}

export function unitOption(unit: Unit): HTMLOptionElement {
  return h('option', { value: unit.id }, `${unit.name} · ${unit.nameEn}`);
}

export function categoryOption(value: string, label: readonly [string, string]): HTMLOptionElement {
  return h('option', { value }, `${label[0]} · ${label[1]}`);
}
