import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, menuTemplate } from '../../electron/menu';

type Item = MenuItemConstructorOptions;
const sub = (m: Item[], label: string) => m.find((i) => i.label?.startsWith(label))!.submenu as Item[];
const roles = (items: Item[]) => items.filter((i) => i.role).map((i) => [i.role, i.label]);

describe('menuTemplate', () => {
  it('has the Chinese menus 文件, 编辑, 视图, 帮助', () => {
    const m = menuTemplate({ isDev: false, onAbout: () => {} });
    expect(m.map((i) => i.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(roles(sub(m, '文件'))).toEqual([['quit', '退出']]);
    expect(roles(sub(m, '编辑'))).toEqual([
      ['undo', '撤销'],
      ['redo', '重做'],
      ['cut', '剪切'],
      ['copy', '复制'],
      ['paste', '粘贴'],
      ['selectAll', '全选'],
    ]);
  });

  it('offers 重新加载 and developer tools only in development', () => {
    const prod = roles(sub(menuTemplate({ isDev: false, onAbout: () => {} }), '视图'));
    expect(prod).toEqual([
      ['resetZoom', '实际大小'],
      ['zoomIn', '放大'],
      ['zoomOut', '缩小'],
      ['togglefullscreen', '全屏'],
    ]);
    const dev = roles(sub(menuTemplate({ isDev: true, onAbout: () => {} }), '视图'));
    expect(dev.slice(0, 2)).toEqual([
      ['reload', '重新加载'],
      ['toggleDevTools', '开发者工具'],
    ]);
  });

  it('帮助 → 关于安委台账 calls onAbout', () => {
    const onAbout = vi.fn();
    const about = sub(menuTemplate({ isDev: false, onAbout }), '帮助')[0]!;
    expect(about.label).toBe('关于安委台账');
    (about.click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
  });

  it('the about text shows version and data directory', () => {
    const t = aboutDetail({ version: '0.1.0', dataDir: 'D:\\台账数据' });
    expect(t).toContain('版本：0.1.0');
    expect(t).toContain('数据目录：D:\\台账数据');
  });
});
