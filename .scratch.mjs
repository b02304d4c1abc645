import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
await c.run(`create table t (a date, b decimal(18,2), c boolean, d double, e varchar, f bigint)`);
const ap = await c.createAppender('t');
const t0 = Date.now();
for (let i = 0; i < 200000; i++) {
ap.appendVarchar('2021-01-01'); ap.appendVarchar('0.10'); ap.appendBoolean(true); ap.appendDouble(1.5); ap.appendVarchar("x'y"); ap.appendBigInt(BigInt(i)); ap.endRow();
ap.appendNull(); ap.appendNull(); ap.appendNull(); ap.appendNull(); ap.appendNull(); ap.appendBigInt(7n); ap.endRow();
}
ap.closeSync();
console.log('ms', Date.now()-t0);
const r = await c.runAndReadAll('select count(*), sum(b)::varchar, min(a)::varchar from t'); console.log(r.getRowObjectsJson());
