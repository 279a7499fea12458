/**
 * An SMDG terminal code as the trucker routes take it in a query (`?terminal=`): 1-6 letters or digits in either
 * case (the code list's own form, `domain/identifiers/smdg-terminal-code.ts`), upper-cased for the readers.
 * The cargo, equipment and statistics routes take a laxer 2-10 of their own: not folded here, as tightening them
 * would refuse queries they answer today.
 */
import { z } from 'zod';

export const QueryTerminalCode = z
  .string()
  .regex(/^[A-Za-z0-9]{1,6}$/, 'an SMDG terminal code')
  .transform((s) => s.toUpperCase())
  .meta({ examples: ['WBCT'] });
