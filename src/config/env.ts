/**
 * Configuration is read once, here, from the environment (and CLI flags layered on top by the CLI),
 * validated, defaulted and frozen. Nothing else reads `process.env` (STYLE §6).
 */
import { z } from 'zod';
import { isValidTimeZone } from '../domain/zoned-time.js';
import { parseCidr } from './cidr.js';

const EnvSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL server URL; when unset, the embedded PGlite database under OPENPCS_DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Directory of the embedded database (PGlite). */
  OPENPCS_DATA_DIR: z.string().min(1).default('./data'),
  /** IANA time zone for zone-less date-times in incoming messages (per-sender overrides come later). */
  OPENPCS_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((tz) => isValidTimeZone(tz), 'must be an IANA time zone such as UTC or America/Los_Angeles'),
  /** Largest accepted message body, in MiB. */
  OPENPCS_BODY_LIMIT_MIB: z.coerce.number().positive().default(64),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per minute per API key (per client address without a key). */
  OPENPCS_RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(1200),
  /** Failed authentications per minute per client address answered 401 (429 beyond). */
  OPENPCS_AUTH_FAILURES_PER_MIN: z.coerce.number().int().positive().default(30),
  /** The API is reached over TLS (directly or behind a TLS-terminating proxy): send HSTS. */
  OPENPCS_BEHIND_TLS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (comma-separated addresses, CIDRs or `loopback`,
   * `linklocal`, `uniquelocal`); unset = none: the client address is the connection's peer.
   */
  OPENPCS_TRUST_PROXY: z
    .string()
    .default('')
    .transform((text) => splitList(text))
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        const problem = trustedProxyProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  /** Serve /metrics without a key on this separate port (bind it to an internal interface); unset = none. */
  OPENPCS_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Terminal feed figures (slots, empty-return receivables) older than this are flagged `stale` in answers. */
  OPENPCS_FEED_STALE_MINUTES: z.coerce.number().int().positive().default(60),
  OPENPCS_VESSEL_STALE_MINUTES: z.coerce.number().int().positive().default(30),
  /** Minutes either side of an appointment slot within which a gate-in still counts as kept (docs/truckers.md). */
  OPENPCS_APPOINTMENT_GRACE_MINUTES: z.coerce.number().int().min(0).max(720).default(30),
  /** Local hour (terminal zone) from which the daily sweep announces a last free day that is tomorrow. */
  OPENPCS_LFD_ALERT_HOUR: z.coerce.number().int().min(0).max(23).default(0),
  /**
   * Grid CO2 factor of shore power, g/kWh (per-call emissions, docs/emissions.md). The default 225 is a recalled
   * CAMX (California) eGRID figure, not read in a source: set the utility's or eGRID's value for an inventory.
   */
  OPENPCS_GRID_CO2_G_PER_KWH: z.coerce.number().finite().min(0).max(2_000).default(225),
  /** Seconds between sweeps of the inbox for messages still unprocessed (a worker lost its connection). */
  OPENPCS_INBOX_SWEEP_S: z.coerce.number().int().positive().default(30),
  /** PostgreSQL pool size per process. */
  OPENPCS_PG_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Networks webhook callbacks may reach although loopback/private (comma-separated CIDRs). */
  OPENPCS_CALLBACK_ALLOW_NETWORKS: z
    .string()
    .default('')
    .transform((text) => splitList(text))
    .superRefine((networks, ctx) => {
      for (const network of networks) {
        try {
          parseCidr(network);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }
    }),
  /**
   * The San Pedro Bay simulator feeding `serve` live (docs/simulator.md): `auto` runs it on the embedded
   * database (a newcomer's `npm start`) and never on PostgreSQL; `on` runs it on either; `off` never.
   */
  OPENPCS_SIM: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Simulated seconds per wall-clock second once the simulator has caught up with now (1 = real time). */
  OPENPCS_SIM_SPEED: z.coerce.number().positive().max(100_000).default(1),
  /** Hours before now the simulator starts at, sent as fast as the server takes them (0 = none). */
  OPENPCS_SIM_BACKFILL_HOURS: z.coerce.number().min(0).max(72).default(3),
  /**
   * At most one AIS position per vessel every N simulated seconds (the scenario's `aisPositionEveryS`, a thinning
   * knob for a small machine; 0 = the Class A reporting intervals).
   */
  OPENPCS_SIM_AIS_EVERY_S: z.coerce.number().int().min(0).max(600).default(0),
  /** Admin API key of the port authority, for `openpcs sim --live --target …` to register the simulated parties. */
  OPENPCS_ADMIN_KEY: z.string().min(1).optional(),
  /** MQTT broker whose equipment telemetry `serve` subscribes to (unset: none). */
  OPENPCS_MQTT_URL: z
    .string()
    .regex(/^mqtts?:\/\/[^\s/]+(:\d+)?\/?$/, 'an MQTT broker URL such as mqtt://127.0.0.1:1883')
    .optional(),
  /** Organisation the MQTT telemetry is stored as sent by (an existing organisation id). */
  OPENPCS_MQTT_SENDER: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'an organisation id')
    .default('local'),
  /** Run the embedded MQTT broker when OPENPCS_MQTT_URL is unset (`serve`; ingest/transports/embedded-mqtt-broker.ts). */
  OPENPCS_MQTT_EMBEDDED: z.enum(['on', 'off']).default('on'),
  /** Address the embedded broker listens on (loopback: it has no authentication). */
  OPENPCS_MQTT_EMBEDDED_HOST: z.string().min(1).max(200).default('127.0.0.1'),
  /** Port of the embedded broker: 1884, beside a local Mosquitto's 1883; 0 takes a free port. */
  OPENPCS_MQTT_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65_535).default(1884),
  /** Topic filter of the MQTT telemetry subscription. */
  OPENPCS_MQTT_TOPIC: z.string().min(1).max(200).default('openpcs/telemetry/#'),
  /** Visibility of the MQTT telemetry's events. */
  OPENPCS_MQTT_VISIBILITY: z.enum(['private', 'community', 'public']).default('private'),
  /** JSON file of demurrage and detention tariffs behind `GET /fees` (docs/fees.md). */
  OPENPCS_FEE_TARIFFS: z.string().min(1).optional(),
  /** JSON file of the green corridors and the particulars register (docs/emissions.md "Green corridors"). */
  OPENPCS_GREEN_CORRIDORS: z.string().min(1).optional(),
});

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Named ranges Fastify's proxy check knows besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Why `entry` cannot name a trusted proxy, or null when it can. */
function trustedProxyProblem(entry: string): string | null {
  if (PROXY_RANGE_NAMES.has(entry)) return null;
  if (/^(true|false|yes|no|on|off|\d+)$/i.test(entry)) {
    return `"${entry}" is not a proxy address: list the proxies' addresses or networks (e.g. 10.0.0.5,10.1.0.0/16), or leave it unset; trusting every peer or a hop count would let any client forge X-Forwarded-For`;
  }
  try {
    parseCidr(entry);
    return null;
  } catch (error) {
    return `${(error as Error).message}; write a proxy's address (10.0.0.5), network (10.1.0.0/16) or loopback, linklocal, uniquelocal`;
  }
}

