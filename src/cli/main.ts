import { Command, CommanderError } from 'commander';
import { ImportError, NotFoundError, UsageError, VigilError } from '../core/errors.ts';
import { registrations } from './commands/index.ts';
import { EXIT, EXIT_HELP } from './exit-codes.ts';

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Collect, preserve, triage and watch what people post from inside a crisis.')
    .option('--data <dir>', 'data folder (default: $VIGIL_DATA or ./vigil-data)')
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError()
    .exitOverride();
  for (const register of registrations) register(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    if (!cmd.options.some((o) => o.long === '--data'))
      cmd.option('--data <dir>', 'data folder (default: $VIGIL_DATA or ./vigil-data)');
  }
  return program;
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof NotFoundError) return EXIT.notFound;
  if (err instanceof ImportError) return EXIT.inputRefused;
  return EXIT.failure;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    const code = exitCodeFor(err);
    if (!(err instanceof CommanderError)) {
      // One plain line for the user; the stack trace only when asked for (VIGIL_DEBUG=1).
      const debug = process.env.VIGIL_DEBUG === '1' && err instanceof Error && !(err instanceof VigilError);
      const msg = debug
        ? (err.stack ?? err.message)
        : err instanceof Error
          ? `${err instanceof VigilError ? '' : `${err.name === 'Error' ? 'error' : err.name}: `}${err.message.split('\n')[0]}${err instanceof VigilError ? '' : ' (set VIGIL_DEBUG=1 for details)'}`
          : String(err);
      process.stderr.write(`vigil: ${msg}\n`);
    }
    return code;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
