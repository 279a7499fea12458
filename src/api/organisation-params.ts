/** Path parameters of the routes about one organisation (`/admin/organisations/{id}/…`). */
import { z } from 'zod';

/** An organisation id as the store's check (migration 0001) takes it. */
export const OrgId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, . _ -');

/** `/admin/organisations/{id}/…/{format}`: an organisation and one of its message formats. */
export const OrgFormatParams = z.object({ id: OrgId, format: z.string().min(1).max(64) });
