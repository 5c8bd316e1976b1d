// Entry of the Electron main process (bundled to dist/electron/main.cjs). All logic lives in app.ts.
import * as electron from 'electron';
import { startApp } from './app';

void startApp(electron).catch((e: unknown) => {
  console.error('[main] 启动失败', e);
  electron.dialog.showErrorBox('安委台账无法启动', `启动时出错：${String((e as Error)?.message ?? e)}`);
  electron.app.exit(1);
});
