/**
 * CLI: the data directory itself: init, the 归档 settings (settings) and the demo data (demo).
 */
import { dataPaths } from '../../platform/context';
import { validation } from '../../platform/errors';
import { getSettings, updateSettings } from '../../settings/service';
import { MODE_WORDS } from '../../domain/archiveMode';
import { fillDemo } from '../../demo/service';
import { print, str, type Command } from '../args';

export const setupCommands: Record<string, Command> = {
  async init(ctx, _a, io) {
    io.out(`数据目录已就绪：${ctx.dataDir}\n数据库：${dataPaths(ctx.dataDir).dbFile}`);
  },

  async demo(ctx, { values }, io) {
    const r = fillDemo(ctx);
    print(
      io,
      !!values.json,
      r,
      () =>
        `已填入演示数据：单位 ${r.units} 个，通知 ${r.notices} 件，明白书 ${r.pledges} 份，报送 ${r.returns} 份，隐患 ${r.hazards} 条`,
    );
  },

  async settings(ctx, { values }, io) {
    const mode = str(values, 'mode');
    if (mode !== undefined && mode !== 'piece' && mode !== 'volume')
      throw validation('归档方式（--mode）只能是 piece（按件归档）或 volume（组卷）');
    const patch = {
      ...(mode ? { archiveMode: mode as 'piece' | 'volume' } : {}),
      ...(str(values, 'org-code') !== undefined ? { orgCode: str(values, 'org-code') } : {}),
      ...(str(values, 'fonds-code') !== undefined ? { fondsCode: str(values, 'fonds-code') } : {}),
    };
    const s = Object.keys(patch).length ? updateSettings(ctx, patch) : getSettings(ctx);
    const out = { archiveMode: s.archiveMode, orgCode: s.orgCode, fondsCode: s.fondsCode, fondsName: s.fondsName };
    const w = MODE_WORDS[s.archiveMode];
    print(io, !!values.json, out, () =>
      [
        `归档方式：${w.name}（${w.standard}）`,
        `全宗号：${s.fondsCode || '（未设置）'}`,
        `机构（问题）代码：${s.orgCode || '（未设置）'}`,
        `全宗名称：${s.fondsName}`,
      ].join('\n'),
    );
  },
};
