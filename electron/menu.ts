/** The Chinese application menu, as a plain template (built into a Menu by the caller). */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Development build: adds 重新加载 and 开发者工具. */
  isDev: boolean;
  onAbout: () => void;
}

export function menuTemplate({ isDev, onAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([
          { role: 'reload', label: '重新加载' },
          { role: 'toggleDevTools', label: '开发者工具' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  return [
    { label: '文件(&F)', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    { label: '帮助(&H)', submenu: [{ label: '关于安委台账', click: () => onAbout() }] },
  ];
}

/** The text of the 关于 dialog. */
export function aboutDetail(info: { version: string; dataDir: string; electron?: string }): string {
  return [
    `版本：${info.version}`,
    `数据目录：${info.dataDir}`,
    ...(info.electron ? [`运行环境：Electron ${info.electron}`] : []),
    '',
    '县级安委办台账管理：明白书登记、自查报告、隐患台账、报表导入与案卷归档。',
    '数据只保存在本机的数据目录中，请定期备份。',
  ].join('\n');
}
