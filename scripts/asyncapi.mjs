// `npm run asyncapi`: writes docs/asyncapi.json, the AsyncAPI 3.0 document of every domain event,
// from the built gateway (the same document it serves at /api/asyncapi.json).
import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { API_VERSION, buildAsyncApiDocument, platformEventCatalogue } from '@gm/gateway-feature';

const target = new URL('../docs/asyncapi.json', import.meta.url);
const document = buildAsyncApiDocument(platformEventCatalogue(), API_VERSION);
const options = await resolveConfig(target);
await writeFile(target, await format(JSON.stringify(document), { ...options, parser: 'json' }));
console.log(`wrote ${target.pathname} (${Object.keys(document.channels).length} channels)`);
