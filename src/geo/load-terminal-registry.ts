/** Reads the shipped terminal registry (`data-static/terminals/san-pedro-bay-terminals.json`) once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTerminalRegistry, type TerminalRegistry } from '../domain/terminal-registry.js';
import { packageRoot } from './geo-data-path.js';

let loaded: TerminalRegistry | undefined;

/** The San Pedro Bay terminals; throws (broken install, not bad input) if the file is missing or invalid. */
export function loadTerminalRegistry(): TerminalRegistry {
  loaded ??= parseTerminalRegistry(
    JSON.parse(
      readFileSync(join(packageRoot(), 'data-static', 'terminals', 'san-pedro-bay-terminals.json'), 'utf8'),
    ) as unknown,
  );
  return loaded;
}