export type Env = Readonly<z.infer<typeof EnvSchema>>;

export class ConfigError extends Error {
  readonly code = 'PCS_CONFIG_INVALID';
}

/** Parses the environment; one error lists every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return Object.freeze(parsed.data);
}

/** Documentation of every variable, for the README and `openpcs serve --help`. */
export const ENV_DOCS: readonly { name: keyof z.infer<typeof EnvSchema>; default: string; meaning: string }[] = [
  { name: 'PORT', default: '8080', meaning: 'HTTP port' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'interface to listen on' },
  { name: 'DATABASE_URL', default: '(unset)', meaning: 'PostgreSQL server URL; unset = embedded PGlite' },
  { name: 'OPENPCS_DATA_DIR', default: './data', meaning: 'embedded database directory' },
  { name: 'OPENPCS_TIME_ZONE', default: 'UTC', meaning: 'zone of zone-less date-times in messages' },
  { name: 'OPENPCS_BODY_LIMIT_MIB', default: '64', meaning: 'largest accepted message body (MiB)' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'log level (fatal…trace, silent)' },
  {
    name: 'OPENPCS_FEED_STALE_MINUTES',
    default: '60',
    meaning: 'terminal feed figures (appointment slots, empty returns) older than this are flagged stale',
  },
  {
    name: 'OPENPCS_VESSEL_STALE_MINUTES',
    default: '30',
    meaning: 'GET /vessels/{id}: a vessel whose newest AIS report is older than this (minutes) is flagged stale',
  },
  {
    name: 'OPENPCS_APPOINTMENT_GRACE_MINUTES',
    default: '30',
    meaning: 'minutes either side of an appointment slot in which a gate-in still counts as kept (0-720)',
  },
  {
    name: 'OPENPCS_LFD_ALERT_HOUR',
    default: '0',
    meaning: 'local hour (terminal zone) from which last-free-day-tomorrow alerts go out without a new message',
  },
  {
    name: 'OPENPCS_GRID_CO2_G_PER_KWH',
    default: '225',
    meaning:
      'grid CO2 factor of shore power, g/kWh, in the per-call emissions (docs/emissions.md; the default is unsourced)',
  },
  {
    name: 'OPENPCS_INBOX_SWEEP_S',
    default: '30',
    meaning: 'seconds between sweeps that process inbox messages left unprocessed by a dropped connection',
  },
  { name: 'OPENPCS_RATE_LIMIT_PER_MIN', default: '1200', meaning: 'requests per minute per API key (429 beyond)' },
  {
    name: 'OPENPCS_AUTH_FAILURES_PER_MIN',
    default: '30',
    meaning: 'failed authentications per minute per client address (429 beyond; valid keys unaffected)',
  },
  {
    name: 'OPENPCS_BEHIND_TLS',
    default: 'false',
    meaning: 'clients reach the API over TLS (here or at a proxy): answers carry Strict-Transport-Security',
  },
  {
    name: 'OPENPCS_TRUST_PROXY',
    default: '(none)',
    meaning:
      'reverse proxies (addresses, CIDRs, loopback/linklocal/uniquelocal) whose X-Forwarded-For names the client; others are ignored',
  },
  {
    name: 'OPENPCS_METRICS_PORT',
    default: '(unset)',
    meaning: 'separate port serving /metrics without a key (keep it internal); on the API port /metrics needs admin',
  },
  { name: 'OPENPCS_PG_POOL_SIZE', default: '10', meaning: 'PostgreSQL connections per process' },
  {
    name: 'OPENPCS_CALLBACK_ALLOW_NETWORKS',
    default: '(none)',
    meaning: 'networks webhook callbacks may reach although loopback/private, e.g. 10.20.0.0/16,127.0.0.1/32',
  },
  {
    name: 'OPENPCS_SIM',
    default: 'auto',
    meaning:
      'simulator feeding serve live (docs/simulator.md): auto = on with the embedded database, off with DATABASE_URL; on; off',
  },
  { name: 'OPENPCS_SIM_SPEED', default: '1', meaning: 'simulated seconds per second once the simulator is live' },
  {
    name: 'OPENPCS_SIM_BACKFILL_HOURS',
    default: '3',
    meaning: 'hours before now the simulator starts at, sent as fast as the server takes them',
  },
  {
    name: 'OPENPCS_SIM_AIS_EVERY_S',
    default: '0',
    meaning:
      'at most one simulated AIS position per vessel every N s (thins the feed for a small machine); 0 = Class A intervals',
  },
  {
    name: 'OPENPCS_ADMIN_KEY',
    default: '(unset)',
    meaning: 'port authority admin key openpcs sim --live uses to register the simulated parties (or --admin-key)',
  },
  {
    name: 'OPENPCS_MQTT_URL',
    default: '(unset)',
    meaning: 'MQTT broker serve subscribes to for equipment telemetry (docs/simulator.md), e.g. mqtt://127.0.0.1:1883',
  },
  { name: 'OPENPCS_MQTT_SENDER', default: 'local', meaning: 'organisation the MQTT telemetry is stored as sent by' },
  {
    name: 'OPENPCS_MQTT_EMBEDDED',
    default: 'on',
    meaning: 'without OPENPCS_MQTT_URL, serve runs an embedded MQTT broker and takes telemetry from it (on/off)',
  },
  {
    name: 'OPENPCS_MQTT_EMBEDDED_HOST',
    default: '127.0.0.1',
    meaning: 'address of the embedded broker (no authentication: keep it on loopback unless the network is trusted)',
  },
  { name: 'OPENPCS_MQTT_EMBEDDED_PORT', default: '1884', meaning: 'port of the embedded broker (0: any free port)' },
  { name: 'OPENPCS_MQTT_TOPIC', default: 'openpcs/telemetry/#', meaning: 'topic filter of the telemetry subscription' },
  {
    name: 'OPENPCS_MQTT_VISIBILITY',
    default: 'private',
    meaning: "visibility of the MQTT telemetry's events: private (the sender only), community, public",
  },
  {
    name: 'OPENPCS_FEE_TARIFFS',
    default: '(unset)',
    meaning: 'JSON file of demurrage and detention tariffs for GET /fees; unset = illustrative defaults',
  },
  {
    name: 'OPENPCS_GREEN_CORRIDORS',
    default: '(unset)',
    meaning:
      'JSON file of the green corridors, their target pathways and the particulars register; unset = data-static/corridors/green-corridors.json',
  },
];
