// Raw node-pg at pool 10: a primary-key select, and an outbox write as two statements in a
// transaction against one statement (CTE) — the choice ADR 0004 made.
import { closedLoop, createDatabase, repeated, using } from '../lib/common.mjs';
import {
  poolFor,
  prepareBaselineSchema,
  READ_SQL,
  WRITE_CTE_SQL,
  WRITE_OUTBOX_SQL,
  WRITE_RECORD_SQL,
  writeParams,
} from '../lib/baseline-db.mjs';

export const description =
  'node-pg: primary-key select, outbox two statements vs one CTE statement';

export async function run(ctx) {
  return using(async (defer) => {
    const database = await createDatabase('pg');
    defer(() => database.drop());
    const ids = await prepareBaselineSchema(database.url);
    const pool = poolFor(database.url);
    defer(() => pool.end());
    let i = 0;
    const select = await repeated((durationMs) =>
      closedLoop(() => pool.query(READ_SQL, [ids[i++ % ids.length]]), { durationMs }),
    );
    const rows = [
      ctx.row('pg primary-key select', select, { unit: 'q/s', note: 'pool 10, 64 in flight' }),
    ];

    let n = 0;
    const twoStatements = await repeated((durationMs) =>
      closedLoop(
        async () => {
          const [id, resourceId, start, end, purpose, eventId] = writeParams(ids[0], n++);
          const client = await pool.connect();
          try {
            await client.query('begin');
            await client.query(WRITE_RECORD_SQL, [id, resourceId, start, end, purpose]);
            await client.query(WRITE_OUTBOX_SQL, [
              eventId,
              'resources.evt.booking.created.v1',
              id,
              JSON.stringify({ id, resourceId, start, end }),
            ]);
            await client.query('commit');
          } catch (error) {
            await client.query('rollback');
            throw error;
          } finally {
            client.release();
          }
        },
        { durationMs },
      ),
    );
    const cte = await repeated((durationMs) =>
      closedLoop(() => pool.query(WRITE_CTE_SQL, writeParams(ids[0], n++)), { durationMs }),
    );
    rows.push(
      ctx.row('pg outbox write, one statement (CTE)', cte, {
        unit: 'tx/s',
        baseline: { name: 'two statements in a transaction', ...twoStatements },
        note: 'business row + outbox row; ratio > 1 is the CTE gain',
      }),
    );
    return rows;
  });
}
