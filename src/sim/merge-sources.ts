/**
 * Several message sources as one (the cargo flows, a party's own feed…): each window holds every source's
 * messages in time order; ties keep the order of the sources, then each source's own order. The feeder takes
 * the merged source, so adding a source is one more entry in the list (`sim-sources.ts`). Pure.
 */
import type { SimMessage, SimMessageSource } from './sim-message.js';

export function mergeSources(sources: readonly SimMessageSource[]): SimMessageSource {
  if (sources.length === 1) return sources[0]!;
  return {
    prepare(fromMs: number, toMs: number): boolean {
      let did = false;
      for (const source of sources) did = (source.prepare?.(fromMs, toMs) ?? false) || did;
      return did;
    },
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      const tagged: { m: SimMessage; source: number; index: number }[] = [];
      sources.forEach((source, s) => {
        source.messagesIn(fromMs, toMs).forEach((m, index) => tagged.push({ m, source: s, index }));
      });
      tagged.sort((a, b) => a.m.atMs - b.m.atMs || a.source - b.source || a.index - b.index);
      return tagged.map((t) => t.m);
    },
  };
}
