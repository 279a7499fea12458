import type { MessageParser } from './message-parser.js';

/** Format id → parser. Built once at start-up and passed down; unknown formats are a 404 / CLI error. */
export class ParserRegistry {
  readonly #parsers = new Map<string, MessageParser>();

  constructor(parsers: readonly MessageParser[] = []) {
    for (const parser of parsers) this.register(parser);
  }

  register(parser: MessageParser): this {
    if (this.#parsers.has(parser.format)) throw new Error(`parser for format "${parser.format}" registered twice`);
    this.#parsers.set(parser.format, parser);
    return this;
  }

  get(format: string): MessageParser | undefined {
    return this.#parsers.get(format);
  }

  formats(): string[] {
    return [...this.#parsers.keys()].sort();
  }

  list(): MessageParser[] {
    return this.formats().map((f) => this.#parsers.get(f)!);
  }
}
