/** `npm run docs:errors`: writes docs/errors.md from the error catalogue (src/domain/errors/). */
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/domain/errors/render-errors-doc.js';

const target = new URL('../../docs/errors.md', import.meta.url);
writeFileSync(target, renderErrorsDoc());
console.log(`wrote ${target.pathname}`);
