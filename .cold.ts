import { benchColdStart } from './bench/cold-start.js';
const r = [];
for (let i = 0; i < 3; i++) r.push(await benchColdStart());
console.log(JSON.stringify(r));
