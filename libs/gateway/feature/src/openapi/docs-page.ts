import type { OpenApiDocument } from './openapi-document.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

function operationHtml(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ', required' : ''})`)
    .join(', ');
  const auth = op.security
    ? op.security.some((s) => Object.keys(s as object).length === 0)
      ? 'token optional'
      : 'token required'
    : 'public';
  return `<li><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code> — ${escape(op.summary ?? '')}
  <div class="d">${escape(auth)}${params ? ` · parameters: ${params}` : ''}${op.requestBody ? ' · JSON body' : ''} · answers ${Object.keys(
    op.responses ?? {},
  )
    .map(escape)
    .join(', ')}</div></li>`;
}

/**
 * A readable, self-contained page of the API (no scripts, no external assets: the portal's CSP
 * allows neither), linking to the machine-readable document.
 */
export function renderDocsPage(document: OpenApiDocument): string {
  const items = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => operationHtml(method, path, op as Operation)),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.info.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b2426}
code{font-family:ui-monospace,monospace}ul{list-style:none;padding:0}li{padding:.6rem 0;border-bottom:1px solid #d9e2e1}
.m{display:inline-block;min-width:4rem;font-weight:700;color:#0b5d5b}.d{color:#5b6b6e;font-size:.9rem}</style></head>
<body><h1>${escape(document.info.title)}</h1><p>${escape(document.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escape(document.openapi)}, version ${escape(document.info.version)}).</p>
<ul>${items.join('\n')}</ul></body></html>`;
}
