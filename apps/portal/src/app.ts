import { ApiError, listResources, listUnits, type ResourceFilters } from './api.js';
import { byId } from './dom.js';
import { CATEGORY_LABELS, isCategory } from './labels.js';
import { followLiveEvents } from './live.js';
import {
  categoryOption,
  pageCount,
  pageInfoText,
  resourceCard,
  summaryText,
  unitOption,
} from './render.js';

const form = byId<HTMLFormElement>('resource-search');
const qInput = byId<HTMLInputElement>('q');
const categorySelect = byId<HTMLSelectElement>('category');
const unitSelect = byId<HTMLSelectElement>('unitId');
const list = byId<HTMLOListElement>('resource-list');
const summary = byId<HTMLParagraphElement>('result-summary');
const empty = byId<HTMLParagraphElement>('empty');
const errorBox = byId<HTMLDivElement>('error');
const prev = byId<HTMLButtonElement>('prev-page');
const next = byId<HTMLButtonElement>('next-page');
const pageInfo = byId<HTMLSpanElement>('page-info');

const SEARCH_DELAY_MS = 300;

/** Filters live in the address bar, so a search can be bookmarked and shared. */
function filtersFromUrl(): ResourceFilters {
  const params = new URLSearchParams(location.search);
  const category = params.get('category') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    category: isCategory(category) ? category : '',
    unitId: params.get('unitId') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function writeUrl(filters: ResourceFilters): void {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.unitId) params.set('unitId', filters.unitId);
  if (filters.page > 1) params.set('page', String(filters.page));
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

function filtersFromForm(page = 1): ResourceFilters {
  const category = categorySelect.value;
  return {
    q: qInput.value,
    category: isCategory(category) ? category : '',
    unitId: unitSelect.value,
    page,
  };
}

function showError(error: unknown): void {
  const detail = error instanceof ApiError ? error.message : '网络错误 · Network error';
  errorBox.textContent = `加载失败 · Could not load the catalogue: ${detail}`;
  errorBox.hidden = false;
}

let current = filtersFromUrl();
let inFlight: AbortController | undefined;

async function load(filters: ResourceFilters): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  current = filters;
  writeUrl(filters);
  list.setAttribute('aria-busy', 'true');
  try {
    const page = await listResources(filters, controller.signal);
    errorBox.hidden = true;
    list.replaceChildren(...page.items.map(resourceCard));
    empty.hidden = page.total > 0;
    summary.textContent = summaryText(page);
    pageInfo.textContent = pageInfoText(page);
    prev.disabled = page.page <= 1;
    next.disabled = page.page >= pageCount(page.total);
  } catch (error) {
    if (controller.signal.aborted) return;
    showError(error);
  } finally {
    if (inFlight === controller) list.setAttribute('aria-busy', 'false');
  }
}

async function fillUnits(): Promise<void> {
  try {
    const units = await listUnits();
    unitSelect.append(...units.items.map(unitOption));
    unitSelect.value = current.unitId;
  } catch (error) {
    showError(error);
  }
}

function fillCategories(): void {
  categorySelect.append(
    ...Object.entries(CATEGORY_LABELS).map(([value, label]) => categoryOption(value, label)),
  );
}

function bindEvents(): void {
  let typing: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void load(filtersFromForm());
  });
  form.addEventListener('reset', () => {
    // The form clears its fields after this event; search once they are empty.
    setTimeout(() => void load(filtersFromForm()), 0);
  });
  qInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void load(filtersFromForm()), SEARCH_DELAY_MS);
  });
  categorySelect.addEventListener('change', () => void load(filtersFromForm()));
  unitSelect.addEventListener('change', () => void load(filtersFromForm()));
  prev.addEventListener('click', () => void load({ ...current, page: current.page - 1 }));
  next.addEventListener('click', () => void load({ ...current, page: current.page + 1 }));
}

function start(): void {
  fillCategories();
  qInput.value = current.q;
  categorySelect.value = current.category;
  bindEvents();
  void fillUnits();
  void load(current);
}

start();

followLiveEvents(byId<HTMLOListElement>('live-events'), byId<HTMLParagraphElement>('live-status'));
