import type { Bilingual } from './labels.js';

type Child = Node | string;

/** Builds an element; text always goes in as text nodes, so catalogue data can never inject markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** `中文 English`, the English part marked up as such for screen readers. */
export function bilingual([zh, en]: Bilingual): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(`${zh} `, h('span', { lang: 'en' }, en));
  return fragment;
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}
