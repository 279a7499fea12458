import { describe, expect, it } from 'vitest';
import { loadGeography } from '../geo/load-geography.js';
import { loadTerminalRegistry } from '../geo/load-terminal-registry.js';
import { SAN_PEDRO_BAY_TERMINALS } from './identifiers/smdg-terminal-code.js';
import { parseTerminalRegistry, terminalCodeOfZone } from './terminal-registry.js';

describe('terminal registry of San Pedro Bay', () => {
  const registry = loadTerminalRegistry();

  it('should list the same terminals as the SMDG codes the parsers know, each cited', () => {
    const key = (t: { unLocode: string; smdgCode: string }) => `${t.unLocode}:${t.smdgCode}`;
    expect(registry.terminals.map(key).sort()).toEqual(SAN_PEDRO_BAY_TERMINALS.map(key).sort());
    for (const t of registry.terminals) {
      expect(t.source.url).toBe('https://github.com/smdg-org/Terminal-Code-List');
      expect(t.source.row).toContain(`Terminal Code ${t.smdgCode}`);
      expect(t.berths).toBe(SAN_PEDRO_BAY_TERMINALS.find((s) => s.smdgCode === t.smdgCode)?.berths);
    }
  });

  it('should map terminals to berth zones that the geography draws, in the same port', () => {
    const geography = loadGeography();
    for (const t of registry.terminals.filter((x) => x.zoneId !== null)) {
      const zone = geography.zones.find((z) => z.id === t.zoneId);
      expect(zone?.kind, t.smdgCode).toBe('terminal');
      expect(zone?.port, t.smdgCode).toBe(t.unLocode);
      expect(t.zoneSource).toContain(t.zoneId!);
    }
  });

  it('should name the one terminal of a zone, and none for a shared or unknown zone', () => {
    expect(terminalCodeOfZone(registry, 'pola-everport')).toBe('ETS');
    expect(terminalCodeOfZone(registry, 'polb-lbct')).toBe('LBCT');
    expect(registry.inZone('pola-west-basin').map((t) => t.smdgCode)).toEqual(['TRAP', 'WBCT']);
    expect(terminalCodeOfZone(registry, 'pola-west-basin')).toBeNull();
    expect(terminalCodeOfZone(registry, 'berth-obs-inner-harbour-1')).toBeNull();
    expect(terminalCodeOfZone(registry, null)).toBeNull();
  });

  it('should refuse a registry file that lists a code twice', () => {
    const [first] = registry.terminals;
    expect(() => parseTerminalRegistry({ description: '', terminals: [first, first] })).toThrow(/listed twice/);
  });
});
