// The HTTP load generator, run as its own process so that it does not share an event loop with
// what it measures. Reads one JSON object (autocannon options) on stdin, prints one JSON line.
// Each request gets its own body from either
// - `bodyTemplate`: `{{n}}` is a counter, `{{start}}`/`{{end}}` a distinct one-hour slot
//   (`slotBase` + n slots of `slotMinutes`, default 60); or
// - `bodies`: a list of ready bodies, one per request in order (e.g. valid booking slots). When
//   the list runs out it starts again, and the output says `exhausted` (those repeats are wrong
//   requests: the caller fails the run).
import autocannon from 'autocannon';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { bodyTemplate, bodies, slotBase, slotMinutes = 60, ...options } = JSON.parse(input);
let n = 0;
const base = slotBase ? Date.parse(slotBase) : 0;
const slot = (i) => new Date(base + i * slotMinutes * 60_000).toISOString();
const bodyOf = () => {
  const i = n++;
  if (bodies) return bodies[i % bodies.length];
  return bodyTemplate
    .replaceAll('{{n}}', String(i))
    .replaceAll('{{start}}', slot(i))
    .replaceAll('{{end}}', slot(i + 1));
};
// autocannon's own `[<id>]` replacement sends nothing with a POST body (8.0.0), hence setupRequest.
const requests =
  bodyTemplate || bodies
    ? [{ method: options.method, setupRequest: (request) => ({ ...request, body: bodyOf() }) }]
    : undefined;
const result = await autocannon({ ...options, ...(requests ? { requests } : {}) });
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
    exhausted: bodies ? n > bodies.length : false,
  })}\n`,
);
