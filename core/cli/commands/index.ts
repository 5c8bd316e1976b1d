/**
 * The CLI's command registry: every command by the words that name it on the command line ("units add",
 * "backup"), one file per group. Commands get an opened context; the raw ones get the data directory only,
 * because they must work on a database that will not open (check, restore, recover, backups list, check-package).
 */
import type { Command, RawCommand } from '../args';
import { backupCommands, recoveryCommands } from './backup';
import { exportCommands } from './exports';
import { hazardCommands } from './hazards';
import { importCommands } from './imports';
import { noticeCommands } from './notices';
import { packageCommands, packageRawCommands } from './package';
import { pledgeCommands } from './pledges';
import { returnCommands } from './returns';
import { setupCommands } from './setup';
import { unitCommands } from './units';
import { volumeCommands } from './volumes';

export const commands: Record<string, Command> = {
  ...setupCommands,
  ...unitCommands,
  ...noticeCommands,
  ...pledgeCommands,
  ...hazardCommands,
  ...returnCommands,
  ...importCommands,
  ...volumeCommands,
  ...packageCommands,
  ...exportCommands,
  ...backupCommands,
};

export const rawCommands: Record<string, RawCommand> = {
  ...recoveryCommands,
  ...packageRawCommands,
};
