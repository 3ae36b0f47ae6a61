import type { Command } from 'commander';
import { initKey, keyDir, loadKey } from '../../evidence/keys.ts';
import { dataDirOf, printJson } from '../context.ts';

export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description(
      'the Ed25519 key that signs ledger checkpoints (kept in $VIGIL_KEY_DIR or ~/.config/vigil, mode 0600)',
    );
  keys
    .command('init')
    .description('make the installation key; never replaces an existing one')
    .option('--name <origin>', 'key name and checkpoint origin, e.g. example.org/vigil (default vigil.local/<host>)')
    .option('--data <dir>', 'data folder (the key must live outside it)')
    .action(async (opts, cmd: Command) => {
      const k = await initKey({ name: opts.name, dataDir: dataDirOf(cmd) });
      process.stdout.write(
        `Made ${k.path} (mode 600).\nVerifier key (give it to whoever must check your bags, by a channel other than the bag):\n${k.verifierKey}\n`,
      );
    });
  keys
    .command('show')
    .description('print the verifier key (public) and where the private key is')
    .option('--json')
    .action(async (opts) => {
      const k = await loadKey();
      if (opts.json) return printJson({ name: k.name, verifierKey: k.verifierKey, path: k.path, dir: keyDir() });
      process.stdout.write(`${k.verifierKey}\n`);
      process.stderr.write(`private key: ${k.path}\n`);
    });
}
