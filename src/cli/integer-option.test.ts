import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, overrideExits } from './program.js';
import { parseIntegerOption, positionOption } from './integer-option.js';
import { exitCodeOfError, exitCodeOfStatuses } from './exit-codes.js';

/** The whole command tree, failing with a CommanderError instead of exiting, and quiet. */
function buildProgramForTest(): Command {
  const program = overrideExits(buildProgram());
  const quiet = (command: Command): void => {
    command.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    command.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

describe('numeric CLI options', () => {
  it('should take whole numbers in range and refuse anything else, never NaN', () => {
    expect(parseIntegerOption('100', { min: 1, max: 1000 })).toBe(100);
    expect(parseIntegerOption(' 7 ', { min: 1 })).toBe(7);
    for (const text of ['abc', '', '1.5', '1e3', '0x10', 'NaN', '12abc', '0', '1001', '99999999999999999999']) {
      expect(() => parseIntegerOption(text, { min: 1, max: 1000 }), text).toThrow(InvalidArgumentError);
    }
    expect(positionOption('0042')).toBe('42');
    expect(() => positionOption('-1')).toThrow(InvalidArgumentError);
    expect(() => positionOption('9223372036854775808')).toThrow(InvalidArgumentError);
  });

  it.each([
    ['dead-letters', '--limit', 'abc'],
    ['dead-letters', '--limit', '0'],
    ['export', 'events', '--limit', 'ten'],
    ['export', 'events', '--after', 'last'],
    ['feed', '--batch-lines', '1k'],
    ['feed', '--batch-ms', '-5'],
    ['serve', '--port', '80a'],
    ['serve', '--port', '70000'],
  ])('should end "openpcs %s %s %s" as a usage error (exit status 2) before doing anything', async (...args) => {
    const program = buildProgramForTest();
    const error = await program.parseAsync(args, { from: 'user' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe('commander.invalidArgument');
    expect(exitCodeOfError(error)).toBe(2);
  });

  it('should give ingest and replay one exit status per outcome: 0 all stored, 3 in part, 1 nothing', () => {
    expect(exitCodeOfStatuses(['processed'])).toBe(0);
    expect(exitCodeOfStatuses([])).toBe(0);
    expect(exitCodeOfStatuses(['partial'])).toBe(3);
    expect(exitCodeOfStatuses(['processed', 'failed'])).toBe(3);
    expect(exitCodeOfStatuses(['failed'])).toBe(1);
    expect(exitCodeOfStatuses(['failed', 'failed'])).toBe(1);
    expect(exitCodeOfError(new Error('boom'))).toBe(1);
  });
});
